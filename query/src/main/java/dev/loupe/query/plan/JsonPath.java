package dev.loupe.query.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code json} key path: {@code a.b}, {@code arr[0]}, {@code arr[*].x}, {@code ['key with space']},
 * optionally starting with {@code $}.
 *
 * @param text the path as written
 * @param segments the steps from the document root
 */
public record JsonPath(String text, List<Segment> segments) {
    public JsonPath {
        requireNonNull(text, "text is null");
        segments = List.copyOf(segments);
    }

    /** One step of a path. */
    public sealed interface Segment {}

    /** An object member. */
    public record Key(String name) implements Segment {
        public Key {
            requireNonNull(name, "name is null");
        }
    }

    /** An array element, 0-based. */
    public record Index(int index) implements Segment {}

    /** Every array element ({@code [*]}): the result becomes a JSON array of the matches. */
    public record Wildcard() implements Segment {}

    /** Whether any segment is a {@link Wildcard}. */
    public boolean hasWildcard() {
        for (Segment segment : segments) {
            if (segment instanceof Wildcard) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses a path.
     *
     * @throws IllegalArgumentException with a user-readable reason when the path is malformed
     */
    public static JsonPath parse(String text) {
        List<Segment> segments = new ArrayList<>();
        int index = 0;
        if (text.startsWith("$")) {
            index = 1;
            if (index < text.length() && text.charAt(index) == '.') {
                index++;
            }
        }
        StringBuilder key = new StringBuilder();
        while (index < text.length()) {
            char character = text.charAt(index);
            if (character == '.') {
                addKey(segments, key, text);
                index++;
            } else if (character == '[') {
                if (key.length() > 0) {
                    addKey(segments, key, text);
                }
                int close = text.indexOf(']', index);
                if (close < 0) {
                    throw new IllegalArgumentException("'[' without ']' in json path '" + text + "'");
                }
                String inside = text.substring(index + 1, close).trim();
                if (inside.equals("*")) {
                    segments.add(new Wildcard());
                } else if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                        || inside.startsWith("\"") && inside.endsWith("\""))) {
                    segments.add(new Key(inside.substring(1, inside.length() - 1)));
                } else {
                    try {
                        segments.add(new Index(Integer.parseInt(inside)));
                    } catch (NumberFormatException notNumber) {
                        throw new IllegalArgumentException("invalid index [" + inside + "] in json path '" + text
                                + "'");
                    }
                }
                index = close + 1;
                if (index < text.length() && text.charAt(index) == '.') {
                    index++;
                }
            } else {
                key.append(character);
                index++;
            }
        }
        if (key.length() > 0) {
            addKey(segments, key, text);
        }
        if (segments.isEmpty() && !text.startsWith("$")) {
            throw new IllegalArgumentException("empty json path");
        }
        return new JsonPath(text, segments);
    }

    private static void addKey(List<Segment> segments, StringBuilder key, String text) {
        if (key.length() == 0) {
            throw new IllegalArgumentException("empty key in json path '" + text + "'");
        }
        segments.add(new Key(key.toString()));
        key.setLength(0);
    }
}
