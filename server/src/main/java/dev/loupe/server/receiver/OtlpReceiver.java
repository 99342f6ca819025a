package dev.loupe.server.receiver;

import static java.util.Objects.requireNonNull;

import dev.loupe.ingest.DecodedPayload;
import dev.loupe.ingest.IngestLimits;
import dev.loupe.ingest.LimitedInputStream;
import dev.loupe.ingest.RejectedLine;
import dev.loupe.ingest.SourceMetadata;
import dev.loupe.ingest.metrics.DecodedMetrics;
import dev.loupe.ingest.metrics.MetricContext;
import dev.loupe.ingest.otlp.OtlpEncoding;
import dev.loupe.ingest.otlp.OtlpLogDecoder;
import dev.loupe.ingest.otlp.OtlpMetricDecoder;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.spi.metrics.MetricStore;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The ingest logic of the OTLP/HTTP source, free of HTTP: authenticates the token, decodes an OTLP logs or
 * metrics request (protobuf or OTLP/JSON, see {@link OtlpLogDecoder} and {@link OtlpMetricDecoder}) and appends
 * what it holds durably before returning the response to send. Thread-safe.
 *
 * <p>The response is the empty {@code Export{Logs,Metrics}ServiceResponse} when everything was kept; when records
 * or data points were rejected it carries {@code partial_success} with their number and the first reasons, as
 * the OTLP specification says (the status stays 200, so exporters do not retry).
 */
public final class OtlpReceiver {
    private static final String REQUEST_BODY = "the request body";
    private static final int REASONS_IN_RESPONSE = 5;

    private final HttpSourceRegistry sources;
    private final LogStore store;
    private final MetricStore metricStore;
    private final Clock clock;
    private final OtlpLogDecoder logDecoder;
    private final OtlpMetricDecoder metricDecoder;
    private final long maxBodyBytes;
    private final AppendGate logGate;
    private final AppendGate metricGate;

    /**
     * @param logGate bounds the requests in flight for {@code store} (shared with the HTTP Source); past it, 429
     * @param metricGate bounds the requests in flight for {@code metricStore} (shared with the metric receivers)
     */
    public OtlpReceiver(HttpSourceRegistry sources, LogStore store, MetricStore metricStore, Clock clock,
            IngestLimits limits, long maxBodyBytes, AppendGate logGate, AppendGate metricGate) {
        this.sources = requireNonNull(sources, "sources is null");
        this.store = requireNonNull(store, "store is null");
        this.metricStore = requireNonNull(metricStore, "metricStore is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.logDecoder = new OtlpLogDecoder(requireNonNull(limits, "limits is null"));
        this.metricDecoder = new OtlpMetricDecoder(limits);
        this.maxBodyBytes = maxBodyBytes;
        this.logGate = requireNonNull(logGate, "logGate is null");
        this.metricGate = requireNonNull(metricGate, "metricGate is null");
    }

    /**
     * Ingests one {@code ExportLogsServiceRequest}.
     *
     * @return the response to send (200) and the outcome
     * @throws dev.loupe.server.ApiException 401 for an unknown token, 413 past the size limit, 429 when too many
     *     requests are in flight for the store (nothing is read or stored)
     * @throws dev.loupe.core.LoupeException {@code INVALID_INPUT} for a body that is not such a request or an
     *     unsupported {@code Content-Type}, errors of decompression or of the store; then nothing is stored
     */
    public Reply receiveLogs(ReceiverRequest request) {
        OtlpEncoding encoding = OtlpEncoding.ofContentType(request.contentType());
        SourceMetadata metadata = metadata(request);
        DecodedPayload payload;
        try (AppendGate.Permit permit = logGate.enter()) {
            payload = logDecoder.decode(body(request), request.contentEncoding(), encoding, metadata, clock.millis());
            if (!payload.messages().isEmpty()) {
                store.append(payload.messages());
            }
        }
        ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
        if (!payload.rejected().isEmpty()) {
            response.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                    .setRejectedLogRecords(payload.rejected().size())
                    .setErrorMessage(reasons(payload.rejected())));
        }
        return new Reply(encoding, encoding.encode(response.build()),
                outcome(payload.messages().size(), payload.rejected()));
    }

    /**
     * Ingests one {@code ExportMetricsServiceRequest}.
     *
     * @return the response to send (200) and the outcome
     * @throws dev.loupe.server.ApiException 401 for an unknown token, 413 past the size limit, 429 as
     *     {@link #receiveLogs}
     * @throws dev.loupe.core.LoupeException as {@link #receiveLogs}
     */
    public Reply receiveMetrics(ReceiverRequest request) {
        OtlpEncoding encoding = OtlpEncoding.ofContentType(request.contentType());
        MetricContext context = MetricContext.of(metadata(request), Map.of(), Map.of(), clock.millis(),
                MetricContext.HTTP_SKEW);
        DecodedMetrics decoded;
        try (AppendGate.Permit permit = metricGate.enter()) {
            decoded = metricDecoder.decode(body(request), request.contentEncoding(), encoding, context);
            if (!decoded.samples().isEmpty()) {
                metricStore.append(decoded.samples());
            }
        }
        ExportMetricsServiceResponse.Builder response = ExportMetricsServiceResponse.newBuilder();
        if (!decoded.rejected().isEmpty()) {
            response.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                    .setRejectedDataPoints(decoded.rejected().size())
                    .setErrorMessage(reasons(decoded.rejected())));
        }
        return new Reply(encoding, encoding.encode(response.build()),
                outcome(decoded.samples().size(), decoded.rejected()));
    }

    /**
     * What to answer and what the request came to.
     *
     * @param encoding the encoding of the request, and so of the response
     * @param body the encoded {@code Export*ServiceResponse}
     * @param outcome records or points accepted and rejected
     */
    public record Reply(OtlpEncoding encoding, byte[] body, IngestOutcome outcome) {
        public Reply {
            requireNonNull(encoding, "encoding is null");
            requireNonNull(body, "body is null");
            requireNonNull(outcome, "outcome is null");
        }
    }

    private SourceMetadata metadata(ReceiverRequest request) {
        HttpSource source = SourceResolution.authenticate(sources, request.token());
        if (request.contentLength() > maxBodyBytes) {
            throw LimitedInputStream.tooLarge(REQUEST_BODY, maxBodyBytes);
        }
        return SourceResolution.metadata(source, request, LogReceiver.COLLECTOR);
    }

    private LimitedInputStream body(ReceiverRequest request) {
        return new LimitedInputStream(request.body(), maxBodyBytes, REQUEST_BODY);
    }

    private static IngestOutcome outcome(int accepted, List<RejectedLine> rejected) {
        return new IngestOutcome(accepted, rejected.stream()
                .map(line -> new IngestOutcome.Rejection(line.lineNumber(), line.reason()))
                .toList(), List.of());
    }

    private static String reasons(List<RejectedLine> rejected) {
        StringBuilder message = new StringBuilder();
        for (int index = 0; index < Math.min(REASONS_IN_RESPONSE, rejected.size()); index++) {
            RejectedLine line = rejected.get(index);
            message.append(index == 0 ? "" : "; ").append('#').append(line.lineNumber()).append(": ")
                    .append(line.reason());
        }
        if (rejected.size() > REASONS_IN_RESPONSE) {
            message.append("; and ").append(rejected.size() - REASONS_IN_RESPONSE).append(" more");
        }
        return message.toString();
    }
}
