package dev.loupe.server.auth;

import static java.util.Objects.requireNonNull;

/**
 * What may be shown about an existing access key: never the key or its hash.
 *
 * @param accessId the public id
 * @param userId the id of the user the key acts as
 * @param label what the key is for
 * @param createdMillis when it was created, epoch ms
 */
public record AccessKeyInfo(String accessId, String userId, String label, long createdMillis) {
    public AccessKeyInfo {
        requireNonNull(accessId, "accessId is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(label, "label is null");
    }
}
