package dev.loupe.core;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Resolves the time expressions users type for a query range into epoch milliseconds: relative
 * ({@code -15m}, {@code -1d}, {@code -2w5d3h}, {@code +15m}, {@code now}), ISO 8601 with or without an offset
 * (without one it is read in the given zone; a date alone is its midnight), or epoch milliseconds.
 *
 * <p>Relative units: {@code s} seconds, {@code m} minutes, {@code h} hours, {@code d} days, {@code w} weeks.
 */
public final class TimeExpression {
    private static final DateTimeFormatter ISO_DATE_OPTIONAL_TIME_AND_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME).optionalEnd()
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter();

    private TimeExpression() {}

    /**
     * The epoch milliseconds {@code text} stands for.
     *
     * @param text the expression
     * @param nowMillis what "now" is
     * @param zone the zone for ISO date-times without an offset
     * @throws LoupeException {@code INVALID_TIME} naming the text when it is none of the accepted forms
     */
    public static long resolve(String text, long nowMillis, ZoneId zone) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw invalid(text, "it is empty");
        }
        if (trimmed.equalsIgnoreCase("now")) {
            return nowMillis;
        }
        char first = trimmed.charAt(0);
        if (first == '-' || first == '+') {
            return nowMillis + (first == '-' ? -1 : 1) * relativeMillis(text, trimmed.substring(1));
        }
        if (isAllDigits(trimmed)) {
            try {
                return Long.parseLong(trimmed);
            } catch (NumberFormatException tooLarge) {
                throw invalid(text, "the number is too large for epoch milliseconds");
            }
        }
        return isoMillis(text, trimmed, zone);
    }

    /** Whether {@code text} is a relative expression such as {@code -15m} or {@code now}. */
    public static boolean isRelative(String text) {
        String trimmed = text.strip();
        return trimmed.equalsIgnoreCase("now") || trimmed.startsWith("-") || trimmed.startsWith("+");
    }

    private static long relativeMillis(String original, String body) {
        if (body.isEmpty()) {
            throw invalid(original, "a number and a unit (s, m, h, d, w) must follow the sign");
        }
        long total = 0;
        int index = 0;
        while (index < body.length()) {
            int start = index;
            while (index < body.length() && Character.isDigit(body.charAt(index))) {
                index++;
            }
            if (index == start || index == body.length()) {
                throw invalid(original, "expected a number followed by a unit (s, m, h, d, w)");
            }
            long amount;
            try {
                amount = Long.parseLong(body.substring(start, index));
            } catch (NumberFormatException tooLarge) {
                throw invalid(original, "the number is too large");
            }
            long unit = switch (body.charAt(index)) {
                case 's' -> 1_000L;
                case 'm' -> 60_000L;
                case 'h' -> 3_600_000L;
                case 'd' -> 86_400_000L;
                case 'w' -> 604_800_000L;
                default -> throw invalid(original, "unknown unit '" + body.charAt(index) + "' (use s, m, h, d or w)");
            };
            index++;
            try {
                total = Math.addExact(total, Math.multiplyExact(amount, unit));
            } catch (ArithmeticException overflow) {
                throw invalid(original, "the duration is too large");
            }
        }
        return total;
    }

    private static long isoMillis(String original, String text, ZoneId zone) {
        String normalized = text.length() > 10 && text.charAt(10) == ' '
                ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
        try {
            TemporalAccessor parsed = ISO_DATE_OPTIONAL_TIME_AND_OFFSET.parse(normalized);
            LocalDate date = LocalDate.from(parsed);
            LocalTime time = parsed.isSupported(ChronoField.NANO_OF_DAY) ? LocalTime.from(parsed) : LocalTime.MIDNIGHT;
            ZoneId effectiveZone = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : zone;
            return date.atTime(time).atZone(effectiveZone).toInstant().toEpochMilli();
        } catch (DateTimeException unparseable) {
            throw invalid(original, "use a relative time like -15m or -1d, ISO 8601 like 2026-11-25T10:00:00Z, or epoch milliseconds");
        }
    }

    private static boolean isAllDigits(String text) {
        for (int index = 0; index < text.length(); index++) {
            if (!Character.isDigit(text.charAt(index))) {
                return false;
            }
        }
        return true;
    }

    private static LoupeException invalid(String text, String why) {
        return new LoupeException(ErrorCode.INVALID_TIME, "invalid time '" + text + "': " + why);
    }
}
