package dev.loupe.store.spi.metrics;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One data point as ingested: the tags that identify its series, metadata that does not, a time and a value.
 *
 * @param tags intrinsic tags, identifying the series; must contain {@code metric}; unmodifiable, keys as written
 * @param metadata non-identifying tags (Carbon 2.0 meta tags, {@code X-Sumo-Metadata}, source metadata such as
 *     {@code _sourceCategory}); selectable but not part of the series identity; the latest value of a series wins
 * @param timestampMillis epoch milliseconds
 * @param value the value; NaN and infinities are rejected by the decoders before they get here
 */
public record MetricSample(Map<String, String> tags, Map<String, String> metadata, long timestampMillis, double value) {
    public MetricSample {
        tags = Map.copyOf(requireNonNull(tags, "tags is null"));
        metadata = Map.copyOf(requireNonNull(metadata, "metadata is null"));
        if (!tags.containsKey(METRIC)) {
            throw new IllegalArgumentException("a metric sample needs a 'metric' tag: " + tags);
        }
    }

    /** The tag that holds the metric name. */
    public static final String METRIC = "metric";
}
