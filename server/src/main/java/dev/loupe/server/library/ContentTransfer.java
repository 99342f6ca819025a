package dev.loupe.server.library;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.server.ApiException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moving content in and out of the library: import and export of {@code ContentSyncDefinition} trees, delete,
 * copy and move. Import stores each node's JSON as given (a folder's without its children), and export writes it
 * back with the current names, so export after import gives the imported definition. Thread-safe.
 */
public final class ContentTransfer {
    private static final String DASHBOARD_ID_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int DASHBOARD_ID_LENGTH = 60;

    private final ContentLibrary library;
    private final ContentRepository repository;
    private final SecureRandom random = new SecureRandom();

    public ContentTransfer(ContentLibrary library) {
        this.library = requireNonNull(library, "library is null");
        this.repository = library.repository();
    }

    /** A new opaque 60-character Dashboards API id. */
    public String newDashboardId() {
        StringBuilder id = new StringBuilder(DASHBOARD_ID_LENGTH);
        for (int index = 0; index < DASHBOARD_ID_LENGTH; index++) {
            id.append(DASHBOARD_ID_ALPHABET.charAt(random.nextInt(DASHBOARD_ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /**
     * Checks, before an import job starts, that the folder exists and the caller may edit it.
     *
     * @throws ApiException 404 or 403 as {@link ContentLibrary} answers, 400 when the id is no folder
     */
    public void checkImportTarget(LibraryCaller caller, ContentId folderId) {
        repository.read(connection -> {
            library.require(connection, caller, library.existingFolder(connection, folderId), Permission.Edit);
            return folderId;
        });
    }

    /**
     * Imports a definition tree into a folder and returns the new top item's id. A top item with the same name
     * and item type already in the folder fails the import unless {@code overwrite}, which replaces it (the
     * caller must be allowed to manage it).
     */
    public ContentId importDefinition(LibraryCaller caller, ContentId folderId, ContentSyncDefinition definition,
            boolean overwrite) {
        return repository.write(connection -> {
            ContentItem folder = library.existingFolder(connection, folderId);
            library.require(connection, caller, folder, Permission.Edit);
            Optional<ContentItem> clash = library.childNamed(connection, folder, definition.name(),
                    itemType(definition));
            if (clash.isPresent()) {
                if (!overwrite) {
                    throw new ApiException(ErrorCode.INVALID_INPUT, 400, "content:duplicate_content",
                            "an item named '" + definition.name() + "' already exists in folder " + folderId
                                    + "; import with overwrite=true to replace it");
                }
                library.require(connection, caller, clash.get(), Permission.Manage);
                repository.delete(connection, clash.get().id());
            }
            return insertTree(connection, caller, folder, definition).id();
        });
    }

    private static ItemType itemType(ContentSyncDefinition definition) {
        return switch (definition) {
            case ContentSyncDefinition.Folder folder -> ItemType.Folder;
            case ContentSyncDefinition.Item item -> item.type().itemType();
        };
    }

    /** Inserts a definition tree below {@code parent}; returns the top row. */
    public ContentItem insertTree(Connection connection, LibraryCaller caller, ContentItem parent,
            ContentSyncDefinition definition) throws SQLException {
        return switch (definition) {
            case ContentSyncDefinition.Folder folder -> {
                ContentItem row = library.newItem(parent, caller, ItemType.Folder, folder.name(),
                        folder.description(), null, folder.attributes().toString());
                repository.insert(connection, row);
                for (ContentSyncDefinition child : folder.children()) {
                    insertTree(connection, caller, row, child);
                }
                yield row;
            }
            case ContentSyncDefinition.Item item -> {
                String dashboardId = item.type().itemType() == ItemType.Dashboard ? newDashboardId() : null;
                ContentItem row = library.newItem(parent, caller, item.type().itemType(), item.name(),
                        item.description(), dashboardId, item.definition().toString());
                repository.insert(connection, row);
                yield row;
            }
        };
    }

    /** The definition tree of an item the caller may view, as JSON. */
    public ObjectNode export(LibraryCaller caller, ContentId id) {
        return repository.read(connection -> {
            ContentItem item = library.existing(connection, id);
            library.require(connection, caller, item, Permission.View);
            return SyncDefinitions.toJson(definitionOf(connection, item));
        });
    }

    /** The stored definition tree below (and including) an item, with its current names. */
    public ContentSyncDefinition definitionOf(Connection connection, ContentItem item) throws SQLException {
        ObjectNode definition = LibraryJson.object(item.definitionJson());
        definition.put("name", item.name());
        if (item.itemType() != ItemType.Folder) {
            String typeName = definition.path("type").asText();
            SyncType type = SyncType.named(typeName).orElseThrow(() -> new LoupeException(ErrorCode.CORRUPT_DATA,
                    "content " + item.id() + " has the unknown definition type '" + typeName + "'"));
            return new ContentSyncDefinition.Item(type, definition);
        }
        if (definition.has("description") || !item.description().isEmpty()) {
            definition.put("description", item.description());
        }
        List<ContentSyncDefinition> children = new ArrayList<>();
        for (ContentItem child : repository.children(connection, item.id())) {
            children.add(definitionOf(connection, child));
        }
        return new ContentSyncDefinition.Folder(definition, children);
    }

    /** Checks, before a delete job starts, that the item exists and the caller may manage it. */
    public void checkDelete(LibraryCaller caller, ContentId id) {
        repository.read(connection -> {
            ContentItem item = library.existing(connection, id);
            library.require(connection, caller, item, Permission.Manage);
            if (item.folderKind().isSystem()) {
                throw new ApiException(ErrorCode.INVALID_INPUT, 400, "content:system_folder",
                        "the system folder '" + item.name() + "' cannot be deleted");
            }
            return id;
        });
    }

    /** Deletes an item the caller may manage, with everything below it. */
    public void delete(LibraryCaller caller, ContentId id) {
        checkDelete(caller, id);
        repository.write(connection -> {
            repository.delete(connection, id);
            return id;
        });
    }

    /** Checks, before a copy job starts, that the caller may view the item and edit the destination. */
    public void checkCopy(LibraryCaller caller, ContentId id, ContentId destinationId) {
        repository.read(connection -> {
            library.require(connection, caller, library.existing(connection, id), Permission.View);
            library.require(connection, caller, library.existingFolder(connection, destinationId), Permission.Edit);
            return id;
        });
    }

    /** Copies an item and everything below it into a folder; returns the copy. */
    public ContentViews.Content copy(LibraryCaller caller, ContentId id, ContentId destinationId) {
        return repository.write(connection -> {
            ContentItem item = library.existing(connection, id);
            library.require(connection, caller, item, Permission.View);
            ContentItem destination = library.existingFolder(connection, destinationId);
            library.require(connection, caller, destination, Permission.Edit);
            if (item.folderKind().isSystem()) {
                throw new ApiException(ErrorCode.INVALID_INPUT, 400, "content:system_folder",
                        "the system folder '" + item.name() + "' cannot be copied");
            }
            ContentItem copy = insertTree(connection, caller, destination, definitionOf(connection, item));
            return library.view(connection, caller, copy);
        });
    }

    /** Moves an item the caller may manage into a folder the caller may edit; returns the moved item. */
    public ContentViews.Content move(LibraryCaller caller, ContentId id, ContentId destinationId) {
        return repository.write(connection -> {
            ContentItem item = library.existing(connection, id);
            library.require(connection, caller, item, Permission.Manage);
            ContentItem destination = library.existingFolder(connection, destinationId);
            library.require(connection, caller, destination, Permission.Edit);
            if (item.folderKind().isSystem()) {
                throw new ApiException(ErrorCode.INVALID_INPUT, 400, "content:system_folder",
                        "the system folder '" + item.name() + "' cannot be moved");
            }
            for (ContentItem ancestor : library.lineage(connection, destination)) {
                if (ancestor.id().equals(item.id())) {
                    throw new ApiException(ErrorCode.INVALID_INPUT, 400, "content:invalid_move",
                            "content " + id + " cannot be moved into itself or below itself");
                }
            }
            ContentItem moved = item.movedTo(destination.id(), library.now(), caller.userId());
            repository.update(connection, moved);
            return library.view(connection, caller, moved);
        });
    }
}
