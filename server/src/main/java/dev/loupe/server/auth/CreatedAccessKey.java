package dev.loupe.server.auth;

import static java.util.Objects.requireNonNull;

/**
 * A newly created access key. The only time the plaintext key exists: show it to the user once; Loupe keeps
 * only a hash.
 *
 * @param accessId the public id, the HTTP Basic user name
 * @param accessKey the secret, the HTTP Basic password
 * @param label what the key is for, as given at creation
 */
public record CreatedAccessKey(String accessId, String accessKey, String label) {
    public CreatedAccessKey {
        requireNonNull(accessId, "accessId is null");
        requireNonNull(accessKey, "accessKey is null");
        requireNonNull(label, "label is null");
    }

    @Override
    public String toString() {
        return "CreatedAccessKey[accessId=" + accessId + ", label=" + label + "]";
    }
}
