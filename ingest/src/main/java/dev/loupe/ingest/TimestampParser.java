package dev.loupe.ingest;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Allocation-free, exception-free parsing of the timestamp forms {@link TimestampExtractor} recognises. Every
 * method returns {@link #NOT_FOUND} instead of throwing, because it runs for every ingested message and most
 * candidates are not timestamps.
 *
 * <p>Stateless; all methods are static and thread-safe.
 */
final class TimestampParser {
    /** Returned when the text is not a timestamp. No real timestamp maps to it. */
    static final long NOT_FOUND = Long.MIN_VALUE;

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final String[] MONTH_ABBREVIATIONS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private TimestampParser() {}

    /**
     * Parses an ISO 8601-like date-time starting at {@code start}: {@code yyyy-MM-dd}, then {@code T} or a space,
     * {@code HH:mm[:ss[(.|,)fraction]]}, then an optional zone: {@code Z}, {@code UTC}, or an offset
     * {@code ±HH[:mm|mm]} (optionally after one space). No zone means UTC.
     *
     * @param dateOnlyAllowed whether {@code yyyy-MM-dd} alone (midnight UTC) is accepted
     * @param endPosition receives the index after the timestamp in {@code endPosition[0]} when non-null
     * @return epoch millis, or {@link #NOT_FOUND}
     */
    static long parseIsoPrefix(CharSequence text, int start, boolean dateOnlyAllowed, int[] endPosition) {
        return parseIsoPrefix(text, start, dateOnlyAllowed, endPosition, ZoneOffset.UTC);
    }

    /**
     * {@link #parseIsoPrefix(CharSequence, int, boolean, int[])} where a date-time without a zone is read in
     * {@code zonelessZone} (a source's time zone) instead of UTC.
     */
    static long parseIsoPrefix(CharSequence text, int start, boolean dateOnlyAllowed, int[] endPosition,
            ZoneId zonelessZone) {
        int length = text.length();
        if (start + 10 > length || text.charAt(start + 4) != '-' || text.charAt(start + 7) != '-') {
            return NOT_FOUND;
        }
        int year = digits(text, start, 4);
        int month = digits(text, start + 5, 2);
        int day = digits(text, start + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) {
            return NOT_FOUND;
        }
        long dayMillis = epochDay(year, month, day) * MILLIS_PER_DAY;
        int position = start + 10;
        boolean hasTime = position + 6 <= length
                && (text.charAt(position) == 'T' || text.charAt(position) == ' ')
                && isDigit(text.charAt(position + 1));
        if (!hasTime) {
            if (!dateOnlyAllowed) {
                return NOT_FOUND;
            }
            setEnd(endPosition, position);
            return dayMillis;
        }
        position++;
        int hour = digits(text, position, 2);
        if (hour < 0 || hour > 23 || text.charAt(position + 2) != ':') {
            return NOT_FOUND;
        }
        int minute = digits(text, position + 3, 2);
        if (minute < 0 || minute > 59) {
            return NOT_FOUND;
        }
        position += 5;
        int second = 0;
        int millisOfSecond = 0;
        if (position + 3 <= length && text.charAt(position) == ':') {
            second = digits(text, position + 1, 2);
            if (second < 0 || second > 59) {
                return NOT_FOUND;
            }
            position += 3;
            if (position + 1 < length && (text.charAt(position) == '.' || text.charAt(position) == ',')
                    && isDigit(text.charAt(position + 1))) {
                position++;
                int scale = 100;
                while (position < length && isDigit(text.charAt(position))) {
                    millisOfSecond += (text.charAt(position) - '0') * scale;
                    scale /= 10;
                    position++;
                }
            }
        }
        long localMillis = dayMillis + hour * 3_600_000L + minute * 60_000L + second * 1_000L + millisOfSecond;
        return applyZone(text, position, localMillis, endPosition, zonelessZone);
    }

    /** Reads an optional zone at {@code position} and returns the UTC millis; a malformed zone is simply absent. */
    private static long applyZone(CharSequence text, int position, long localMillis, int[] endPosition,
            ZoneId zonelessZone) {
        int length = text.length();
        if (position < length && text.charAt(position) == 'Z') {
            setEnd(endPosition, position + 1);
            return localMillis;
        }
        if (position + 3 <= length && text.charAt(position) == 'U' && text.charAt(position + 1) == 'T'
                && text.charAt(position + 2) == 'C') {
            setEnd(endPosition, position + 3);
            return localMillis;
        }
        int offsetStart = position;
        if (offsetStart < length && text.charAt(offsetStart) == ' ') {
            offsetStart++;
        }
        if (offsetStart + 3 <= length && (text.charAt(offsetStart) == '+' || text.charAt(offsetStart) == '-')) {
            int hours = digits(text, offsetStart + 1, 2);
            if (hours >= 0 && hours <= 18) {
                int end = offsetStart + 3;
                int minutes = 0;
                if (end + 3 <= length && text.charAt(end) == ':' && digits(text, end + 1, 2) >= 0) {
                    minutes = digits(text, end + 1, 2);
                    end += 3;
                } else if (end + 2 <= length && digits(text, end, 2) >= 0) {
                    minutes = digits(text, end, 2);
                    end += 2;
                }
                if (minutes <= 59 && (end >= length || !isDigit(text.charAt(end)))) {
                    long offsetMillis = (hours * 60L + minutes) * 60_000L;
                    setEnd(endPosition, end);
                    return text.charAt(offsetStart) == '+' ? localMillis - offsetMillis : localMillis + offsetMillis;
                }
            }
        }
        setEnd(endPosition, position);
        return inZone(localMillis, zonelessZone);
    }

    /** Local millis (a wall-clock time written as if UTC) read in {@code zone}. */
    private static long inZone(long localMillis, ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return localMillis;
        }
        LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(localMillis, 1000L),
                (int) Math.floorMod(localMillis, 1000L) * 1_000_000, ZoneOffset.UTC);
        return local.atZone(zone).toInstant().toEpochMilli();
    }

    /**
     * Parses the common log format time {@code dd/MMM/yyyy:HH:mm:ss ±hhmm} (API Gateway's
     * {@code $context.requestTime}), as the whole of {@code text}.
     */
    static long parseCommonLogFormat(CharSequence text) {
        if (text.length() != 26 || text.charAt(2) != '/' || text.charAt(6) != '/' || text.charAt(11) != ':'
                || text.charAt(14) != ':' || text.charAt(17) != ':' || text.charAt(20) != ' ') {
            return NOT_FOUND;
        }
        int month = 0;
        for (int index = 0; index < MONTH_ABBREVIATIONS.length && month == 0; index++) {
            String abbreviation = MONTH_ABBREVIATIONS[index];
            if (text.charAt(3) == abbreviation.charAt(0) && text.charAt(4) == abbreviation.charAt(1)
                    && text.charAt(5) == abbreviation.charAt(2)) {
                month = index + 1;
            }
        }
        int day = digits(text, 0, 2);
        int year = digits(text, 7, 4);
        int hour = digits(text, 12, 2);
        int minute = digits(text, 15, 2);
        int second = digits(text, 18, 2);
        int offsetHours = digits(text, 22, 2);
        int offsetMinutes = digits(text, 24, 2);
        char sign = text.charAt(21);
        if (month == 0 || year < 0 || day < 1 || day > monthLength(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59 || offsetHours < 0 || offsetHours > 18
                || offsetMinutes < 0 || offsetMinutes > 59 || (sign != '+' && sign != '-')) {
            return NOT_FOUND;
        }
        long localMillis = epochDay(year, month, day) * MILLIS_PER_DAY + hour * 3_600_000L + minute * 60_000L
                + second * 1_000L;
        long offsetMillis = (offsetHours * 60L + offsetMinutes) * 60_000L;
        return sign == '+' ? localMillis - offsetMillis : localMillis + offsetMillis;
    }

    /**
     * Parses a whole string of the form {@code digits[.digits]} as an epoch value whose unit follows from its
     * magnitude (see {@link #epochToMillis(long, int)}).
     */
    static long parseEpochString(CharSequence text) {
        int length = text.length();
        int position = 0;
        long integer = 0;
        while (position < length && isDigit(text.charAt(position))) {
            if (position == 18) {
                return NOT_FOUND;
            }
            integer = integer * 10 + (text.charAt(position) - '0');
            position++;
        }
        if (position == 0) {
            return NOT_FOUND;
        }
        int millisOfSecond = 0;
        if (position < length) {
            if (text.charAt(position) != '.' || position + 1 == length) {
                return NOT_FOUND;
            }
            position++;
            int scale = 100;
            while (position < length && isDigit(text.charAt(position))) {
                millisOfSecond += (text.charAt(position) - '0') * scale;
                scale /= 10;
                position++;
            }
            if (position < length) {
                return NOT_FOUND;
            }
        }
        return epochToMillis(integer, millisOfSecond);
    }

    /**
     * Interprets an epoch number by magnitude: below 10^8 it is not a timestamp (too early to be one, and small
     * numbers are usually counts or durations); below 10^11 seconds; below 10^14 milliseconds; below 10^17
     * microseconds; else nanoseconds.
     *
     * @param millisOfSecond the fraction, only used when the value is in seconds
     */
    static long epochToMillis(long value, int millisOfSecond) {
        if (value < 100_000_000L) {
            return NOT_FOUND;
        }
        if (value < 100_000_000_000L) {
            return value * 1_000L + millisOfSecond;
        }
        if (value < 100_000_000_000_000L) {
            return value;
        }
        if (value < 100_000_000_000_000_000L) {
            return value / 1_000L;
        }
        return value / 1_000_000L;
    }

    /** {@link #epochToMillis(long, int)} for a JSON floating-point number. */
    static long epochToMillis(double value) {
        if (!(value >= 0 && value < 9.0e18)) {
            return NOT_FOUND;
        }
        long integer = (long) value;
        int millisOfSecond = (int) Math.round((value - integer) * 1_000);
        return epochToMillis(integer, Math.min(millisOfSecond, 999));
    }

    /**
     * Parses an epoch at {@code start} of a text line: exactly 10 digits (seconds, optionally with a {@code .fraction})
     * or 13 digits (milliseconds), not followed by another digit.
     */
    static long parseEpochPrefix(CharSequence text, int start) {
        int length = text.length();
        int position = start;
        long integer = 0;
        while (position < length && position - start < 14 && isDigit(text.charAt(position))) {
            integer = integer * 10 + (text.charAt(position) - '0');
            position++;
        }
        if (position - start == 13) {
            return integer;
        }
        if (position - start != 10) {
            return NOT_FOUND;
        }
        int millisOfSecond = 0;
        if (position + 1 < length && text.charAt(position) == '.' && isDigit(text.charAt(position + 1))) {
            position++;
            int scale = 100;
            while (position < length && isDigit(text.charAt(position))) {
                millisOfSecond += (text.charAt(position) - '0') * scale;
                scale /= 10;
                position++;
            }
        }
        return integer * 1_000L + millisOfSecond;
    }

    static boolean isDigit(char character) {
        return character >= '0' && character <= '9';
    }

    /** The value of {@code count} decimal digits at {@code start}, or -1 when any is missing or not a digit. */
    private static int digits(CharSequence text, int start, int count) {
        if (start + count > text.length()) {
            return -1;
        }
        int value = 0;
        for (int index = start; index < start + count; index++) {
            char character = text.charAt(index);
            if (!isDigit(character)) {
                return -1;
            }
            value = value * 10 + (character - '0');
        }
        return value;
    }

    private static void setEnd(int[] endPosition, int position) {
        if (endPosition != null) {
            endPosition[0] = position;
        }
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /* Days from 1970-01-01 of a proleptic Gregorian date: Howard Hinnant's days_from_civil. */
    private static long epochDay(int year, int month, int day) {
        int shiftedYear = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(shiftedYear, 400);
        int yearOfEra = shiftedYear - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
