package dev.loupe.query.execution;

import java.util.Arrays;

/**
 * Percentiles over a stream of doubles: exact up to {@link #EXACT_LIMIT} values, then a merging digest.
 *
 * <p>Design notes: exact percentiles interpolate linearly between the two closest ranks (position
 * {@code q·(n−1)} in the sorted values). Past {@link #EXACT_LIMIT} values the sketch switches to a merging
 * t-digest (Dunning and Ertl, "Computing Extremely Accurate Quantiles Using t-Digests", 2019): values are buffered,
 * and each full buffer is merged with the centroids in mean order; two neighbours merge while the arcsine scale
 * function {@code k(q) = δ/(2π)·asin(2q−1)} grows by at most 1 across them, which keeps the tails precise.
 * Memory is bounded: at most about {@code 2·δ} centroids plus the buffer, whatever the input size.
 */
final class PercentileSketch {
    /** Up to this many values the answer is exact (spec §2.3: "exact below 1000 points"). */
    static final int EXACT_LIMIT = 1000;
    private static final double COMPRESSION = 200;

    private double[] buffer = new double[64];
    private int buffered;
    private double[] means = new double[0];
    private double[] weights = new double[0];
    private int centroids;
    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    void add(double value) {
        if (buffered == buffer.length) {
            if (buffer.length < EXACT_LIMIT) {
                buffer = Arrays.copyOf(buffer, Math.min(EXACT_LIMIT, buffer.length * 2));
            } else {
                compress();
            }
        }
        buffer[buffered++] = value;
        count++;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The {@code q} quantile, {@code 0 < q < 1}. */
    double quantile(double q) {
        if (centroids == 0) {
            double[] sorted = Arrays.copyOf(buffer, buffered);
            Arrays.sort(sorted);
            double position = q * (sorted.length - 1);
            int lower = (int) Math.floor(position);
            int upper = Math.min(lower + 1, sorted.length - 1);
            return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
        }
        compress();
        double target = q * count;
        double cumulative = 0;
        double previousCenter = 0;
        double previousMean = min;
        for (int index = 0; index < centroids; index++) {
            double center = cumulative + weights[index] / 2;
            if (target < center) {
                double span = center - previousCenter;
                double fraction = span <= 0 ? 0 : (target - previousCenter) / span;
                return previousMean + (means[index] - previousMean) * fraction;
            }
            previousCenter = center;
            previousMean = means[index];
            cumulative += weights[index];
        }
        double span = count - previousCenter;
        double fraction = span <= 0 ? 1 : (target - previousCenter) / span;
        return previousMean + (max - previousMean) * fraction;
    }

    private void compress() {
        if (buffered == 0) {
            return;
        }
        int total = centroids + buffered;
        double[] allMeans = new double[total];
        double[] allWeights = new double[total];
        System.arraycopy(means, 0, allMeans, 0, centroids);
        System.arraycopy(weights, 0, allWeights, 0, centroids);
        for (int index = 0; index < buffered; index++) {
            allMeans[centroids + index] = buffer[index];
            allWeights[centroids + index] = 1;
        }
        Integer[] order = new Integer[total];
        for (int index = 0; index < total; index++) {
            order[index] = index;
        }
        Arrays.sort(order, (left, right) -> Double.compare(allMeans[left], allMeans[right]));
        double[] newMeans = new double[total];
        double[] newWeights = new double[total];
        int merged = 0;
        double seen = 0;
        double limitBelow = scale(0);
        for (int position = 0; position < total; position++) {
            int index = order[position];
            if (merged > 0 && scale((seen + allWeights[index]) / count) - limitBelow <= 1) {
                double weight = newWeights[merged - 1] + allWeights[index];
                newMeans[merged - 1] += (allMeans[index] - newMeans[merged - 1]) * allWeights[index] / weight;
                newWeights[merged - 1] = weight;
            } else {
                if (merged > 0) {
                    limitBelow = scale(seen / count);
                }
                newMeans[merged] = allMeans[index];
                newWeights[merged] = allWeights[index];
                merged++;
            }
            seen += allWeights[index];
        }
        means = Arrays.copyOf(newMeans, merged);
        weights = Arrays.copyOf(newWeights, merged);
        centroids = merged;
        buffered = 0;
    }

    private static double scale(double q) {
        double clamped = Math.max(0, Math.min(1, q));
        return COMPRESSION / (2 * Math.PI) * Math.asin(2 * clamped - 1);
    }
}
