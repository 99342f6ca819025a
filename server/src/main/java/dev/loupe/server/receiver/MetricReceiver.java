package dev.loupe.server.receiver;

import static java.util.Objects.requireNonNull;

import dev.loupe.ingest.LimitedInputStream;
import dev.loupe.ingest.RejectedLine;
import dev.loupe.ingest.SumoFieldsHeader;
import dev.loupe.ingest.metrics.DecodedMetrics;
import dev.loupe.ingest.metrics.MetricContext;
import dev.loupe.ingest.metrics.MetricFormat;
import dev.loupe.ingest.metrics.MetricPayloadDecoder;
import dev.loupe.store.spi.metrics.MetricStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingest logic of the HTTP source for metrics ({@code Content-Type: application/vnd.sumologic.graphite},
 * {@code carbon2} or {@code prometheus}), free of HTTP: authenticates the token, builds the
 * {@link MetricContext} ({@code X-Sumo-Dimensions} as tags; source metadata, {@code X-Sumo-Fields} and
 * {@code X-Sumo-Metadata} as metadata; 24 h either side of the receipt time), decodes the body and appends the
 * points durably before the caller answers 200. Thread-safe.
 */
public final class MetricReceiver {
    private static final String REQUEST_BODY = "the request body";

    private final HttpSourceRegistry sources;
    private final MetricPayloadDecoder decoder;
    private final MetricStore store;
    private final Clock clock;
    private final long maxBodyBytes;
    private final AppendGate gate;

    /** @param gate bounds the requests in flight for {@code store}; past it, 429 */
    public MetricReceiver(HttpSourceRegistry sources, MetricPayloadDecoder decoder, MetricStore store, Clock clock,
            long maxBodyBytes, AppendGate gate) {
        this.sources = requireNonNull(sources, "sources is null");
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.maxBodyBytes = maxBodyBytes;
        this.gate = requireNonNull(gate, "gate is null");
    }

    /**
     * Ingests one metrics request: the good lines are stored, the bad ones reported.
     *
     * @throws dev.loupe.server.ApiException 401 for an unknown or missing token, 413 for a body over the limit,
     *     429 when too many requests are in flight for the store
     * @throws dev.loupe.core.LoupeException {@code INVALID_INPUT} for malformed {@code X-Sumo-*} pair headers,
     *     errors of the decoder (corrupt body) or of the store (full, failing); then nothing is stored
     */
    public IngestOutcome receive(ReceiverRequest request, MetricFormat format) {
        HttpSource source = SourceResolution.authenticate(sources, request.token());
        if (request.contentLength() > maxBodyBytes) {
            throw LimitedInputStream.tooLarge(REQUEST_BODY, maxBodyBytes);
        }
        MetricContext context = MetricContext.of(SourceResolution.metadata(source, request, LogReceiver.COLLECTOR),
                SumoFieldsHeader.parse(request.dimensions(), "X-Sumo-Dimensions"),
                SumoFieldsHeader.parse(request.metadata(), "X-Sumo-Metadata"), clock.millis(), MetricContext.HTTP_SKEW);
        DecodedMetrics decoded;
        try (AppendGate.Permit permit = gate.enter()) {
            decoded = decoder.decode(new LimitedInputStream(request.body(), maxBodyBytes, REQUEST_BODY),
                    request.contentEncoding(), format, context);
            if (!decoded.samples().isEmpty()) {
                store.append(decoded.samples());
            }
        }
        return outcome(decoded);
    }

    /** The receiver outcome of a decode: accepted points, rejected lines, warnings. */
    static IngestOutcome outcome(DecodedMetrics decoded) {
        List<IngestOutcome.Rejection> rejections = new ArrayList<>(decoded.rejected().size());
        for (RejectedLine rejected : decoded.rejected()) {
            rejections.add(new IngestOutcome.Rejection(rejected.lineNumber(), rejected.reason()));
        }
        return new IngestOutcome(decoded.samples().size(), rejections, decoded.warnings());
    }
}
