package dev.loupe.query.execution;

import dev.loupe.query.plan.Function;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The time functions of spec §2.18 and §5: the query's clock and range, {@code formatDate}/{@code parseDate} with
 * SimpleDateFormat patterns ({@link DatePatterns}) in the query's zone unless a zone id is given (case-insensitive,
 * {@code "etc/utc"} works), and the epoch conversions {@code fromMillis}, {@code fromSeconds}, {@code fromMicros},
 * {@code fromNanos}, {@code toMillis}, which all answer epoch milliseconds as a long. One instance per query.
 */
final class TimeFunctions {
    /** Sumo's "US-style" default of formatDate. */
    static final String DEFAULT_FORMAT = "MM/dd/yyyy HH:mm:ss.SSS Z";
    private static final Map<String, ZoneId> ZONES_BY_LOWER_CASE_ID = zonesByLowerCaseId();

    private final EvaluationContext context;

    TimeFunctions(EvaluationContext context) {
        this.context = context;
    }

    Object apply(Function function, Object[] arguments) {
        return switch (function) {
            case NOW -> context.nowMillis();
            case QUERY_START_TIME -> context.startMillis();
            case QUERY_END_TIME -> context.endMillis();
            case QUERY_TIME_RANGE -> context.endMillis() - context.startMillis();
            case FORMAT_DATE -> formatDate(function, arguments);
            case PARSE_DATE -> parseDate(function, arguments);
            case FROM_MILLIS, TO_MILLIS -> scaled(arguments[0], 1, 1);
            case FROM_SECONDS -> scaled(arguments[0], 1000, 1);
            case FROM_MICROS -> scaled(arguments[0], 1, 1000);
            case FROM_NANOS -> scaled(arguments[0], 1, 1_000_000);
            default -> throw FunctionFailure.notInGroup(function);
        };
    }

    private static Long scaled(Object value, long multiplier, long divisor) {
        Number number = Values.toNumber(value);
        if (number == null) {
            return null;
        }
        if (number instanceof Long whole) {
            return Math.floorDiv(whole * multiplier, divisor);
        }
        return (long) Math.floor(number.doubleValue() * multiplier / divisor);
    }

    private Object formatDate(Function function, Object[] arguments) {
        Object millisValue = arguments[0];
        if (millisValue == null) {
            return null;
        }
        if (!(Values.toNumber(millisValue) instanceof Long millis)) {
            throw FunctionFailure.of(function, "the time must be whole milliseconds (cast with toLong)", millisValue);
        }
        String pattern = arguments.length > 1 && arguments[1] != null ? Values.toText(arguments[1]) : DEFAULT_FORMAT;
        ZoneId zone = arguments.length > 2 ? zone(function, arguments[2]) : context.zone();
        try {
            return formatter(function, pattern, false).format(Instant.ofEpochMilli(millis).atZone(zone));
        } catch (DateTimeException unrepresentable) {
            throw FunctionFailure.of(function, "cannot format " + millis + " (" + unrepresentable.getMessage() + ")",
                    pattern);
        }
    }

    private Object parseDate(Function function, Object[] arguments) {
        String text = Values.toText(arguments[0]);
        if (text == null || arguments[1] == null) {
            return null;
        }
        String pattern = Values.toText(arguments[1]);
        ZoneId zone = arguments.length > 2 ? zone(function, arguments[2]) : context.zone();
        DateTimeFormatter formatter = formatter(function, pattern, true).withZone(zone);
        try {
            TemporalAccessor parsed = formatter.parse(text.stripLeading(), new ParsePosition(0));
            return Instant.from(parsed).toEpochMilli();
        } catch (DateTimeException unparseable) {
            return null;
        }
    }

    private static DateTimeFormatter formatter(Function function, String pattern, boolean parsing) {
        try {
            return parsing ? DatePatterns.parsing(pattern) : DatePatterns.formatting(pattern);
        } catch (IllegalArgumentException invalid) {
            throw FunctionFailure.of(function, "invalid date pattern (" + invalid.getMessage() + ")", pattern);
        }
    }

    private static ZoneId zone(Function function, Object value) {
        String id = Values.toText(value);
        if (id == null) {
            throw FunctionFailure.of(function, "the time zone is null", null);
        }
        ZoneId known = ZONES_BY_LOWER_CASE_ID.get(id.strip().toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        try {
            return ZoneId.of(id.strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeException unknown) {
            throw FunctionFailure.of(function, "unknown time zone", id);
        }
    }

    private static Map<String, ZoneId> zonesByLowerCaseId() {
        Map<String, ZoneId> zones = new HashMap<>();
        for (Map.Entry<String, String> shortId : ZoneId.SHORT_IDS.entrySet()) {
            zones.put(shortId.getKey().toLowerCase(Locale.ROOT), ZoneId.of(shortId.getValue()));
        }
        for (String id : ZoneId.getAvailableZoneIds()) {
            zones.put(id.toLowerCase(Locale.ROOT), ZoneId.of(id));
        }
        zones.put("utc", ZoneId.of("UTC"));
        zones.put("gmt", ZoneId.of("GMT"));
        zones.put("z", ZoneId.of("Z"));
        return Map.copyOf(zones);
    }
}
