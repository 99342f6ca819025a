package dev.loupe.ingest.metrics;

import dev.loupe.store.spi.metrics.MetricSample;
import java.util.HashMap;
import java.util.Map;

/**
 * Prometheus exposition text: {@code name{label="value",...} value [timestampMillis]}. The name becomes the
 * {@code metric} tag and each label a tag. Lines starting with {@code #} (comments, {@code HELP}, {@code TYPE})
 * hold no point.
 *
 * <p>Refused, each with its reason: a name that is not {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, a label without
 * {@code =}, an unquoted or unterminated label value, labels not separated by commas, an unclosed label brace,
 * a duplicate label, a label named {@code metric}, a {@code NaN} or infinite value, a missing value and trailing
 * text. Label values may use the escapes {@code \\}, {@code \"} and {@code \n}. Timestamps follow the seconds or
 * milliseconds rule of {@link MetricNumbers} (the format says milliseconds).
 */
final class PrometheusLineParser implements MetricLineParser {

    @Override
    public ParsedLine parse(String line) throws MalformedLineException {
        String text = line.strip();
        if (text.startsWith("#")) {
            return null;
        }
        int position = 0;
        int length = text.length();
        while (position < length && isNameCharacter(text.charAt(position), position == 0)) {
            position++;
        }
        if (position == 0) {
            throw new MalformedLineException("prometheus line does not start with a metric name");
        }
        Map<String, String> tags = new HashMap<>();
        tags.put(MetricSample.METRIC, text.substring(0, position));
        if (position < length && text.charAt(position) == '{') {
            position = labels(text, position + 1, tags);
        }
        if (position < length && text.charAt(position) != ' ' && text.charAt(position) != '\t') {
            throw new MalformedLineException("unexpected '" + text.charAt(position) + "' at column " + (position + 1)
                    + " after the metric name");
        }
        String[] fields = text.substring(position).strip().split("[ \\t]+");
        if (fields.length == 0 || fields[0].isEmpty()) {
            throw new MalformedLineException("prometheus line has no value");
        }
        if (fields.length > 2) {
            throw new MalformedLineException("prometheus line has unexpected text after value and timestamp: '"
                    + fields[2] + "'");
        }
        double value = MetricNumbers.value(fields[0]);
        long timestamp = fields.length == 2 ? MetricNumbers.timestampMillis(fields[1]) : NO_TIMESTAMP;
        return new ParsedLine(tags, Map.of(), value, timestamp);
    }

    /** Parses labels after the opening brace at {@code position}; returns the position after the closing brace. */
    private static int labels(String text, int position, Map<String, String> tags) throws MalformedLineException {
        int length = text.length();
        StringBuilder value = new StringBuilder();
        while (true) {
            position = skipSpaces(text, position);
            if (position >= length) {
                throw new MalformedLineException("labels are not closed with '}'");
            }
            if (text.charAt(position) == '}') {
                return position + 1;
            }
            int nameStart = position;
            while (position < length && isLabelCharacter(text.charAt(position), position == nameStart)) {
                position++;
            }
            if (position == nameStart) {
                throw new MalformedLineException("expected a label name at column " + (position + 1));
            }
            String name = text.substring(nameStart, position);
            position = skipSpaces(text, position);
            if (position >= length || text.charAt(position) != '=') {
                throw new MalformedLineException("label '" + name + "' has no '='");
            }
            position = skipSpaces(text, position + 1);
            if (position >= length || text.charAt(position) != '"') {
                throw new MalformedLineException("value of label '" + name + "' is not in double quotes");
            }
            position = quoted(text, position + 1, name, value);
            if (name.equals(MetricSample.METRIC)) {
                throw new MalformedLineException("label 'metric' clashes with the metric name");
            }
            if (tags.putIfAbsent(name, value.toString()) != null) {
                throw new MalformedLineException("label '" + name + "' appears twice");
            }
            position = skipSpaces(text, position);
            if (position < length && text.charAt(position) == ',') {
                position++;
            } else if (position >= length || text.charAt(position) != '}') {
                throw new MalformedLineException("expected ',' or '}' after label '" + name + "'");
            }
        }
    }

    /** Reads a quoted label value into {@code value} (cleared first); returns the position after the quote. */
    private static int quoted(String text, int position, String name, StringBuilder value) throws MalformedLineException {
        value.setLength(0);
        int length = text.length();
        while (position < length) {
            char character = text.charAt(position);
            if (character == '"') {
                return position + 1;
            }
            if (character == '\\') {
                if (position + 1 >= length) {
                    break;
                }
                char escaped = text.charAt(position + 1);
                switch (escaped) {
                    case '\\', '"' -> value.append(escaped);
                    case 'n' -> value.append('\n');
                    default -> throw new MalformedLineException("value of label '" + name + "' has an unknown escape \\"
                            + escaped);
                }
                position += 2;
            } else {
                value.append(character);
                position++;
            }
        }
        throw new MalformedLineException("value of label '" + name + "' has no closing quote");
    }

    private static int skipSpaces(String text, int position) {
        while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '\t')) {
            position++;
        }
        return position;
    }

    private static boolean isNameCharacter(char character, boolean first) {
        return isLabelCharacter(character, first) || character == ':';
    }

    private static boolean isLabelCharacter(char character, boolean first) {
        return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') || character == '_'
                || (!first && character >= '0' && character <= '9');
    }
}
