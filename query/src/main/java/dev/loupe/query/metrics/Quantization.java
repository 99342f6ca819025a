package dev.loupe.query.metrics;

import dev.loupe.store.spi.metrics.SeriesRollups;
import java.util.Arrays;
import java.util.Map;

/**
 * Quantization (spec §4.3): epoch-aligned buckets of a fixed length, one value per bucket with points, the value a
 * {@link Rollup} of the bucket's points. Bucket timestamps are bucket starts; empty buckets are absent.
 */
final class Quantization {
    private Quantization() {}

    private static final long SECOND = 1_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    /** The intervals the engine picks from, smallest first. */
    static final long[] LADDER = {SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE, 2 * MINUTE, 5 * MINUTE,
        10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY};

    /** Spec §4.3's anchor table: query range → interval, for ranges above one hour. */
    private static final long[][] ANCHORS = {{3 * HOUR, 30 * SECOND}, {6 * HOUR, MINUTE}, {DAY, 5 * MINUTE}, {2 * DAY, 10 * MINUTE},
        {14 * DAY, HOUR}, {30 * DAY, 2 * HOUR}, {90 * DAY, 6 * HOUR}, {150 * DAY, 12 * HOUR}};

    /** Above this many buckets per series an explicit interval is raised to the smallest ladder interval that fits. */
    static final long MAX_BUCKETS = 100_000L;

    /**
     * The automatic interval for a range: up to one hour, the smallest ladder interval giving at most 240 buckets
     * (one hour → 15 s); above, the interval of the first anchor row whose range is at least the query's (so 2 h
     * uses 3 h's 30 s, 4 d uses 14 d's 1 h); beyond 150 days, 1 day.
     */
    static long automaticInterval(long rangeMillis) {
        if (rangeMillis <= HOUR) {
            for (long interval : LADDER) {
                if (rangeMillis / interval <= 240) {
                    return interval;
                }
            }
        }
        for (long[] anchor : ANCHORS) {
            if (rangeMillis <= anchor[0]) {
                return anchor[1];
            }
        }
        return DAY;
    }

    /** {@code interval}, or the smallest ladder interval (or whole days) keeping the range under {@link #MAX_BUCKETS}. */
    static long limitBuckets(long interval, long rangeMillis) {
        if (rangeMillis / interval <= MAX_BUCKETS) {
            return interval;
        }
        for (long candidate : LADDER) {
            if (candidate > interval && rangeMillis / candidate <= MAX_BUCKETS) {
                return candidate;
            }
        }
        return Math.max(interval, (rangeMillis / MAX_BUCKETS / DAY + 1) * DAY);
    }

    /** Quantizes raw points (sorted by time). */
    static MetricSeries quantize(Map<String, String> dimensions, long[] timestamps, double[] values, long interval, Rollup rollup) {
        long[] outTimestamps = new long[timestamps.length];
        double[] outValues = new double[timestamps.length];
        int size = quantizeInto(timestamps, values, timestamps.length, interval, rollup, outTimestamps, outValues);
        return new MetricSeries(dimensions, Arrays.copyOf(outTimestamps, size), Arrays.copyOf(outValues, size));
    }

    /**
     * Quantizes {@code timestamps/values[0, length)} (sorted by time) into {@code outTimestamps/outValues}, which
     * hold at least {@code length} entries; returns the number of buckets written (buckets whose value is NaN, a
     * one-point {@code rate}, are left out).
     */
    static int quantizeInto(long[] timestamps, double[] values, int length, long interval, Rollup rollup, long[] outTimestamps,
            double[] outValues) {
        int size = 0;
        int start = 0;
        while (start < length) {
            long bucket = Math.floorDiv(timestamps[start], interval) * interval;
            long bucketEnd = bucket + interval;
            int end = start;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            while (end < length && timestamps[end] < bucketEnd) {
                double value = values[end];
                sum += value;
                min = Math.min(min, value);
                max = Math.max(max, value);
                end++;
            }
            int count = end - start;
            double value = switch (rollup) {
                case AVG -> sum / count;
                case MIN -> min;
                case MAX -> max;
                case SUM -> sum;
                case COUNT -> count;
                case RATE -> count < 2 ? Double.NaN
                        : (values[end - 1] - values[start]) * 1000.0 / (timestamps[end - 1] - timestamps[start]);
            };
            if (!Double.isNaN(value)) {
                outTimestamps[size] = bucket;
                outValues[size] = value;
                size++;
            }
            start = end;
        }
        return size;
    }

    /**
     * Quantizes a store's rollups into buckets of {@code interval}, a whole multiple of the rollup bucket; exact
     * for every rollup but {@code RATE}, which callers must not ask for.
     */
    static MetricSeries fromRollups(Map<String, String> dimensions, SeriesRollups rollups, long interval, Rollup rollup) {
        int length = rollups.bucketStarts().length;
        long[] outTimestamps = new long[length];
        double[] outValues = new double[length];
        int size = fromRollupsInto(rollups, interval, rollup, outTimestamps, outValues);
        return new MetricSeries(dimensions, Arrays.copyOf(outTimestamps, size), Arrays.copyOf(outValues, size));
    }

    /** {@link #fromRollups} into arrays holding at least as many entries as the rollups have buckets; returns the count written. */
    static int fromRollupsInto(SeriesRollups rollups, long interval, Rollup rollup, long[] outTimestamps, double[] outValues) {
        long[] starts = rollups.bucketStarts();
        int length = starts.length;
        int size = 0;
        int start = 0;
        while (start < length) {
            long bucket = Math.floorDiv(starts[start], interval) * interval;
            long count = 0;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            int end = start;
            while (end < length && starts[end] < bucket + interval) {
                count += rollups.counts()[end];
                sum += rollups.sums()[end];
                min = Math.min(min, rollups.mins()[end]);
                max = Math.max(max, rollups.maxes()[end]);
                end++;
            }
            outTimestamps[size] = bucket;
            outValues[size] = switch (rollup) {
                case AVG -> sum / count;
                case MIN -> min;
                case MAX -> max;
                case SUM -> sum;
                case COUNT -> count;
                case RATE -> throw new IllegalArgumentException("rate cannot be computed from rollups");
            };
            size++;
            start = end;
        }
        return size;
    }

    /** Drops the last point when its bucket extends beyond {@code rangeEnd}. */
    static MetricSeries dropLast(MetricSeries series, long interval, long rangeEnd) {
        int size = series.size();
        if (size == 0 || series.timestamps()[size - 1] + interval <= rangeEnd) {
            return series;
        }
        return new MetricSeries(series.dimensions(), Arrays.copyOf(series.timestamps(), size - 1), Arrays.copyOf(series.values(), size - 1));
    }
}
