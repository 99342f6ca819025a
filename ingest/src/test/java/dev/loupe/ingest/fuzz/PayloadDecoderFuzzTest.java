package dev.loupe.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import dev.loupe.ingest.DecodedPayload;
import dev.loupe.ingest.IngestLimits;
import dev.loupe.ingest.LogPayloadDecoder;
import dev.loupe.ingest.SourceMetadata;
import dev.loupe.ingest.metrics.DecodedMetrics;
import dev.loupe.ingest.metrics.MetricContext;
import dev.loupe.ingest.metrics.MetricFormat;
import dev.loupe.ingest.metrics.MetricPayloadDecoder;
import dev.loupe.ingest.metrics.MetricStreamDecoder;
import dev.loupe.ingest.otlp.OtlpEncoding;
import dev.loupe.ingest.otlp.OtlpLogDecoder;
import dev.loupe.ingest.otlp.OtlpMetricDecoder;
import dev.loupe.store.spi.metrics.MetricSample;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Fuzz targets for every decoder of a request body: HTTP Source logs (plain, gzip, deflate), the three HTTP Source
 * metric formats (Graphite, Carbon 2.0, Prometheus), CloudWatch Metric Streams records (JSON and OpenTelemetry
 * 1.0) and OTLP/HTTP logs and metrics (protobuf and OTLP/JSON). Any body must decode or fail with a
 * {@link LoupeException}; whatever decodes must keep the documented rejections (no NaN or infinite point, no point
 * more than 24 h from the receipt time) and the receipt time of the request. Anything else is a bug Jazzer reports with the input.
 *
 * <p>For targets that choose an encoding, the first input byte chooses it and the rest is the body. Without
 * {@code JAZZER_FUZZ} the corpus under {@code src/test/resources/dev/loupe/ingest/fuzz/PayloadDecoderFuzzTestInputs/}
 * is replayed; {@code mvn verify} fuzzes each target for a few seconds (the {@code fuzz-*} executions of this
 * module's {@code pom.xml}).
 */
class PayloadDecoderFuzzTest {
    private static final long RECEIPT_TIME = 1_790_000_000_000L;
    private static final int MAX_MESSAGE_BYTES = 4096;
    private static final IngestLimits LIMITS = new IngestLimits(1 << 20, MAX_MESSAGE_BYTES);
    private static final String[] ENCODINGS = {null, "gzip", "deflate", "identity"};
    private static final MetricContext CONTEXT = MetricContext.of(SourceMetadata.empty(), Map.of("env", "fuzz"),
            Map.of(), RECEIPT_TIME, MetricContext.HTTP_SKEW);

    @FuzzTest(maxDuration = "5s")
    void logPayload(byte[] input) {
        if (input.length == 0) {
            return;
        }
        try {
            DecodedPayload payload = new LogPayloadDecoder(LIMITS).decode(body(input), ENCODINGS[(input[0] & 0xFF) % 4],
                    SourceMetadata.empty(), RECEIPT_TIME);
            for (LogMessage message : payload.messages()) {
                assertThat(message.receiptTime()).isEqualTo(RECEIPT_TIME);
            }
        } catch (LoupeException expected) {
            // a corrupt or oversized body: refused as a whole, the documented outcome
        }
    }

    @FuzzTest(maxDuration = "5s")
    void graphite(byte[] input) {
        metrics(input, MetricFormat.GRAPHITE);
    }

    @FuzzTest(maxDuration = "5s")
    void carbon2(byte[] input) {
        metrics(input, MetricFormat.CARBON2);
    }

    @FuzzTest(maxDuration = "5s")
    void prometheus(byte[] input) {
        metrics(input, MetricFormat.PROMETHEUS);
    }

    @FuzzTest(maxDuration = "5s")
    void metricStream(byte[] input) {
        try {
            MetricStreamDecoder.Batch batch = new MetricStreamDecoder(MAX_MESSAGE_BYTES).newBatch(CONTEXT);
            batch.addRecord(input, 1);
            checkPoints(batch.result());
        } catch (LoupeException expected) {
            // a record that is neither Metric Streams JSON nor OpenTelemetry 1.0: refused with its number
        }
    }

    @FuzzTest(maxDuration = "5s")
    void otlpLogs(byte[] input) {
        if (input.length == 0) {
            return;
        }
        try {
            new OtlpLogDecoder(LIMITS).decode(body(input), null, otlpEncoding(input), SourceMetadata.empty(), RECEIPT_TIME);
        } catch (LoupeException expected) {
            // not an ExportLogsServiceRequest: refused as a whole
        }
    }

    @FuzzTest(maxDuration = "5s")
    void otlpMetrics(byte[] input) {
        if (input.length == 0) {
            return;
        }
        try {
            checkPoints(new OtlpMetricDecoder(LIMITS).decode(body(input), null, otlpEncoding(input), CONTEXT));
        } catch (LoupeException expected) {
            // not an ExportMetricsServiceRequest: refused as a whole
        }
    }

    private static void metrics(byte[] input, MetricFormat format) {
        try {
            checkPoints(new MetricPayloadDecoder(LIMITS).decode(new ByteArrayInputStream(input), null, format, CONTEXT));
        } catch (LoupeException expected) {
            // only a body-level failure (limits, decompression) refuses the whole request
        }
    }

    private static void checkPoints(DecodedMetrics decoded) {
        for (MetricSample sample : decoded.samples()) {
            assertThat(Double.isFinite(sample.value())).as("a kept point's value").isTrue();
            assertThat(Math.abs(sample.timestampMillis() - RECEIPT_TIME))
                    .as("a kept point is within 24 h of the receipt time").isLessThanOrEqualTo(MetricContext.HTTP_SKEW.toMillis());
        }
    }

    private static ByteArrayInputStream body(byte[] input) {
        return new ByteArrayInputStream(Arrays.copyOfRange(input, 1, input.length));
    }

    private static OtlpEncoding otlpEncoding(byte[] input) {
        return (input[0] & 1) == 0 ? OtlpEncoding.PROTOBUF : OtlpEncoding.JSON;
    }
}
