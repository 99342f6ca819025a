package dev.loupe.ingest.metrics;

import static java.util.Objects.requireNonNull;

import dev.loupe.ingest.SourceMetadata;
import dev.loupe.store.spi.metrics.MetricSample;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every point of one payload gets, and which times it may carry. Immutable.
 *
 * @param dimensions tags added to every point ({@code X-Sumo-Dimensions}); a tag of the point itself with the
 *     same key wins
 * @param metadata metadata of every point: source metadata ({@code _sourceCategory}, {@code _sourceName},
 *     {@code _sourceHost}, {@code _source}, {@code _collector}, custom fields) and {@code X-Sumo-Metadata}
 * @param receiptTimeMillis when the payload arrived: the time of points that carry none
 * @param maxSkewMillis how far before or after the receipt time a point's time may be; further points are
 *     rejected ({@link #HTTP_SKEW} for HTTP, {@link Long#MAX_VALUE} to accept any time, as files do)
 */
public record MetricContext(Map<String, String> dimensions, Map<String, String> metadata, long receiptTimeMillis,
        long maxSkewMillis) {
    /** Sumo drops points more than 24 h in the past or the future. */
    public static final Duration HTTP_SKEW = Duration.ofHours(24);

    public MetricContext {
        dimensions = Map.copyOf(requireNonNull(dimensions, "dimensions is null"));
        metadata = Map.copyOf(requireNonNull(metadata, "metadata is null"));
        if (maxSkewMillis < 0) {
            throw new IllegalArgumentException("maxSkewMillis is negative: " + maxSkewMillis);
        }
    }

    /**
     * The context of an HTTP request: source metadata and {@code X-Sumo-Metadata} as metadata,
     * {@code X-Sumo-Dimensions} as tags, 24 h either side of the receipt time.
     */
    public static MetricContext of(SourceMetadata source, Map<String, String> dimensions, Map<String, String> metadata,
            long receiptTimeMillis, Duration maxSkew) {
        Map<String, String> merged = new LinkedHashMap<>();
        putIfNotEmpty(merged, "_sourceCategory", source.category());
        putIfNotEmpty(merged, "_sourceName", source.name());
        putIfNotEmpty(merged, "_sourceHost", source.host());
        putIfNotEmpty(merged, "_source", source.source());
        putIfNotEmpty(merged, "_collector", source.collector());
        merged.putAll(source.fields());
        merged.putAll(metadata);
        return new MetricContext(dimensions, merged, receiptTimeMillis, maxSkew.toMillis());
    }

    /** A context with no dimensions or metadata that accepts any time (files, tests). */
    public static MetricContext unbounded(long receiptTimeMillis) {
        return new MetricContext(Map.of(), Map.of(), receiptTimeMillis, Long.MAX_VALUE);
    }

    /** Why a point at {@code timestampMillis} is refused, or null when it is in the window. */
    public String timestampProblem(long timestampMillis) {
        long skew = timestampMillis - receiptTimeMillis;
        if (maxSkewMillis != Long.MAX_VALUE && skew > maxSkewMillis) {
            return "timestamp " + timestampMillis + " ms is more than " + describe(maxSkewMillis) + " in the future";
        }
        if (maxSkewMillis != Long.MAX_VALUE && -skew > maxSkewMillis) {
            return "timestamp " + timestampMillis + " ms is more than " + describe(maxSkewMillis) + " in the past";
        }
        return null;
    }

    /**
     * The sample for a point: {@link #dimensions()} under the point's own tags, the point's own metadata over
     * {@link #metadata()}.
     */
    public MetricSample sample(Map<String, String> tags, Map<String, String> pointMetadata, long timestampMillis, double value) {
        Map<String, String> allTags = tags;
        if (!dimensions.isEmpty()) {
            allTags = new HashMap<>(dimensions);
            allTags.putAll(tags);
        }
        Map<String, String> allMetadata = metadata;
        if (!pointMetadata.isEmpty()) {
            allMetadata = new HashMap<>(metadata);
            allMetadata.putAll(pointMetadata);
        }
        return new MetricSample(allTags, allMetadata, timestampMillis, value);
    }

    private static String describe(long millis) {
        return millis % 3_600_000 == 0 ? (millis / 3_600_000) + " h" : millis + " ms";
    }

    private static void putIfNotEmpty(Map<String, String> map, String key, String value) {
        if (!value.isEmpty()) {
            map.put(key, value);
        }
    }
}
