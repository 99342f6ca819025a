package dev.loupe.query.metrics;

import java.util.Arrays;

/** The reducers of one series' values (spec §4.4: avg, min, max, sum, count, latest, stddev, pct(n)), computed once. */
final class SeriesStatistics {
    private final double[] values;
    private final double sum;
    private final double min;
    private final double max;
    private double[] sorted;

    SeriesStatistics(double[] values) {
        this.values = values;
        double total = 0;
        double smallest = Double.NaN;
        double largest = Double.NaN;
        for (double value : values) {
            total += value;
            smallest = Double.isNaN(smallest) ? value : Math.min(smallest, value);
            largest = Double.isNaN(largest) ? value : Math.max(largest, value);
        }
        this.sum = total;
        this.min = smallest;
        this.max = largest;
    }

    double reduce(Expression.Reducer reducer, double percentile) {
        int count = values.length;
        return switch (reducer) {
            case COUNT -> count;
            case SUM -> sum;
            case AVG -> count == 0 ? Double.NaN : sum / count;
            case MIN -> min;
            case MAX -> max;
            case LATEST -> count == 0 ? Double.NaN : values[count - 1];
            case STDDEV -> standardDeviation();
            case PCT -> percentile(percentile);
        };
    }

    /** Population standard deviation (spec §7 leaves sample vs population open). */
    private double standardDeviation() {
        int count = values.length;
        if (count == 0) {
            return Double.NaN;
        }
        double mean = sum / count;
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / count);
    }

    private double percentile(double percentile) {
        if (values.length == 0) {
            return Double.NaN;
        }
        if (sorted == null) {
            sorted = values.clone();
            Arrays.sort(sorted);
        }
        return percentileOfSorted(sorted, sorted.length, percentile);
    }

    /** Nearest-rank percentile of the first {@code count} values of {@code sorted}: the smallest value with at least p% at or below it. */
    static double percentileOfSorted(double[] sorted, int count, double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * count);
        return sorted[Math.clamp(rank - 1, 0, count - 1)];
    }
}
