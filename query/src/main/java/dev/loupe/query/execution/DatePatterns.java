package dev.loupe.query.execution;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Java {@link java.text.SimpleDateFormat} patterns, as Sumo's {@code formatDate}/{@code parseDate} take them,
 * translated to thread-safe {@link DateTimeFormatter}s (English names) and cached per pattern.
 *
 * <p>Letters mean what they mean to SimpleDateFormat: {@code S} is milliseconds, {@code u} the ISO day number of
 * the week, {@code Z} always {@code -0800}; text in single quotes and every non-letter is literal ({@code ''} is a
 * quote). Letters SimpleDateFormat does not know make the pattern invalid. Parsing defaults the fields a pattern
 * lacks to 1970-01-01 00:00:00.000, as SimpleDateFormat does.
 */
final class DatePatterns {
    private static final String KNOWN_LETTERS = "GyYMLwWDdFEuaHkKhmsSzZX";
    private static final int CACHE_LIMIT = 1_000;
    private static final Map<String, DateTimeFormatter> FORMATTING = new ConcurrentHashMap<>();
    private static final Map<String, DateTimeFormatter> PARSING = new ConcurrentHashMap<>();

    private DatePatterns() {}

    /**
     * The formatter of a pattern for {@code formatDate}: numbers padded to the number of letters.
     *
     * @throws IllegalArgumentException naming the problem when the pattern is not a valid SimpleDateFormat pattern
     */
    static DateTimeFormatter formatting(String pattern) {
        return cached(FORMATTING, pattern, false);
    }

    /**
     * The formatter of a pattern for {@code parseDate}: a number not directly next to another field accepts any
     * number of digits, as SimpleDateFormat does ({@code 1/5/2024} against {@code MM/dd/yyyy}).
     *
     * @throws IllegalArgumentException naming the problem when the pattern is not a valid SimpleDateFormat pattern
     */
    static DateTimeFormatter parsing(String pattern) {
        return cached(PARSING, pattern, true);
    }

    private static DateTimeFormatter cached(Map<String, DateTimeFormatter> cache, String pattern, boolean parsing) {
        DateTimeFormatter cached = cache.get(pattern);
        if (cached != null) {
            return cached;
        }
        DateTimeFormatter built = build(pattern, parsing);
        if (cache.size() < CACHE_LIMIT) {
            cache.put(pattern, built);
        }
        return built;
    }

