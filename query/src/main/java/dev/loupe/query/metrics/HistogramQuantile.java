package dev.loupe.query.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code histogram_quantile(q)} over Prometheus histogram buckets (spec §4.4): series with an {@code le} dimension
 * (a bucket's upper bound, {@code +Inf} for the last) holding cumulative counts. Series are grouped by all their
 * dimensions but {@code le}; each group gives one series with those dimensions whose point at a timestamp is the
 * {@code q} quantile estimated from the buckets that have a point there. Series without a numeric {@code le} are
 * left out, as Prometheus ignores them.
 */
final class HistogramQuantile {
    private HistogramQuantile() {}

    static final String BUCKET_DIMENSION = "le";

    /*
     * Design notes: the estimate is Prometheus's bucketQuantile (promql/quantile.go). Per timestamp, buckets with the
     * same bound are summed, sorted by bound, and counts made monotonic (a lower count after a higher one is raised
     * to it, as counts scraped at slightly different times may dip). No point when the highest bound is not +Inf,
     * when there are fewer than two buckets, or when the +Inf count is 0. Rank = q · total; the first bucket whose
     * count reaches the rank holds the quantile: in the +Inf bucket the answer is the second-highest bound; in the
     * first bucket with a bound ≤ 0, that bound; otherwise linear interpolation between the bucket's lower bound
     * (the previous bound, or 0 for the first bucket) and its upper bound by the rank's share of the bucket's count.
     */

    static List<MetricSeries> apply(List<MetricSeries> input, double quantile) {
        Map<Map<String, String>, List<Bucket>> groups = new LinkedHashMap<>();
        for (MetricSeries series : input) {
            String bound = SeriesAggregator.valueOf(series, BUCKET_DIMENSION);
            double upperBound = bound == null ? Double.NaN : parseBound(bound);
            if (Double.isNaN(upperBound)) {
                continue;
            }
            Map<String, String> dimensions = new TreeMap<>(series.dimensions());
            dimensions.keySet().removeIf(key -> key.equalsIgnoreCase(BUCKET_DIMENSION));
            groups.computeIfAbsent(dimensions, ignored -> new ArrayList<>()).add(new Bucket(upperBound, series));
        }
        List<MetricSeries> output = new ArrayList<>(groups.size());
        for (Map.Entry<Map<String, String>, List<Bucket>> group : groups.entrySet()) {
            output.add(quantileSeries(group.getKey(), group.getValue(), quantile));
        }
        return output;
    }

    private record Bucket(double upperBound, MetricSeries series) {}

    /** A bucket bound: a number, or {@code +Inf}/{@code Inf}/{@code inf}; NaN when it is neither. */
    static double parseBound(String text) {
        String trimmed = text.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.equals("+inf") || lower.equals("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            return Double.parseDouble(trimmed);
        } catch (NumberFormatException notNumeric) {
            return Double.NaN;
        }
    }

    private static MetricSeries quantileSeries(Map<String, String> dimensions, List<Bucket> buckets, double quantile) {
        TimeGrid grid = TimeGrid.of(buckets.stream().map(Bucket::series).toList());
        buckets.sort((left, right) -> Double.compare(left.upperBound(), right.upperBound()));
        int bucketCount = buckets.size();
        double[][] counts = new double[grid.size()][];
        for (int index = 0; index < bucketCount; index++) {
            MetricSeries series = buckets.get(index).series();
            for (int point = 0; point < series.size(); point++) {
                int slot = grid.indexOf(series.timestamps()[point]);
                if (counts[slot] == null) {
                    counts[slot] = new double[bucketCount];
                    Arrays.fill(counts[slot], Double.NaN);
                }
                double previous = counts[slot][index];
                counts[slot][index] = Double.isNaN(previous) ? series.values()[point] : previous + series.values()[point];
            }
        }
        long[] timestamps = new long[grid.size()];
        double[] values = new double[grid.size()];
        int size = 0;
        double[] bounds = new double[bucketCount];
        double[] cumulative = new double[bucketCount];
        for (int slot = 0; slot < grid.size(); slot++) {
            if (counts[slot] == null) {
                continue;
            }
            int present = 0;
            for (int index = 0; index < bucketCount; index++) {
                double count = counts[slot][index];
                if (Double.isNaN(count)) {
                    continue;
                }
                double bound = buckets.get(index).upperBound();
                if (present > 0 && bounds[present - 1] == bound) {
                    cumulative[present - 1] += count;
                } else {
                    bounds[present] = bound;
                    cumulative[present] = count;
                    present++;
                }
            }
            double value = quantile(quantile, bounds, cumulative, present);
            if (!Double.isNaN(value)) {
                timestamps[size] = grid.timestampAt(slot);
                values[size] = value;
                size++;
            }
        }
        return new MetricSeries(dimensions, Arrays.copyOf(timestamps, size), Arrays.copyOf(values, size));
    }

    /** Prometheus's estimate from {@code size} buckets sorted by distinct bound; NaN when there is none. */
    static double quantile(double quantile, double[] bounds, double[] cumulative, int size) {
        if (size < 2 || bounds[size - 1] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        for (int index = 1; index < size; index++) {
            cumulative[index] = Math.max(cumulative[index], cumulative[index - 1]);
        }
        double total = cumulative[size - 1];
        if (total == 0) {
            return Double.NaN;
        }
        double rank = quantile * total;
        int bucket = 0;
        while (bucket < size - 1 && cumulative[bucket] < rank) {
            bucket++;
        }
        if (bucket == size - 1) {
            return bounds[size - 2];
        }
        if (bucket == 0 && bounds[0] <= 0) {
            return bounds[0];
        }
        double lower = bucket == 0 ? 0 : bounds[bucket - 1];
        double below = bucket == 0 ? 0 : cumulative[bucket - 1];
        double inBucket = cumulative[bucket] - below;
        if (inBucket == 0) {
            return lower;
        }
        return lower + (bounds[bucket] - lower) * ((rank - below) / inBucket);
    }
}
