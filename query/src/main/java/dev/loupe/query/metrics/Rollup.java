package dev.loupe.query.metrics;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.util.Locale;

/**
 * How the points of one series that fall in one quantization bucket become the bucket's value (spec §4.3).
 */
public enum Rollup {
    AVG,
    MIN,
    MAX,
    SUM,
    COUNT,
    /** The per-second rate between the bucket's first and last point (the bucket is absent with fewer than two points). */
    RATE;

    /** The name as the Metrics Query API writes it: {@code Avg}, {@code Sum}... */
    public String apiName() {
        String lower = name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /**
     * Parses a rollup name ignoring case ({@code avg}, {@code Sum}, ...).
     *
     * @throws LoupeException {@code QUERY_INVALID} naming the value when it is not a rollup
     */
    public static Rollup parse(String name) {
        for (Rollup rollup : values()) {
            if (rollup.name().equalsIgnoreCase(name)) {
                return rollup;
            }
        }
        throw new LoupeException(ErrorCode.QUERY_INVALID,
                "unknown rollup '" + name + "': expected avg, min, max, sum, count or rate");
    }
}
