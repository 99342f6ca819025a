package dev.loupe.ingest.metrics;

import dev.loupe.ingest.RejectedLine;
import dev.loupe.store.spi.metrics.MetricSample;
import java.util.List;

/**
 * The outcome of decoding one metrics payload.
 *
 * @param samples the points to store, in payload order
 * @param rejected the lines (or records) not stored, each with a reason; the first
 *     {@link dev.loupe.ingest.DecodeReport#MAX_LISTED} only
 * @param warnings notes about lines stored in altered form
 */
public record DecodedMetrics(List<MetricSample> samples, List<RejectedLine> rejected, List<String> warnings) {
    public DecodedMetrics {
        samples = List.copyOf(samples);
        rejected = List.copyOf(rejected);
        warnings = List.copyOf(warnings);
    }

    /** Nothing decoded, nothing rejected. */
    public static DecodedMetrics empty() {
        return new DecodedMetrics(List.of(), List.of(), List.of());
    }
}
