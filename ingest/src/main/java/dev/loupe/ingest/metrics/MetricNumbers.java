package dev.loupe.ingest.metrics;

/**
 * Number text of the metric line formats: values and timestamps. Stateless.
 *
 * <p>Timestamps are seconds or milliseconds since the epoch, told apart by size: below 10<sup>11</sup> they are
 * seconds (up to the year 5138), from there milliseconds (from March 1973). Decimals are allowed and rounded to
 * the millisecond. Values of 10<sup>14</sup> and above are microseconds or nanoseconds, which Sumo does not
 * support, and are refused with a reason that says so.
 */
final class MetricNumbers {
    private static final double SECONDS_BELOW = 1e11;
    private static final double MICROSECONDS_FROM = 1e14;

    private MetricNumbers() {}

    /**
     * A finite decimal value: digits, one {@code .}, a sign and an exponent; {@code NaN}, {@code Inf} and the
     * like are refused.
     */
    static double value(String text) throws MalformedLineException {
        if (!isDecimal(text)) {
            if (isNonFinite(text)) {
                throw new MalformedLineException("value " + text + " is not a finite number (NaN and infinities are not stored)");
            }
            throw new MalformedLineException("value '" + text + "' is not a number");
        }
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw new MalformedLineException("value " + text + " is out of range");
        }
        return value;
    }

    /** Epoch milliseconds from a timestamp in seconds or milliseconds. */
    static long timestampMillis(String text) throws MalformedLineException {
        if (!isDecimal(text)) {
            throw new MalformedLineException("timestamp '" + text + "' is not a number");
        }
        double raw = Double.parseDouble(text);
        if (raw < 0) {
            throw new MalformedLineException("timestamp " + text + " is negative");
        }
        if (raw >= MICROSECONDS_FROM) {
            throw new MalformedLineException("timestamp " + text
                    + " looks like micro- or nanoseconds; send seconds or milliseconds");
        }
        return raw < SECONDS_BELOW ? Math.round(raw * 1000) : Math.round(raw);
    }

    /** Epoch milliseconds from OpenTelemetry's nanoseconds. */
    static long nanosToMillis(long nanos) {
        return nanos / 1_000_000;
    }

    private static boolean isNonFinite(String text) {
        String unsigned = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        return unsigned.equalsIgnoreCase("nan") || unsigned.equalsIgnoreCase("inf") || unsigned.equalsIgnoreCase("infinity");
    }

    /* Double.parseDouble also takes hex floats, "Infinity" and suffixes like "1d"; none of those is metric text. */
    private static boolean isDecimal(String text) {
        int length = text.length();
        int index = 0;
        if (index < length && (text.charAt(index) == '+' || text.charAt(index) == '-')) {
            index++;
        }
        int digits = 0;
        boolean dot = false;
        for (; index < length; index++) {
            char character = text.charAt(index);
            if (character >= '0' && character <= '9') {
                digits++;
            } else if (character == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (index < length && (text.charAt(index) == 'e' || text.charAt(index) == 'E')) {
            index++;
            if (index < length && (text.charAt(index) == '+' || text.charAt(index) == '-')) {
                index++;
            }
            int exponentDigits = 0;
            for (; index < length && text.charAt(index) >= '0' && text.charAt(index) <= '9'; index++) {
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return index == length;
    }
}
