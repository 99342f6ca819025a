package dev.loupe.store.spi.metrics;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One selected series summarized per fixed bucket (the store's rollup resolution, see {@link
 * MetricStore#rollupMillis()}), oldest bucket first. Buckets with no point are absent.
 *
 * @param tags the intrinsic tags identifying the series (with {@code metric})
 * @param metadata the series' latest metadata
 * @param bucketMillis the bucket length; bucket starts are multiples of it (epoch-aligned)
 * @param bucketStarts the bucket start times, strictly increasing
 * @param counts the number of points in each bucket, each positive
 * @param sums the sum of the points of each bucket
 * @param mins the smallest point of each bucket
 * @param maxes the largest point of each bucket
 */
public record SeriesRollups(Map<String, String> tags, Map<String, String> metadata, long bucketMillis, long[] bucketStarts,
        long[] counts, double[] sums, double[] mins, double[] maxes) {
    public SeriesRollups {
        tags = Map.copyOf(requireNonNull(tags, "tags is null"));
        metadata = Map.copyOf(requireNonNull(metadata, "metadata is null"));
        int length = bucketStarts.length;
        if (counts.length != length || sums.length != length || mins.length != length || maxes.length != length) {
            throw new IllegalArgumentException("rollup arrays differ in length");
        }
    }
}
