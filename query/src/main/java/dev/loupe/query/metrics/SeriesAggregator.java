package dev.loupe.query.metrics;

import dev.loupe.query.metrics.MetricsOperator.Aggregate;
import dev.loupe.query.metrics.MetricsOperator.AggregateFunction;
import dev.loupe.store.spi.metrics.MetricSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * {@code avg/sum/min/max/count/pct/stddev [by f...]}: per timestamp, combines the points of every input series of a
 * group. A series without a {@code by} dimension groups with the others that lack it, and its output series lacks
 * that dimension too. Output series carry only the {@code by} dimensions (keys spelled as in the query), plus
 * {@code metric=stddev} for {@code stddev} (spec §4.4).
 */
final class SeriesAggregator {
    private SeriesAggregator() {}

    static final class Group {
        final Map<String, String> dimensions;
        final double[] sum;
        final double[] sumOfSquares;
        final double[] min;
        final double[] max;
        final int[] count;
        double[][] values;

        Group(Map<String, String> dimensions, int size, boolean keepValues) {
            this.dimensions = dimensions;
            sum = new double[size];
            sumOfSquares = new double[size];
            min = new double[size];
            max = new double[size];
            count = new int[size];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            if (keepValues) {
                values = new double[size][];
            }
        }
    }

    static List<MetricSeries> aggregate(List<MetricSeries> input, Aggregate aggregate) {
        TimeGrid grid = TimeGrid.of(input);
        Accumulation accumulation = new Accumulation(aggregate, grid.size());
        for (MetricSeries series : input) {
            Group group = accumulation.group(series.dimensions());
            long[] timestamps = series.timestamps();
            double[] values = series.values();
            for (int point = 0; point < timestamps.length; point++) {
                accumulation.add(group, grid.indexOf(timestamps[point]), values[point]);
            }
        }
        return accumulation.finish(grid::timestampAt);
    }

    /**
     * The groups of one aggregation being filled: callers find a series' group, add its points by slot (a position
     * on a time grid fixed in advance), then finish. Used by {@link #aggregate} and, without an intermediate
     * {@link MetricSeries} per input series, by the engine's fused quantize-and-aggregate read.
     */
    static final class Accumulation {
        private final Aggregate aggregate;
        private final int slots;
        private final boolean keepValues;
        private final Map<List<String>, Group> groups = new LinkedHashMap<>();

        Accumulation(Aggregate aggregate, int slots) {
            this.aggregate = aggregate;
            this.slots = slots;
            this.keepValues = aggregate.function() == AggregateFunction.PCT;
        }

        /** The group of a series with these dimensions, created on first use. */
        Group group(Map<String, String> dimensions) {
            List<String> key = new ArrayList<>(aggregate.by().size());
            Map<String, String> groupDimensions = new LinkedHashMap<>();
            for (String by : aggregate.by()) {
                String value = valueOfKey(dimensions, by);
                key.add(value == null ? "\u0000" : value);
                if (value != null) {
                    groupDimensions.put(by, value);
                }
            }
            Group group = groups.get(key);
            if (group == null) {
                group = new Group(groupDimensions, slots, keepValues);
                groups.put(key, group);
            }
            return group;
        }

        void add(Group group, int slot, double value) {
            group.sum[slot] += value;
            group.sumOfSquares[slot] += value * value;
            group.min[slot] = Math.min(group.min[slot], value);
            group.max[slot] = Math.max(group.max[slot], value);
            int count = group.count[slot]++;
            if (keepValues) {
                double[] kept = group.values[slot];
                if (kept == null || kept.length == count) {
                    group.values[slot] = kept = kept == null ? new double[4] : Arrays.copyOf(kept, count * 2);
                }
                kept[count] = value;
            }
        }

        /** One series per group, in the order groups were first seen; {@code timestampOfSlot} maps slots back to times. */
        List<MetricSeries> finish(IntToLongFunction timestampOfSlot) {
            List<MetricSeries> output = new ArrayList<>(groups.size());
            for (Group group : groups.values()) {
                output.add(SeriesAggregator.finish(group, slots, timestampOfSlot, aggregate));
            }
            return output;
        }
    }

    private static MetricSeries finish(Group group, int slots, IntToLongFunction timestampOfSlot, Aggregate aggregate) {
        int points = 0;
        for (int count : group.count) {
            if (count > 0) {
                points++;
            }
        }
        long[] timestamps = new long[points];
        double[] values = new double[points];
        int position = 0;
        for (int slot = 0; slot < slots; slot++) {
            int count = group.count[slot];
            if (count == 0) {
                continue;
            }
            timestamps[position] = timestampOfSlot.applyAsLong(slot);
            values[position] = switch (aggregate.function()) {
                case AVG -> group.sum[slot] / count;
                case SUM -> group.sum[slot];
                case MIN -> group.min[slot];
                case MAX -> group.max[slot];
                case COUNT -> count;
                case STDDEV -> {
                    double mean = group.sum[slot] / count;
                    yield Math.sqrt(Math.max(0, group.sumOfSquares[slot] / count - mean * mean));
                }
                case PCT -> {
                    double[] kept = group.values[slot];
                    Arrays.sort(kept, 0, count);
                    yield SeriesStatistics.percentileOfSorted(kept, count, aggregate.percentile());
                }
            };
            position++;
        }
        Map<String, String> dimensions = group.dimensions;
        if (aggregate.function() == AggregateFunction.STDDEV && valueOfKey(dimensions, MetricSample.METRIC) == null) {
            dimensions = new LinkedHashMap<>(dimensions);
            dimensions.put(MetricSample.METRIC, "stddev");
        }
        return new MetricSeries(dimensions, timestamps, values);
    }

    /** The value of the dimension {@code key} (ignoring case), or null. */
    static String valueOf(MetricSeries series, String key) {
        return valueOfKey(series.dimensions(), key);
    }

    /**
     * The value of the dimension {@code key}: the exact key's, else that of the smallest key equal to it ignoring
     * case (so the answer does not depend on the map's iteration order), else null.
     */
    static String valueOfKey(Map<String, String> dimensions, String key) {
        String exact = dimensions.get(key);
        if (exact != null) {
            return exact;
        }
        String bestKey = null;
        String bestValue = null;
        for (Map.Entry<String, String> entry : dimensions.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key) && (bestKey == null || entry.getKey().compareTo(bestKey) < 0)) {
                bestKey = entry.getKey();
                bestValue = entry.getValue();
            }
        }
        return bestValue;
    }
}
