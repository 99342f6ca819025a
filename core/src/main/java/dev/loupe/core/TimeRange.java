package dev.loupe.core;

/**
 * A half-open range of epoch milliseconds, {@code [fromMillis, toMillis)}: Sumo's "the last millisecond is not
 * searched".
 */
public record TimeRange(long fromMillis, long toMillis) {
    public TimeRange {
        if (toMillis < fromMillis) {
            throw new LoupeException(ErrorCode.INVALID_TIME,
                    "the end of the time range (" + toMillis + ") is before its start (" + fromMillis + ")");
        }
    }

    public static TimeRange all() {
        return new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public boolean contains(long millis) {
        return millis >= fromMillis && millis < toMillis;
    }

    public boolean overlaps(long fromInclusive, long toExclusive) {
        return fromInclusive < toMillis && toExclusive > fromMillis;
    }

    public long lengthMillis() {
        return toMillis - fromMillis;
    }
}
