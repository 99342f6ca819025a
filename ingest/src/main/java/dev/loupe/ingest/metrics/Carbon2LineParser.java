package dev.loupe.ingest.metrics;

import dev.loupe.store.spi.metrics.MetricSample;
import java.util.HashMap;
import java.util.Map;

/**
 * Carbon 2.0: {@code intrinsic_tags  meta_tags value [timestamp]}. Tags are {@code key=value} separated by single
 * spaces; two spaces end the intrinsic tags (and stand before the value when there are no meta tags). Intrinsic
 * tags identify the series and must include {@code metric}; meta tags are metadata.
 *
 * <p>Lenient where the meaning is still clear: without the two spaces, every leading {@code key=value} field is
 * intrinsic; runs of spaces between meta tags are accepted. Refused: no intrinsic tag, no {@code metric} tag, a
 * tag without {@code =} or with an empty key or value, a duplicate intrinsic key, no value, more than value and
 * timestamp after the tags.
 */
final class Carbon2LineParser implements MetricLineParser {

    @Override
    public ParsedLine parse(String line) throws MalformedLineException {
        String stripped = line.strip();
        int separator = stripped.indexOf("  ");
        String intrinsicPart;
        String rest;
        if (separator >= 0) {
            intrinsicPart = stripped.substring(0, separator);
            rest = stripped.substring(separator + 2).strip();
        } else {
            int firstBare = firstBareField(stripped);
            intrinsicPart = firstBare < 0 ? stripped : stripped.substring(0, firstBare).strip();
            rest = firstBare < 0 ? "" : stripped.substring(firstBare);
        }
        Map<String, String> tags = new HashMap<>();
        for (String field : intrinsicPart.split(" +")) {
            if (field.isEmpty()) {
                continue;
            }
            putTag(tags, field, "intrinsic tag");
        }
        if (tags.isEmpty()) {
            throw new MalformedLineException("carbon2 line has no intrinsic tags");
        }
        if (!tags.containsKey(MetricSample.METRIC)) {
            throw new MalformedLineException("carbon2 line has no metric= intrinsic tag");
        }
        String[] fields = rest.isEmpty() ? new String[0] : rest.split(" +");
        int bare = 0;
        while (bare < fields.length && fields[bare].indexOf('=') >= 0) {
            bare++;
        }
        int numbers = fields.length - bare;
        if (numbers == 0) {
            throw new MalformedLineException("carbon2 line has no value after its tags");
        }
        if (numbers > 2) {
            throw new MalformedLineException("carbon2 line has " + numbers
                    + " fields after its tags; expected value [epochSeconds] (tags are key=value)");
        }
        Map<String, String> metadata = Map.of();
        if (bare > 0) {
            metadata = new HashMap<>();
            for (int index = 0; index < bare; index++) {
                putMetaTag(metadata, fields[index]);
            }
        }
        double value = MetricNumbers.value(fields[bare]);
        long timestamp = numbers == 2 ? MetricNumbers.timestampMillis(fields[bare + 1]) : NO_TIMESTAMP;
        return new ParsedLine(tags, metadata, value, timestamp);
    }

    /** The offset of the first space-separated field without {@code =}, or -1. */
    private static int firstBareField(String line) {
        int start = 0;
        while (start < line.length()) {
            int end = line.indexOf(' ', start);
            if (end < 0) {
                end = line.length();
            }
            if (end > start && line.substring(start, end).indexOf('=') < 0) {
                return start;
            }
            start = end + 1;
        }
        return -1;
    }

    private static void putTag(Map<String, String> tags, String field, String what) throws MalformedLineException {
        int equals = field.indexOf('=');
        if (equals < 0) {
            throw new MalformedLineException(what + " '" + field + "' is not key=value");
        }
        if (equals == 0 || equals == field.length() - 1) {
            throw new MalformedLineException(what + " '" + field + "' has an empty key or value");
        }
        if (tags.putIfAbsent(field.substring(0, equals), field.substring(equals + 1)) != null) {
            throw new MalformedLineException(what + " key '" + field.substring(0, equals) + "' appears twice");
        }
    }

    private static void putMetaTag(Map<String, String> metadata, String field) throws MalformedLineException {
        int equals = field.indexOf('=');
        if (equals == 0 || equals == field.length() - 1) {
            throw new MalformedLineException("meta tag '" + field + "' has an empty key or value");
        }
        metadata.put(field.substring(0, equals), field.substring(equals + 1));
    }
}