    private static DateTimeFormatter build(String pattern, boolean parsing) {
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive();
        String letters = "";
        int index = 0;
        int length = pattern.length();
        while (index < length) {
            char character = pattern.charAt(index);
            if (character == '\'') {
                index = appendQuoted(builder, pattern, index);
                continue;
            }
            if ((character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z')) {
                if (KNOWN_LETTERS.indexOf(character) < 0) {
                    throw new IllegalArgumentException("illegal pattern character '" + character + "'");
                }
                int end = index;
                while (end < length && pattern.charAt(end) == character) {
                    end++;
                }
                boolean lenientWidth = parsing && (end == length || !Character.isLetter(pattern.charAt(end)))
                        && (index == 0 || !Character.isLetter(pattern.charAt(index - 1)));
                appendField(builder, character, end - index, lenientWidth);
                letters += character;
                index = end;
                continue;
            }
            builder.appendLiteral(character);
            index++;
        }
        defaultMissing(builder, letters);
        return builder.toFormatter(Locale.US);
    }

    /**
     * Appends quoted text starting at the quote at {@code start}: {@code ''} alone is a quote, and so is {@code ''}
     * inside quoted text. Returns the index after the closing quote.
     */
    private static int appendQuoted(DateTimeFormatterBuilder builder, String pattern, int start) {
        if (start + 1 < pattern.length() && pattern.charAt(start + 1) == '\'') {
            builder.appendLiteral('\'');
            return start + 2;
        }
        StringBuilder text = new StringBuilder();
        int index = start + 1;
        while (index < pattern.length()) {
            char character = pattern.charAt(index);
            if (character == '\'') {
                if (index + 1 < pattern.length() && pattern.charAt(index + 1) == '\'') {
                    text.append('\'');
                    index += 2;
                    continue;
                }
                builder.appendLiteral(text.toString());
                return index + 1;
            }
            text.append(character);
            index++;
        }
        throw new IllegalArgumentException("unterminated quote in the date pattern");
    }

    /** Appends one run of a pattern letter; {@code lenientWidth} lets a number parse with any number of digits. */
    private static void appendField(DateTimeFormatterBuilder builder, char letter, int count, boolean lenientWidth) {
        ChronoField number = switch (letter) {
            case 'd' -> ChronoField.DAY_OF_MONTH;
            case 'M' -> count <= 2 ? ChronoField.MONTH_OF_YEAR : null;
            case 'H' -> ChronoField.HOUR_OF_DAY;
            case 'h' -> ChronoField.CLOCK_HOUR_OF_AMPM;
            case 'k' -> ChronoField.CLOCK_HOUR_OF_DAY;
            case 'K' -> ChronoField.HOUR_OF_AMPM;
            case 'm' -> ChronoField.MINUTE_OF_HOUR;
            case 's' -> ChronoField.SECOND_OF_MINUTE;
            case 'y' -> count != 2 ? ChronoField.YEAR_OF_ERA : null;
            default -> null;
        };
        if (number != null && lenientWidth) {
            builder.appendValue(number, 1, letter == 'y' ? 19 : 2, SignStyle.NOT_NEGATIVE);
            return;
        }
        switch (letter) {
            case 'S' -> {
                if (count == 3) {
                    builder.appendValue(ChronoField.MILLI_OF_SECOND, 3);
                } else {
                    builder.appendValue(ChronoField.MILLI_OF_SECOND, count, Math.max(count, 3), SignStyle.NOT_NEGATIVE);
                }
            }
            case 'u' -> builder.appendValue(ChronoField.DAY_OF_WEEK, count, 1, SignStyle.NOT_NEGATIVE);
            case 'Z' -> builder.appendOffset("+HHMM", "+0000");
            case 'X' -> builder.appendOffset(count == 1 ? "+HH" : count == 2 ? "+HHMM" : "+HH:MM", "Z");
            case 'F' -> builder.appendValue(ChronoField.ALIGNED_WEEK_OF_MONTH, count);
            case 'y' -> builder.appendPattern(count == 2 ? "yy" : count == 1 ? "y" : "y".repeat(count));
            case 'G', 'Y', 'M', 'L', 'w', 'W', 'D', 'd', 'E', 'a', 'H', 'k', 'K', 'h', 'm', 's', 'z' ->
                    builder.appendPattern(String.valueOf(letter).repeat(Math.min(count, maximumWidth(letter))));
            default -> throw new IllegalArgumentException("illegal pattern character '" + letter + "'");
        }
    }

    private static int maximumWidth(char letter) {
        return switch (letter) {
            case 'E', 'z', 'M', 'L' -> 4;
            case 'G' -> 3;
            case 'a' -> 1;
            case 'D' -> 3;
            default -> 2;
        };
    }

    private static void defaultMissing(DateTimeFormatterBuilder builder, String letters) {
        if (!containsAny(letters, "yY")) {
            builder.parseDefaulting(ChronoField.YEAR_OF_ERA, 1970);
        }
        if (!containsAny(letters, "MLDwWFEu")) {
            builder.parseDefaulting(ChronoField.MONTH_OF_YEAR, 1);
        }
        if (!containsAny(letters, "dDwWFEu")) {
            builder.parseDefaulting(ChronoField.DAY_OF_MONTH, 1);
        }
        if (containsAny(letters, "hK") && !containsAny(letters, "a")) {
            builder.parseDefaulting(ChronoField.AMPM_OF_DAY, 0);
        }
        if (!containsAny(letters, "HkKh")) {
            builder.parseDefaulting(ChronoField.HOUR_OF_DAY, 0);
        }
        if (!containsAny(letters, "m")) {
            builder.parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0);
        }
        if (!containsAny(letters, "s")) {
            builder.parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0);
        }
        if (!containsAny(letters, "S")) {
            builder.parseDefaulting(ChronoField.MILLI_OF_SECOND, 0);
        }
    }

    private static boolean containsAny(String letters, String wanted) {
        for (int index = 0; index < wanted.length(); index++) {
            if (letters.indexOf(wanted.charAt(index)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
