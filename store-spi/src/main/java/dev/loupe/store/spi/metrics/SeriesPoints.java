package dev.loupe.store.spi.metrics;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One selected series with its points in the requested range, oldest first.
 *
 * @param tags the intrinsic tags identifying the series (with {@code metric})
 * @param metadata the series' latest metadata
 * @param timestamps epoch milliseconds, strictly increasing; not modified by anyone after construction
 * @param values the values, aligned with {@code timestamps}
 */
public record SeriesPoints(Map<String, String> tags, Map<String, String> metadata, long[] timestamps, double[] values) {
    public SeriesPoints {
        tags = Map.copyOf(requireNonNull(tags, "tags is null"));
        metadata = Map.copyOf(requireNonNull(metadata, "metadata is null"));
        requireNonNull(timestamps, "timestamps is null");
        requireNonNull(values, "values is null");
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException("timestamps and values differ in length: " + timestamps.length + " vs " + values.length);
        }
    }
}
