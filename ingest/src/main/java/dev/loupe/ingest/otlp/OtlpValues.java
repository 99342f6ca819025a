package dev.loupe.ingest.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OTLP values as the text Loupe stores: strings as they are, numbers and booleans as written in JSON, bytes in
 * hex, arrays and key-value lists as JSON. Stateless.
 */
final class OtlpValues {
    private OtlpValues() {}

    /** The attributes in order; a later duplicate key wins. */
    static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> map = new LinkedHashMap<>();
        for (KeyValue attribute : attributes) {
            map.put(attribute.getKey(), text(attribute.getValue()));
        }
        return map;
    }

    /** The text of one value; empty for an unset value. */
    static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BYTES_VALUE -> hex(value.getBytesValue());
            case ARRAY_VALUE, KVLIST_VALUE -> json(value);
            case VALUE_NOT_SET -> "";
        };
    }

    /** Lower-case hex of an id, empty when the id is empty. */
    static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    private static String json(AnyValue value) {
        StringBuilder json = new StringBuilder();
        appendJson(value, json);
        return json.toString();
    }

    private static void appendJson(AnyValue value, StringBuilder json) {
        switch (value.getValueCase()) {
            case STRING_VALUE -> appendString(value.getStringValue(), json);
            case BYTES_VALUE -> appendString(hex(value.getBytesValue()), json);
            case VALUE_NOT_SET -> json.append("null");
            case BOOL_VALUE, INT_VALUE, DOUBLE_VALUE -> json.append(text(value));
            case ARRAY_VALUE -> {
                json.append('[');
                List<AnyValue> elements = value.getArrayValue().getValuesList();
                for (int index = 0; index < elements.size(); index++) {
                    json.append(index == 0 ? "" : ",");
                    appendJson(elements.get(index), json);
                }
                json.append(']');
            }
            case KVLIST_VALUE -> {
                json.append('{');
                List<KeyValue> entries = value.getKvlistValue().getValuesList();
                for (int index = 0; index < entries.size(); index++) {
                    json.append(index == 0 ? "" : ",");
                    appendString(entries.get(index).getKey(), json);
                    json.append(':');
                    appendJson(entries.get(index).getValue(), json);
                }
                json.append('}');
            }
        }
    }

    private static void appendString(String text, StringBuilder json) {
        json.append('"');
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            switch (character) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (character < 0x20) {
                        json.append(String.format("\\u%04x", (int) character));
                    } else {
                        json.append(character);
                    }
                }
            }
        }
        json.append('"');
    }
}
