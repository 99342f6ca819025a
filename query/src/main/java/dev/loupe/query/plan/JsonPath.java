package dev.loupe.query.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code json} key path: {@code a.b}, {@code arr[0]}, {@code arr[*].x}, {@code ['key with space']},
 * recursive descent {@code ..name}, unions {@code ['a','b']} or {@code [0,2]}, slices {@code [0:2]} (end
 * exclusive, negative positions count from the end), optionally starting with {@code $}.
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

    /** Every array element or object member value ({@code [*]}): the result becomes a JSON array of the matches. */
    public record Wildcard() implements Segment {}

    /** {@code ..name}: the member {@code name} of the current value and of every value nested in it. */
    public record RecursiveKey(String name) implements Segment {
        public RecursiveKey {
            requireNonNull(name, "name is null");
        }
    }

    /** {@code ['a','b']} or {@code [0,2]}: each member, in the order written; only {@link Key} and {@link Index}. */
    public record Union(List<Segment> members) implements Segment {
        public Union {
            members = List.copyOf(members);
        }
    }

    /**
     * {@code [start:end]}: array elements from {@code start} to {@code end} exclusive; a negative position counts
     * from the end.
     *
     * @param start null for the first element
     * @param end null for past the last element
     */
    public record Slice(Integer start, Integer end) implements Segment {}

    /**
     * Whether the path may select several values ({@link Wildcard}, {@link RecursiveKey}, {@link Union},
     * {@link Slice}): its result is then a JSON array of every match.
     */
    public boolean hasWildcard() {
        for (Segment segment : segments) {
            if (!(segment instanceof Key) && !(segment instanceof Index)) {
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
            if (index < text.length() && text.charAt(index) == '.' && !text.startsWith("..", index)) {
                index++;
            }
        }
        StringBuilder key = new StringBuilder();
        while (index < text.length()) {
            char character = text.charAt(index);
            if (text.startsWith("..", index)) {
                if (key.length() > 0) {
                    addKey(segments, key, text);
                }
                int end = index + 2;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                if (end == index + 2) {
                    throw new IllegalArgumentException("'..' needs a key name after it in json path '" + text + "'");
                }
                segments.add(new RecursiveKey(text.substring(index + 2, end)));
                index = end < text.length() && text.charAt(end) == '.' && !text.startsWith("..", end) ? end + 1 : end;
            } else if (character == '.') {
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
                } else if (inside.contains(",")) {
                    List<Segment> members = new ArrayList<>();
                    for (String member : inside.split(",", -1)) {
                        members.add(member(member.trim(), text));
                    }
                    segments.add(new Union(members));
                } else if (inside.contains(":") && !isQuoted(inside)) {
                    String[] bounds = inside.split(":", -1);
                    if (bounds.length != 2) {
                        throw new IllegalArgumentException("invalid slice [" + inside + "] in json path '" + text
                                + "'");
                    }
                    segments.add(new Slice(bound(bounds[0].trim(), text), bound(bounds[1].trim(), text)));
                } else {
                    segments.add(member(inside, text));
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

    private static boolean isQuoted(String text) {
        return text.length() >= 2 && (text.startsWith("'") && text.endsWith("'")
                || text.startsWith("\"") && text.endsWith("\""));
    }

    private static Segment member(String inside, String text) {
        if (isQuoted(inside)) {
            return new Key(inside.substring(1, inside.length() - 1));
        }
        try {
            return new Index(Integer.parseInt(inside));
        } catch (NumberFormatException notNumber) {
            throw new IllegalArgumentException("invalid index [" + inside + "] in json path '" + text + "'");
        }
    }

    private static Integer bound(String bound, String text) {
        if (bound.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(bound);
        } catch (NumberFormatException notNumber) {
            throw new IllegalArgumentException("invalid slice bound '" + bound + "' in json path '" + text + "'");
        }
    }

    private static void addKey(List<Segment> segments, StringBuilder key, String text) {
        if (key.length() == 0) {
            throw new IllegalArgumentException("empty key in json path '" + text + "'");
        }
        segments.add(new Key(key.toString()));
        key.setLength(0);
    }
}
