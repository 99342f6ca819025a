package dev.loupe.server.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;

/** Reads the JSON text the library stores; what it stores it wrote, so bad text is corrupt data. */
public final class LibraryJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LibraryJson() {}

    /**
     * Parses stored JSON object text.
     *
     * @throws LoupeException {@code CORRUPT_DATA} when the text is not a JSON object
     */
    public static ObjectNode object(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new LoupeException(ErrorCode.CORRUPT_DATA, "a stored library definition is not a JSON object");
        } catch (JsonProcessingException exception) {
            throw new LoupeException(ErrorCode.CORRUPT_DATA, "a stored library definition is not JSON: "
                    + exception.getOriginalMessage(), exception);
        }
    }
}
