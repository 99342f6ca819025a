package dev.loupe.query.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code parse xml} path: the XPath 1.0 subset of spec §2.2, absolute and forward only:
 * {@code /a/b[2]/c[last()]/d[@id=456]/text()} or {@code .../@attribute}. No {@code //}, axes, functions other
 * than {@code text()} and {@code last()}, or namespaces.
 *
 * @param text the path as written
 * @param steps the element steps from the document element down
 * @param target what the path selects at its last element
 * @param attribute the attribute name when {@code target} is {@link Target#ATTRIBUTE}, else null
 */
public record XmlPath(String text, List<Step> steps, Target target, String attribute) {
    public XmlPath {
        requireNonNull(text, "text is null");
        steps = List.copyOf(steps);
        requireNonNull(target, "target is null");
    }

    /** What a path returns. */
    public enum Target {
        /** The element's text content (paths ending at an element, and {@code text()}). */
        TEXT,
        /** An attribute's value ({@code @name}). */
        ATTRIBUTE
    }

    /**
     * One element step.
     *
     * @param name the element name ({@code *} for any)
     * @param predicate which of the matching siblings
     */
    public record Step(String name, Predicate predicate) {
        public Step {
            requireNonNull(name, "name is null");
            requireNonNull(predicate, "predicate is null");
        }
    }

    /** A step's predicate. */
    public sealed interface Predicate {}

    /** No predicate: the first match (spec: multiple matches return the first). */
    public record First() implements Predicate {}

    /** {@code [n]}, 1-based. */
    public record Position(int position) implements Predicate {}

    /** {@code [last()]}. */
    public record Last() implements Predicate {}

    /** {@code [@name=value]} (value quoted or bare). */
    public record AttributeEquals(String name, String value) implements Predicate {}

    /**
     * Parses a path.
     *
     * @throws IllegalArgumentException with a user-readable reason when the path is outside the subset
     */
    public static XmlPath parse(String text) {
        if (!text.startsWith("/") || text.startsWith("//")) {
            throw new IllegalArgumentException("XPath '" + text + "' must be absolute and start with a single '/'"
                    + " ('//' is not supported)");
        }
        List<Step> steps = new ArrayList<>();
        String[] parts = text.substring(1).split("/", -1);
        for (int index = 0; index < parts.length; index++) {
            String part = parts[index].strip();
            boolean last = index == parts.length - 1;
            if (part.isEmpty()) {
                throw new IllegalArgumentException("XPath '" + text + "' has an empty step ('//' is not supported)");
            }
            if (last && part.equals("text()")) {
                return finish(text, steps, Target.TEXT, null);
            }
            if (last && part.startsWith("@")) {
                String name = part.substring(1);
                if (!isName(name)) {
                    throw new IllegalArgumentException("invalid attribute '" + part + "' in XPath '" + text + "'");
                }
                return finish(text, steps, Target.ATTRIBUTE, name);
            }
            steps.add(step(part, text));
        }
        return finish(text, steps, Target.TEXT, null);
    }

    private static XmlPath finish(String text, List<Step> steps, Target target, String attribute) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("XPath '" + text + "' names no element");
        }
        return new XmlPath(text, steps, target, attribute);
    }

    private static Step step(String part, String text) {
        int open = part.indexOf('[');
        String name = open < 0 ? part : part.substring(0, open).strip();
        if (!name.equals("*") && !isName(name)) {
            throw new IllegalArgumentException("unsupported step '" + part + "' in XPath '" + text
                    + "' (axes and functions are not supported)");
        }
        if (open < 0) {
            return new Step(name, new First());
        }
        if (!part.endsWith("]") || part.indexOf('[', open + 1) >= 0) {
            throw new IllegalArgumentException("invalid predicate in step '" + part + "' of XPath '" + text + "'");
        }
        String inside = part.substring(open + 1, part.length() - 1).strip();
        if (inside.equals("last()")) {
            return new Step(name, new Last());
        }
        if (inside.startsWith("@")) {
            int equals = inside.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("predicate [" + inside + "] in XPath '" + text
                        + "' must compare the attribute: [@id=value]");
            }
            String attribute = inside.substring(1, equals).strip();
            String value = inside.substring(equals + 1).strip();
            if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                    || value.startsWith("\"") && value.endsWith("\""))) {
                value = value.substring(1, value.length() - 1);
            }
            if (!isName(attribute)) {
                throw new IllegalArgumentException("invalid attribute in predicate [" + inside + "] of XPath '"
                        + text + "'");
            }
            return new Step(name, new AttributeEquals(attribute, value));
        }
        try {
            int position = Integer.parseInt(inside);
            if (position < 1) {
                throw new IllegalArgumentException("XPath positions start at 1: [" + inside + "] in '" + text + "'");
            }
            return new Step(name, new Position(position));
        } catch (NumberFormatException notNumber) {
            throw new IllegalArgumentException("unsupported predicate [" + inside + "] in XPath '" + text
                    + "' (supported: [n], [last()], [@attr=value])");
        }
    }

    private static boolean isName(String name) {
        if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        for (int index = 1; index < name.length(); index++) {
            char character = name.charAt(index);
            if (!(Character.isLetterOrDigit(character) || character == '_' || character == '-' || character == '.'
                    || character == ':')) {
                return false;
            }
        }
        return true;
    }
}
