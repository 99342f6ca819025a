package dev.loupe.query.metrics;

import static java.util.Objects.requireNonNull;

import dev.loupe.store.spi.metrics.MetricSample;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One output series of a metrics query row: its dimensions and its points, oldest first. Immutable by contract: the
 * arrays are never modified after construction, and callers must not modify them either.
 *
 * @param dimensions the series' dimensions, {@code metric} included when the series has a metric name (an aggregate
 *     without {@code by metric} has none); keys as written in the data or the query; iteration order is sorted
 * @param timestamps bucket start times in epoch milliseconds, strictly increasing
 * @param values the values aligned with {@code timestamps}; never NaN
 */
public record MetricSeries(Map<String, String> dimensions, long[] timestamps, double[] values) {
    public MetricSeries {
        requireNonNull(dimensions, "dimensions is null");
        requireNonNull(timestamps, "timestamps is null");
        requireNonNull(values, "values is null");
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException("timestamps and values differ in length: " + timestamps.length + " vs " + values.length);
        }
        dimensions = Collections.unmodifiableMap(new TreeMap<>(dimensions));
    }

    /** The {@code metric} dimension, or the empty string when the series has none. */
    public String metric() {
        return dimension(MetricSample.METRIC);
    }

    /**
     * The value of the dimension whose key equals {@code key} ignoring case, or the empty string: what a chart
     * legend template such as {@code {{apiname}}} is filled with.
     */
    public String dimension(String key) {
        for (Map.Entry<String, String> entry : dimensions.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key)) {
                return entry.getValue();
            }
        }
        return "";
    }

    /** The number of points. */
    public int size() {
        return timestamps.length;
    }

    /**
     * Reduces the whole series to one value; NaN when the series has no point (except {@code COUNT}, which is 0).
     */
    public double reduce(SeriesReduction reduction) {
        int size = values.length;
        if (reduction == SeriesReduction.COUNT) {
            return size;
        }
        if (size == 0) {
            return Double.NaN;
        }
        return switch (reduction) {
            case LATEST -> values[size - 1];
            case AVG -> sum() / size;
            case MIN -> {
                double min = values[0];
                for (double value : values) {
                    min = Math.min(min, value);
                }
                yield min;
            }
            case MAX -> {
                double max = values[0];
                for (double value : values) {
                    max = Math.max(max, value);
                }
                yield max;
            }
            case SUM -> sum();
            case COUNT -> size;
        };
    }

    private double sum() {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum;
    }
}
