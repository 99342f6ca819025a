package dev.loupe.server.library;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One row of the library: a folder, dashboard, saved search, lookup table or any other item.
 *
 * @param id the item's content id
 * @param parentId the enclosing folder, null only for the {@code /Library} root
 * @param itemType Sumo's item type
 * @param folderKind the system role of a folder, {@link FolderKind#ORDINARY} for everything else
 * @param name the name shown in the library and in paths
 * @param description the description, possibly empty
 * @param ownerId the user who owns the item: the owner of the personal folder it was created in, or its creator
 * @param pathName the path segment when it differs from the name (a personal folder is "Personal" but its path
 *     segment is the owner's login), else null
 * @param dashboardId the 60-character Dashboards API id of a dashboard, else null
 * @param definitionJson the item's {@code ContentSyncDefinition} as imported or created, as JSON text; a
 *     folder's without its {@code children}
 * @param createdAt when the item was created
 * @param createdBy who created it
 * @param modifiedAt when it last changed
 * @param modifiedBy who changed it last
 */
public record ContentItem(ContentId id, ContentId parentId, ItemType itemType, FolderKind folderKind, String name,
        String description, String ownerId, String pathName, String dashboardId, String definitionJson,
        Instant createdAt, String createdBy, Instant modifiedAt, String modifiedBy) {
    public ContentItem {
        requireNonNull(id, "id is null");
        requireNonNull(itemType, "itemType is null");
        requireNonNull(folderKind, "folderKind is null");
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(ownerId, "ownerId is null");
        requireNonNull(definitionJson, "definitionJson is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(modifiedAt, "modifiedAt is null");
        requireNonNull(modifiedBy, "modifiedBy is null");
        if (parentId == null && folderKind != FolderKind.LIBRARY) {
            throw new IllegalArgumentException("only the library root has no parent: " + id);
        }
    }

    /** The segment of this item in a library path. */
    public String pathSegment() {
        return pathName == null ? name : pathName;
    }

    /** This item renamed and re-described, with its definition text replaced, as modified by {@code userId}. */
    public ContentItem modified(String newName, String newDescription, String newDefinitionJson, Instant at,
            String userId) {
        return new ContentItem(id, parentId, itemType, folderKind, newName, newDescription, ownerId, pathName,
                dashboardId, newDefinitionJson, createdAt, createdBy, at, userId);
    }

    /** This item in another folder, as moved by {@code userId}. */
    public ContentItem movedTo(ContentId newParentId, Instant at, String userId) {
        return new ContentItem(id, newParentId, itemType, folderKind, name, description, ownerId, pathName,
                dashboardId, definitionJson, createdAt, createdBy, at, userId);
    }
}
