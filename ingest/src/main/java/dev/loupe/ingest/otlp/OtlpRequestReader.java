package dev.loupe.ingest.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.ingest.CompressedBody;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Reads one OTLP request body (through its {@code Content-Encoding}) into a protobuf message. Stateless.
 *
 * <p>OTLP/JSON differs from the plain proto3 JSON mapping in one point: {@code traceId}, {@code spanId} and
 * {@code parentSpanId} are hex strings, not base64. They are rewritten to base64 before the JSON is parsed.
 * Unknown JSON fields are ignored, as the OTLP specification asks of receivers.
 */
final class OtlpRequestReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> HEX_ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");
    private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();

    private OtlpRequestReader() {}

    /**
     * Parses the body into {@code builder}; an empty body leaves it empty.
     *
     * @param requestName the message's name for error messages, e.g. {@code ExportLogsServiceRequest}
     * @throws LoupeException {@code INVALID_INPUT} when the body is not such a message in {@code encoding};
     *     {@code INVALID_ENCODING} or {@code PAYLOAD_TOO_LARGE} from decompression
     */
    static void read(InputStream body, String contentEncoding, long maxDecompressedBytes, OtlpEncoding encoding,
            Message.Builder builder, String requestName) {
        byte[][] bytes = {new byte[0]};
        CompressedBody.read(body, contentEncoding, maxDecompressedBytes, decompressed -> bytes[0] = decompressed.readAllBytes());
        if (bytes[0].length == 0) {
            return;
        }
        try {
            switch (encoding) {
                case PROTOBUF -> builder.mergeFrom(bytes[0]);
                case JSON -> JSON_PARSER.merge(withBase64Ids(bytes[0]), builder);
            }
        } catch (InvalidProtocolBufferException invalid) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "the body is not an OTLP " + requestName + " in "
                    + (encoding == OtlpEncoding.JSON ? "OTLP/JSON" : "protobuf") + ": " + invalid.getMessage(), invalid);
        }
    }

    private static String withBase64Ids(byte[] json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException invalid) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "the body is not JSON: " + invalid.getOriginalMessage(),
                    invalid);
        } catch (IOException unreadable) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "could not read the JSON body: " + unreadable.getMessage(),
                    unreadable);
        }
        rewriteIds(tree);
        return tree.toString();
    }

    private static void rewriteIds(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                JsonNode value = property.getValue();
                if (HEX_ID_FIELDS.contains(property.getKey()) && value.isTextual()) {
                    property.setValue(object.textNode(base64OfHex(property.getKey(), value.asText())));
                } else {
                    rewriteIds(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                rewriteIds(element);
            }
        }
    }

    private static String base64OfHex(String field, String hex) {
        try {
            return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException notHex) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, field + " '" + hex + "' is not a hex string (OTLP/JSON "
                    + "writes trace and span ids in hex)", notHex);
        }
    }
}
