package dev.loupe.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the message time ({@code _messagetime}) of one log line.
 *
 * <p><b>JSON objects</b> (the line starts with <code>{</code>): the top-level keys of {@link #JSON_TIME_KEYS} are
 * tried in that order of preference, whatever their order in the object; the first whose value parses wins.
 * Values may be ISO 8601 strings ({@code 2024-08-01T13:33:28Z}, {@code 2024-08-01 13:33:28.123+02:00}, no zone
 * means UTC, a date alone means midnight UTC), epoch numbers or numeric strings (seconds, millis, micros or nanos,
 * told apart by magnitude; values below 10^8 are not times), or the common log format
 * {@code 01/Aug/2024:13:33:28 +0000}. Nested keys (such as {@code userIdentity.sessionContext.attributes.creationDate})
 * are never used. For a line that starts like JSON but is malformed, a key read before the error still counts.
 *
 * <p><b>Text lines</b>: a timestamp at the very start of the line: ISO 8601 with {@code T} or a space, optional
 * seconds and fraction ({@code .} or {@code ,}), optional zone ({@code Z}, {@code UTC}, {@code +02:00},
 * {@code +0200}, or {@code +0200} after a space as in log4j's {@code yyyy-MM-dd HH:mm:ss,SSS Z}); or an epoch of
 * exactly 10 digits (seconds, optional fraction) or 13 digits (millis).
 *
 * <p><b>Per-source settings</b> ({@link #TimestampExtractor(ZoneId, DateTimeFormatter)}): a time zone for
 * date-times written without one (instead of UTC), and a timestamp format (a {@link DateTimeFormatter} pattern,
 * like Sumo's {@code yyyy/MM/dd HH:mm:ss}) tried first at the start of every line, read in that zone unless the
 * pattern has one; when the format does not match, the automatic rules above apply.
 *
 * <p>When nothing is found the caller's fallback (the receipt time) is returned. Thread-safe and cheap: the text
 * path allocates nothing, the JSON path streams the keys with Jackson, skips nested values, and stops as soon
 * as the most preferred key is found.
 */
public final class TimestampExtractor {
    /**
     * The JSON keys tried, most preferred first: CloudTrail's {@code eventTime}, Logstash/ECS {@code @timestamp},
     * the common generic names, then API Gateway access-log {@code requestTimeEpoch} and {@code requestTime}.
     */
    public static final List<String> JSON_TIME_KEYS = List.of(
            "eventTime", "@timestamp", "timestamp", "Timestamp", "time", "ts", "datetime", "date",
            "eventTimestamp", "EventTime", "event_time", "requestTimeEpoch", "requestTime");

    private static final Map<String, Integer> PRIORITY_BY_KEY = priorities();

    private final JsonFactory jsonFactory = new JsonFactory();
    private final ZoneId zonelessZone;
    private final DateTimeFormatter format;

    /** The automatic rules, with UTC for date-times without a zone. */
    public TimestampExtractor() {
        this(ZoneOffset.UTC, null);
    }

    /**
     * @param zonelessZone the zone of date-times written without one; not null
     * @param format tried first at the start of each line, or null; parsed in {@code zonelessZone} unless it
     *     reads a zone itself
     */
    public TimestampExtractor(ZoneId zonelessZone, DateTimeFormatter format) {
        this.zonelessZone = requireNonNull(zonelessZone, "zonelessZone is null");
        this.format = format == null ? null : format.withZone(zonelessZone);
    }

    /**
     * The message time of {@code line}.
     *
     * @param line one message, without its line terminator; not null
     * @param fallbackMillis returned when the line has no recognisable timestamp
     * @return epoch millis
     */
    public long messageTime(String line, long fallbackMillis) {
        int start = 0;
        int length = line.length();
        while (start < length && line.charAt(start) <= ' ') {
            start++;
        }
        if (start == length) {
            return fallbackMillis;
        }
        if (format != null) {
            long formatted = formattedTime(line, start);
            if (formatted != TimestampParser.NOT_FOUND) {
                return formatted;
            }
        }
        char first = line.charAt(start);
        if (first == '{') {
            long found = jsonTime(line);
            return found == TimestampParser.NOT_FOUND ? fallbackMillis : found;
        }
        if (!TimestampParser.isDigit(first)) {
            return fallbackMillis;
        }
        long found = TimestampParser.parseIsoPrefix(line, start, false, null, zonelessZone);
        if (found == TimestampParser.NOT_FOUND) {
            found = TimestampParser.parseEpochPrefix(line, start);
        }
        return found == TimestampParser.NOT_FOUND ? fallbackMillis : found;
    }

    /** The time the configured format reads at {@code start}, or NOT_FOUND (the format is optional, so no error). */
    private long formattedTime(String line, int start) {
        ParsePosition position = new ParsePosition(start);
        TemporalAccessor parsed = format.parseUnresolved(line, position);
        if (parsed == null || position.getErrorIndex() >= 0) {
            return TimestampParser.NOT_FOUND;
        }
        try {
            return Instant.from(format.parse(line.substring(start, position.getIndex()))).toEpochMilli();
        } catch (DateTimeException notATime) {
            return TimestampParser.NOT_FOUND;
        }
    }

    /** The time from the preferred top-level key of a JSON object line, or NOT_FOUND. */
    private long jsonTime(String line) {
        int bestPriority = Integer.MAX_VALUE;
        long bestTime = TimestampParser.NOT_FOUND;
        try (JsonParser parser = jsonFactory.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return TimestampParser.NOT_FOUND;
            }
            JsonToken token = parser.nextToken();
            while (token == JsonToken.FIELD_NAME && bestPriority > 0) {
                Integer priority = PRIORITY_BY_KEY.get(parser.currentName());
                JsonToken value = parser.nextToken();
                if (priority != null && priority < bestPriority) {
                    long time = valueTime(parser, value);
                    if (time != TimestampParser.NOT_FOUND) {
                        bestPriority = priority;
                        bestTime = time;
                    }
                }
                parser.skipChildren();
                token = parser.nextToken();
            }
        } catch (IOException notJson) {
            // Malformed JSON (rare): keep a time found before the error. A line starting with a brace cannot
            // start with a timestamp either, so there is nothing else to try.
            return bestTime;
        }
        return bestTime;
    }

    private long valueTime(JsonParser parser, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_STRING -> stringTime(parser.getText());
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? TimestampParser.NOT_FOUND
                    : TimestampParser.epochToMillis(parser.getLongValue(), 0);
            case VALUE_NUMBER_FLOAT -> TimestampParser.epochToMillis(parser.getDoubleValue());
            default -> TimestampParser.NOT_FOUND;
        };
    }

    private long stringTime(String text) {
        String value = text.strip();
        if (value.isEmpty()) {
            return TimestampParser.NOT_FOUND;
        }
        if (TimestampParser.isDigit(value.charAt(0))) {
            int[] end = new int[1];
            long iso = TimestampParser.parseIsoPrefix(value, 0, true, end, zonelessZone);
            if (iso != TimestampParser.NOT_FOUND && end[0] == value.length()) {
                return iso;
            }
            long epoch = TimestampParser.parseEpochString(value);
            if (epoch != TimestampParser.NOT_FOUND) {
                return epoch;
            }
        }
        return TimestampParser.parseCommonLogFormat(value);
    }

    private static Map<String, Integer> priorities() {
        Map<String, Integer> priorities = new HashMap<>();
        for (int index = 0; index < JSON_TIME_KEYS.size(); index++) {
            priorities.put(JSON_TIME_KEYS.get(index), index);
        }
        return Map.copyOf(priorities);
    }
}
