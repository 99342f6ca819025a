package dev.loupe.server.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Compares content definitions "in meaning": Jackson's object equality already ignores key order; this drops the
 * id keys ({@code id}, {@code contentId}, {@code folderId}, {@code parentId}) at every level. Everything else,
 * nulls and JSON strings included, must be equal.
 */
final class JsonMeaning {
    private static final Set<String> IDS = Set.of("id", "contentId", "folderId", "parentId");

    private JsonMeaning() {}

    static JsonNode withoutIds(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            object.properties().forEach(field -> {
                if (!IDS.contains(field.getKey())) {
                    copy.set(field.getKey(), withoutIds(field.getValue()));
                }
            });
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> copy.add(withoutIds(element)));
            return copy;
        }
        return node;
    }
}
