package dev.loupe.query.execution;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.loupe.query.plan.JsonPath;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value for {@code json} extraction, built with Jackson's streaming parser: objects are
 * {@link LinkedHashMap}s, arrays {@link ArrayList}s, numbers {@link NumberText} (their source text), strings,
 * booleans and {@link #JSON_NULL}.
 *
 * <p>Extraction results follow the spec (§2.2): scalars as text, objects and arrays as compact JSON, a path with
 * {@code [*]} as a JSON array of every match.
 */
final class JsonDocument {
    /** The JSON {@code null} literal (distinct from "missing"). */
    static final Object JSON_NULL = new Object();
    /** Result of a path that does not exist in the document. */
    static final Object MISSING = new Object();

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** A JSON number kept as written, so that extraction returns the source text. */
    record NumberText(String text) {}

    private JsonDocument() {}

    /**
     * Parses the JSON in {@code text}: the whole text, or else from its first {@code {} (JSON inside a larger
     * message). Returns null when there is no valid JSON.
     */
    static Object parse(String text) {
        Object value = parseWhole(text);
        if (value == null) {
            int brace = text.indexOf('{');
            if (brace > 0) {
                value = parseWhole(text.substring(brace));
            }
        }
        return value;
    }

    /**
     * The JSON object that ends at the last {@code }} of {@code text}: the outermost one, so text before it (a
     * log prefix, or an earlier object) is skipped. Returns null when there is none.
     */
    static Object parseLastObject(String text) {
        int end = text.lastIndexOf('}');
        int start = text.indexOf('{');
        while (start >= 0 && start < end) {
            Object value = parseExactly(text.substring(start, end + 1));
            if (value != null) {
                return value;
            }
            start = text.indexOf('{', start + 1);
        }
        return null;
    }

    private static Object parseExactly(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return null;
            }
            Object value = read(parser, first);
            return parser.nextToken() == null ? value : null;
        } catch (IOException | RuntimeException invalid) {
            return null;
        }
    }

    private static Object parseWhole(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
                return null;
            }
            return read(parser, first);
        } catch (IOException | RuntimeException invalid) {
            return null;
        }
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                JsonToken next = parser.nextToken();
                while (next == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.put(name, read(parser, parser.nextToken()));
                    next = parser.nextToken();
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                JsonToken next = parser.nextToken();
                while (next != JsonToken.END_ARRAY) {
                    array.add(read(parser, next));
                    next = parser.nextToken();
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new NumberText(parser.getText());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> JSON_NULL;
            default -> throw new IOException("unexpected JSON token " + token);
        };
    }

    /** The value at {@code path}, or {@link #MISSING}; a wildcard path yields a list of matches. */
    static Object select(Object root, JsonPath path) {
        if (!path.hasWildcard()) {
            Object current = root;
            for (JsonPath.Segment segment : path.segments()) {
                current = step(current, segment);
                if (current == MISSING) {
                    return MISSING;
                }
            }
            return current;
        }
        List<Object> matches = new ArrayList<>();
        collect(root, path.segments(), 0, matches);
        return matches.isEmpty() ? MISSING : matches;
    }

    private static void collect(Object current, List<JsonPath.Segment> segments, int index, List<Object> matches) {
        if (index == segments.size()) {
            matches.add(current);
            return;
        }
        switch (segments.get(index)) {
            case JsonPath.Wildcard wildcard -> {
                if (current instanceof List<?> array) {
                    for (Object element : array) {
                        collect(element, segments, index + 1, matches);
                    }
                } else if (current instanceof Map<?, ?> object) {
                    for (Object value : object.values()) {
                        collect(value, segments, index + 1, matches);
                    }
                }
            }
            case JsonPath.RecursiveKey recursive -> descend(current, recursive.name(), segments, index, matches);
            case JsonPath.Union union -> {
                for (JsonPath.Segment member : union.members()) {
                    Object next = step(current, member);
                    if (next != MISSING) {
                        collect(next, segments, index + 1, matches);
                    }
                }
            }
            case JsonPath.Slice slice -> {
                if (current instanceof List<?> array) {
                    int size = array.size();
                    int start = position(slice.start(), 0, size);
                    int end = position(slice.end(), size, size);
                    for (int element = start; element < end; element++) {
                        collect(array.get(element), segments, index + 1, matches);
                    }
                }
            }
            case JsonPath.Key key -> collectStep(current, key, segments, index, matches);
            case JsonPath.Index position -> collectStep(current, position, segments, index, matches);
        }
    }

    private static void collectStep(Object current, JsonPath.Segment segment, List<JsonPath.Segment> segments,
            int index, List<Object> matches) {
        Object next = step(current, segment);
        if (next != MISSING) {
            collect(next, segments, index + 1, matches);
        }
    }

    /** {@code ..name}: the member in {@code current}, then in every nested value, in document order. */
    private static void descend(Object current, String name, List<JsonPath.Segment> segments, int index,
            List<Object> matches) {
        if (current instanceof Map<?, ?> object) {
            Object value = object.get(name);
            if (value != null) {
                collect(value, segments, index + 1, matches);
            }
            for (Object nested : object.values()) {
                descend(nested, name, segments, index, matches);
            }
        } else if (current instanceof List<?> array) {
            for (Object element : array) {
                descend(element, name, segments, index, matches);
            }
        }
    }

    private static int position(Integer bound, int fallback, int size) {
        if (bound == null) {
            return fallback;
        }
        int position = bound < 0 ? size + bound : bound;
        return Math.max(0, Math.min(size, position));
    }

    private static Object step(Object current, JsonPath.Segment segment) {
        return switch (segment) {
            case JsonPath.Key key -> {
                if (current instanceof Map<?, ?> object) {
                    Object value = object.get(key.name());
                    yield value == null ? MISSING : value;
                }
                yield MISSING;
            }
            case JsonPath.Index index -> current instanceof List<?> array && index.index() >= 0
                    && index.index() < array.size() ? array.get(index.index()) : MISSING;
            case JsonPath.Wildcard wildcard -> MISSING;
            case JsonPath.RecursiveKey recursive -> MISSING;
            case JsonPath.Union union -> MISSING;
            case JsonPath.Slice slice -> MISSING;
        };
    }

    /** The extracted field value of a selected JSON value: text for scalars, compact JSON otherwise. */
    static String toFieldValue(Object value) {
        return switch (value) {
            case String text -> text;
            case NumberText number -> number.text();
            case Boolean bool -> bool.toString();
            case Map<?, ?> object -> compact(object);
            case List<?> array -> compact(array);
            default -> null;
        };
    }

    private static String compact(Object value) {
        StringWriter writer = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(writer)) {
            write(generator, value);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return writer.toString();
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        switch (value) {
            case String text -> generator.writeString(text);
            case NumberText number -> generator.writeNumber(number.text());
            case Boolean bool -> generator.writeBoolean(bool);
            case Map<?, ?> object -> {
                generator.writeStartObject();
                for (Map.Entry<?, ?> entry : object.entrySet()) {
                    generator.writeFieldName((String) entry.getKey());
                    write(generator, entry.getValue());
                }
                generator.writeEndObject();
            }
            case List<?> array -> {
                generator.writeStartArray();
                for (Object element : array) {
                    write(generator, element);
                }
                generator.writeEndArray();
            }
            default -> generator.writeNull();
        }
    }
}
