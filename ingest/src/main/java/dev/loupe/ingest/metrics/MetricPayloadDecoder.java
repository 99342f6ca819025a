package dev.loupe.ingest.metrics;

import static java.util.Objects.requireNonNull;

import dev.loupe.ingest.CompressedBody;
import dev.loupe.ingest.DecodeReport;
import dev.loupe.ingest.IngestLimits;
import dev.loupe.ingest.LineReader;
import dev.loupe.store.spi.metrics.MetricSample;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an HTTP Source metrics body (Graphite, Carbon 2.0 or Prometheus text) into samples, one per line.
 * Thread-safe and stateless.
 *
 * <p>The body goes through {@link CompressedBody} (gzip, deflate) and {@link LineReader} ({@code \n} or
 * {@code \r\n}, blank lines skipped, over-long lines rejected). Each line is parsed by its format's parser; a
 * point whose time is outside the {@link MetricContext}'s window is rejected. The good lines of a body are kept
 * and the bad ones reported with their 1-based line numbers and reasons.
 */
public final class MetricPayloadDecoder {
    private final IngestLimits limits;

    public MetricPayloadDecoder(IngestLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    /**
     * Decodes a whole body.
     *
     * @param body the raw request body; read to its end, not closed
     * @param contentEncoding the {@code Content-Encoding} header, or null
     * @throws dev.loupe.core.LoupeException as {@link CompressedBody#read}; then nothing of the body is kept
     */
    public DecodedMetrics decode(InputStream body, String contentEncoding, MetricFormat format, MetricContext context) {
        requireNonNull(body, "body is null");
        requireNonNull(context, "context is null");
        MetricLineParser parser = MetricLineParser.of(requireNonNull(format, "format is null"));
        List<MetricSample> samples = new ArrayList<>();
        DecodeReport report = new DecodeReport();
        LineReader lines = new LineReader(limits.maxMessageBytes(), report, (line, lineNumber) -> {
            try {
                MetricLineParser.ParsedLine parsed = parser.parse(line);
                if (parsed != null) {
                    samples.add(toSample(parsed, context));
                }
            } catch (MalformedLineException malformed) {
                report.reject(lineNumber, malformed.getMessage());
            }
        });
        if (!CompressedBody.read(body, contentEncoding, limits.maxDecompressedBytes(), lines::read)) {
            return DecodedMetrics.empty();
        }
        return new DecodedMetrics(samples, report.rejected(), report.warnings());
    }

    private static MetricSample toSample(MetricLineParser.ParsedLine parsed, MetricContext context)
            throws MalformedLineException {
        long timestamp = parsed.timestampMillis() == MetricLineParser.NO_TIMESTAMP ? context.receiptTimeMillis()
                : parsed.timestampMillis();
        String problem = context.timestampProblem(timestamp);
        if (problem != null) {
            throw new MalformedLineException(problem);
        }
        return context.sample(parsed.tags(), parsed.metadata(), timestamp, parsed.value());
    }
}
