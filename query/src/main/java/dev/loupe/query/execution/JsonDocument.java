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
import java.util.HashMap;
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

    /**
     * An object read from text, with where it was in that text: when the text is already compact JSON its compact
     * form is that text, so extracting a nested object ({@code json "userIdentity"}) copies it instead of writing it.
     */
    static final class SourcedObject extends LinkedHashMap<String, Object> {
        private final transient Span span;

        SourcedObject(String source, int start) {
            this.span = new Span(source, start);
        }
    }

    /** An array read from text, with where it was in that text (see {@link SourcedObject}). */
    static final class SourcedArray extends ArrayList<Object> {
        private final transient Span span;

        SourcedArray(String source, int start) {
            this.span = new Span(source, start);
        }
    }

    /* Where a container was in its source: [start, end), end set once its closing token is read. */
    private static final class Span {
        private final String source;
        private final int start;
        private int end = -1;

        Span(String source, int start) {
            this.source = source;
            this.start = start;
        }
    }

    private JsonDocument() {}

    /**
     * Parses the JSON in {@code text}: the whole text, or else from its first {@code {} (JSON inside a larger
     * message). Returns null when there is no valid JSON.
     */
    static Object parse(String text) {
        return parse(text, null);
    }

    /**
     * As {@link #parse(String)}, reading in full only the members {@code wanted} leads to (see {@link KeyTree}):
     * the others are tokenized (so invalid JSON is still refused) but not built. Selecting any of the tree's paths
     * from the result gives what it gives on the whole document.
     *
     * @param wanted the key paths to keep, or null for the whole document
     */
    static Object parse(String text, KeyTree wanted) {
        Object value = parseWhole(text, wanted);
        if (value == null) {
            int brace = text.indexOf('{');
            if (brace > 0) {
                value = parseWhole(text.substring(brace), wanted);
            }
        }
        return value;
    }

    /**
     * Paths made only of keys ({@code a}, {@code a.b.c}) as a tree of member names: what a selective parse keeps.
     * Immutable once built.
     */
    static final class KeyTree {
        private final Map<String, KeyTree> children = new HashMap<>();
        /* Whether a path ends here: the member's value is then read whole. */
        private boolean whole;

        private KeyTree() {}

        /** The tree of {@code paths}, or null when one of them is not a non-empty chain of keys. */
        static KeyTree of(List<JsonPath> paths) {
            KeyTree root = new KeyTree();
            for (JsonPath path : paths) {
                if (path.segments().isEmpty()) {
                    return null;
                }
                KeyTree node = root;
                for (JsonPath.Segment segment : path.segments()) {
                    if (!(segment instanceof JsonPath.Key key)) {
                        return null;
                    }
                    node = node.children.computeIfAbsent(key.name(), name -> new KeyTree());
                }
                node.whole = true;
            }
            return root;
        }
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
            Object value = read(parser, first, text);
            return parser.nextToken() == null ? value : null;
        } catch (IOException | RuntimeException invalid) {
            return null;
        }
    }

    private static Object parseWhole(String text, KeyTree wanted) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
                return null;
            }
            return wanted != null && first == JsonToken.START_OBJECT ? readSelected(parser, wanted, text)
                    : read(parser, first, text);
        } catch (IOException | RuntimeException invalid) {
            return null;
        }
    }

    /*
     * Reads the object at the parser's START_OBJECT keeping only the members wanted leads to. The result is a plain
     * map (not a SourcedObject): it is never selected itself, since no path ends at it.
     */
    private static Map<String, Object> readSelected(JsonParser parser, KeyTree wanted, String source) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        JsonToken next = parser.nextToken();
        while (next == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            KeyTree member = wanted.children.get(name);
            if (member == null) {
                parser.skipChildren();
            } else if (!member.whole && value == JsonToken.START_OBJECT) {
                object.put(name, readSelected(parser, member, source));
            } else {
                object.put(name, read(parser, value, source));
            }
            next = parser.nextToken();
        }
        if (next != JsonToken.END_OBJECT) {
            throw new IOException("unexpected JSON token " + next);
        }
        return object;
    }

    /** Reads the value starting at {@code token}; {@code source} is the text the parser reads. */
    private static Object read(JsonParser parser, JsonToken token, String source) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                SourcedObject object = new SourcedObject(source, offset(parser));
                JsonToken next = parser.nextToken();
                while (next == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.put(name, read(parser, parser.nextToken(), source));
                    next = parser.nextToken();
                }
                object.span.end = offset(parser) + 1;
                yield object;
            }
            case START_ARRAY -> {
                SourcedArray array = new SourcedArray(source, offset(parser));
                JsonToken next = parser.nextToken();
                while (next != JsonToken.END_ARRAY) {
                    array.add(read(parser, next, source));
                    next = parser.nextToken();
                }
                array.span.end = offset(parser) + 1;
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

    /** The char offset of the parser's current token in its source text. */
    private static int offset(JsonParser parser) {
        return (int) parser.currentTokenLocation().getCharOffset();
    }

    private static String compact(Object value) {
        Span span = switch (value) {
            case SourcedObject object -> object.span;
            case SourcedArray array -> array.span;
            default -> null;
        };
        if (span != null && isCompactSource(value, span)) {
            return span.source.substring(span.start, span.end);
        }
        StringWriter writer = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(writer)) {
            write(generator, value);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return writer.toString();
    }

    /*
     * Whether the source text of a container is exactly what compact(value) would write. Without a backslash in
     * the span no string in it was escaped (raw control characters are not valid JSON, so the parser refused them),
     * and Jackson writes such strings, names, numbers (kept as source text) and literals as the source has them;
     * the only other differences are whitespace between tokens and duplicate keys (the map keeps one), and both make
     * the span longer than the compact form. So equal lengths mean equal text.
     */
    private static boolean isCompactSource(Object value, Span span) {
        if (span.end <= span.start) {
            return false;
        }
        int backslash = span.source.indexOf('\\', span.start);
        return (backslash < 0 || backslash >= span.end) && compactLength(value) == span.end - span.start;
    }

    /** The length of compact(value) when no string in it needs escaping. */
    private static long compactLength(Object value) {
        return switch (value) {
            case String text -> text.length() + 2L;
            case NumberText number -> number.text().length();
            case Boolean bool -> bool ? 4 : 5;
            case Map<?, ?> object -> {
                long length = 2 + Math.max(0, object.size() - 1);
                for (Map.Entry<?, ?> entry : object.entrySet()) {
                    length += ((String) entry.getKey()).length() + 3L + compactLength(entry.getValue());
                }
                yield length;
            }
            case List<?> array -> {
                long length = 2 + Math.max(0, array.size() - 1);
                for (Object element : array) {
                    length += compactLength(element);
                }
                yield length;
            }
            default -> 4;
        };
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
