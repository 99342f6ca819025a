package dev.loupe.server.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.server.ApiException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reads a {@code ContentSyncDefinition} JSON tree into {@link ContentSyncDefinition}s and writes it back. */
public final class SyncDefinitions {
    /** Sumo's limit: one import holds at most this many objects. */
    public static final int MAX_OBJECTS = 1000;

    private SyncDefinitions() {}

    /**
     * Parses and validates a definition: every node an object with a known {@code type} and a non-blank
     * {@code name}, folders with a {@code children} array, at most {@value #MAX_OBJECTS} nodes.
     *
     * @throws ApiException 400 {@code content:invalid_definition} naming the offending node
     */
    public static ContentSyncDefinition parse(JsonNode json) {
        int[] count = {0};
        return parse(json, "$", count);
    }

    private static ContentSyncDefinition parse(JsonNode json, String location, int[] count) {
        if (!(json instanceof ObjectNode object)) {
            throw invalid(location + " must be a JSON object");
        }
        if (++count[0] > MAX_OBJECTS) {
            throw invalid("an import holds at most " + MAX_OBJECTS + " objects");
        }
        String typeName = object.path("type").asText("");
        SyncType type = SyncType.named(typeName).orElseThrow(() -> invalid(location + ".type '" + typeName
                + "' is not a known ContentSyncDefinition type"));
        if (!object.path("name").isTextual() || object.path("name").asText().isBlank()) {
            throw invalid(location + ".name is required");
        }
        if (type != SyncType.FolderSyncDefinition) {
            return new ContentSyncDefinition.Item(type, object.deepCopy());
        }
        JsonNode children = object.get("children");
        if (!(children instanceof ArrayNode array)) {
            throw invalid(location + ".children must be an array");
        }
        List<ContentSyncDefinition> parsed = new ArrayList<>();
        for (int index = 0; index < array.size(); index++) {
            parsed.add(parse(array.get(index), location + ".children[" + index + "]", count));
        }
        ObjectNode attributes = object.deepCopy();
        attributes.remove("children");
        return new ContentSyncDefinition.Folder(attributes, parsed);
    }

    /** The JSON of a definition tree; a folder's {@code children} go where the folder had them. */
    public static ObjectNode toJson(ContentSyncDefinition definition) {
        return switch (definition) {
            case ContentSyncDefinition.Item item -> item.definition().deepCopy();
            case ContentSyncDefinition.Folder folder -> {
                ArrayNode children = JsonNodeFactory.instance.arrayNode();
                folder.children().forEach(child -> children.add(toJson(child)));
                yield withChildren(folder.attributes(), children);
            }
        };
    }

    /** A copy of a folder's attributes with {@code children} after {@code description} (Sumo's export order). */
    private static ObjectNode withChildren(ObjectNode attributes, ArrayNode children) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        boolean placed = false;
        Iterator<Map.Entry<String, JsonNode>> fields = attributes.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            result.set(field.getKey(), field.getValue().deepCopy());
            if (field.getKey().equals("description")) {
                result.set("children", children);
                placed = true;
            }
        }
        if (!placed) {
            result.set("children", children);
        }
        return result;
    }

    private static ApiException invalid(String message) {
        return new ApiException(ErrorCode.INVALID_INPUT, 400, "content:invalid_definition", message);
    }
}
