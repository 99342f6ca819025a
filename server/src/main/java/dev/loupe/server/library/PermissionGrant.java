package dev.loupe.server.library;

import static java.util.Objects.requireNonNull;

/**
 * One explicit permission on one item for a user or a role; it applies to the item and everything below it.
 *
 * @param contentId the item
 * @param permission what is granted
 * @param subjectType {@code user} or {@code role}
 * @param subjectId the user's or role's id
 */
public record PermissionGrant(ContentId contentId, Permission permission, SubjectType subjectType,
        String subjectId) {
    public PermissionGrant {
        requireNonNull(contentId, "contentId is null");
        requireNonNull(permission, "permission is null");
        requireNonNull(subjectType, "subjectType is null");
        requireNonNull(subjectId, "subjectId is null");
    }

    /** Who a grant is for, written {@code user} or {@code role} on the wire ({@code sourceType}). */
    public enum SubjectType {
        user,
        role
    }
}
