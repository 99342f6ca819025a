package dev.loupe.query.execution;

import dev.loupe.query.plan.Function;
import java.util.IllegalFormatException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code format()} template: the Java {@link java.util.Formatter} string and the conversion each argument
 * meets first, so that parsed text can be coerced to what the conversion needs ({@code "42"} for {@code %d},
 * {@code "1.5"} for {@code %.2f}). Templates are cached per format string; immutable and thread-safe.
 *
 * @param format the Java format string
 * @param conversions per argument (0-based, after the format string), the conversion character, or 's'
 */
record FormatTemplate(String format, char[] conversions) {
    private static final Pattern SPECIFIER =
            Pattern.compile("%(\\d+\\$)?([-#+ 0,(<]*)?(\\d+)?(\\.\\d+)?([tT])?([a-zA-Z%])");
    private static final int MAX_ARGUMENTS = 16;
    private static final int CACHE_LIMIT = 1_000;
    private static final Map<String, FormatTemplate> CACHE = new ConcurrentHashMap<>();

    /** The template of a format argument; a null format is an error. */
    static FormatTemplate of(Function function, Object format) {
        if (format == null) {
            throw FunctionFailure.of(function, "the format is null", null);
        }
        String text = Values.toText(format);
        FormatTemplate cached = CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        FormatTemplate parsed = parse(text);
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(text, parsed);
        }
        return parsed;
    }

    private static FormatTemplate parse(String format) {
        char[] conversions = new char[MAX_ARGUMENTS];
        Matcher matcher = SPECIFIER.matcher(format);
        int ordinary = 0;
        int previous = -1;
        while (matcher.find()) {
            char conversion = matcher.group(5) != null ? 't' : matcher.group(6).charAt(0);
            if (conversion == '%' || conversion == 'n') {
                continue;
            }
            int index;
            if (matcher.group(1) != null) {
                index = Integer.parseInt(matcher.group(1), 0, matcher.group(1).length() - 1, 10) - 1;
            } else if (matcher.group(2) != null && matcher.group(2).indexOf('<') >= 0) {
                index = previous;
            } else {
                index = ordinary++;
            }
            if (index >= 0 && index < MAX_ARGUMENTS && conversions[index] == 0) {
                conversions[index] = conversion;
            }
            previous = index;
        }
        return new FormatTemplate(format, conversions);
    }

    /** Formats {@code arguments[1..]} (arguments[0] is the format); nulls and mismatches are errors. */
    String format(Function function, Object[] arguments) {
        Object[] values = new Object[arguments.length - 1];
        for (int index = 0; index < values.length; index++) {
            Object value = arguments[index + 1];
            if (value == null) {
                throw FunctionFailure.of(function, "argument " + (index + 2) + " is null", format);
            }
            values[index] = coerce(conversions[index], value);
        }
        try {
            return String.format(Locale.ROOT, format, values);
        } catch (IllegalFormatException mismatch) {
            throw FunctionFailure.of(function, "the arguments do not fit the format (" + mismatch.getMessage() + ")",
                    format);
        }
    }

    private static Object coerce(char conversion, Object value) {
        return switch (Character.toLowerCase(conversion)) {
            case 'd', 'o', 'x', 't' -> {
                Number number = Values.toNumber(value);
                if (number instanceof Double real && real == Math.rint(real) && Math.abs(real) < 9.2e18) {
                    yield real.longValue();
                }
                yield number == null ? value : number;
            }
            case 'e', 'f', 'g', 'a' -> {
                Number number = Values.toNumber(value);
                yield number == null ? value : (Object) number.doubleValue();
            }
            case 's' -> Values.toText(value);
            default -> value;
        };
    }
}
