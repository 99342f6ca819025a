package dev.loupe.server.library;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Sumo's import/export format, as a tree: a folder with children, or a leaf item. The JSON of each node is kept
 * whole (unknown keys, nulls, key order, JSON strings such as {@code visualSettings}), so what is imported is
 * what is exported.
 */
public sealed interface ContentSyncDefinition {
    /** The {@code name} every definition carries. */
    String name();

    /**
     * A {@code FolderSyncDefinition}.
     *
     * @param attributes the folder's JSON without {@code children}; never mutated
     * @param children the folder's items, in order
     */
    record Folder(ObjectNode attributes, List<ContentSyncDefinition> children) implements ContentSyncDefinition {
        public Folder {
            requireNonNull(attributes, "attributes is null");
            children = List.copyOf(children);
        }

        @Override
        public String name() {
            return attributes.path("name").asText();
        }

        /** The folder's {@code description}, empty when absent or null. */
        public String description() {
            return attributes.path("description").isTextual() ? attributes.path("description").asText() : "";
        }
    }

    /**
     * Any other definition: a dashboard, saved search, lookup table...
     *
     * @param type the definition's {@code type}
     * @param definition its whole JSON; never mutated
     */
    record Item(SyncType type, ObjectNode definition) implements ContentSyncDefinition {
        public Item {
            requireNonNull(type, "type is null");
            requireNonNull(definition, "definition is null");
            if (type == SyncType.FolderSyncDefinition) {
                throw new IllegalArgumentException("a folder definition is a Folder, not an Item");
            }
        }

        @Override
        public String name() {
            return definition.path("name").asText();
        }

        /** The item's {@code description}, empty when absent or null. */
        public String description() {
            return definition.path("description").isTextual() ? definition.path("description").asText() : "";
        }
    }
}
