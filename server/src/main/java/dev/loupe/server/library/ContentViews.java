package dev.loupe.server.library;

import java.util.List;

/** The JSON bodies of the Content API: Sumo's {@code Content}, {@code Folder}, paths and permissions. */
public final class ContentViews {
    private ContentViews() {}

    /** Sumo's {@code Content}: an item with the caller's effective permissions on it. */
    public record Content(String createdAt, String createdBy, String modifiedAt, String modifiedBy, String id,
            String name, String itemType, String parentId, List<String> permissions) {}

    /** Sumo's {@code Folder}: a {@link Content} with its description and the children the caller can see. */
    public record Folder(String createdAt, String createdBy, String modifiedAt, String modifiedBy, String id,
            String name, String itemType, String parentId, List<String> permissions, String description,
            List<Content> children) {}

    /** The body of {@code GET /v2/content/{id}/path}. */
    public record Path(String path) {}

    /** The result body of the global and admin-recommended folder jobs. */
    public record ContentList(List<Content> data) {}

    /** Sumo's {@code ContentPermissionAssignment}. */
    public record PermissionAssignment(String permissionName, String sourceType, String sourceId,
            String contentId) {}

    /** Sumo's {@code ContentPermissionResult}. */
    public record PermissionResult(List<PermissionAssignment> explicitPermissions,
            List<PermissionAssignment> implicitPermissions) {}
}
