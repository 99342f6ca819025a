package dev.loupe.server.receiver;

import static java.util.Objects.requireNonNull;

import dev.loupe.ingest.DecodedPayload;
import dev.loupe.ingest.LimitedInputStream;
import dev.loupe.ingest.LogPayloadDecoder;
import dev.loupe.ingest.RejectedLine;
import dev.loupe.ingest.SourceMetadata;
import dev.loupe.store.spi.LogStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingest logic of the HTTP source receiver, free of HTTP: authenticates the token, builds the message
 * metadata, decodes the body and appends the messages durably. Thread-safe.
 *
 * <p>Order matters for clients that retry: the messages are appended (durable on return) before the caller
 * answers 200, and a body-level failure (corrupt compression, too large) stores nothing.
 */
public final class LogReceiver {
    /** The {@code _collector} of every message received over HTTP. */
    public static final String COLLECTOR = "loupe";
    /** How the request body is named in the 413 message when it is over the limit. */
    private static final String REQUEST_BODY = "the request body";

    private final HttpSourceRegistry sources;
    private final LogPayloadDecoder decoder;
    private final LogStore store;
    private final Clock clock;
    private final long maxBodyBytes;
    private final AppendGate gate;

    /** @param gate bounds the requests in flight for {@code store}; past it, 429 */
    public LogReceiver(HttpSourceRegistry sources, LogPayloadDecoder decoder, LogStore store, Clock clock,
            long maxBodyBytes, AppendGate gate) {
        this.sources = requireNonNull(sources, "sources is null");
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.maxBodyBytes = maxBodyBytes;
        this.gate = requireNonNull(gate, "gate is null");
    }

    /**
     * Ingests one request.
     *
     * @throws dev.loupe.server.ApiException 401 for an unknown or missing token, 413 for a body over the size limit, 429 when
     *     too many requests are in flight for the store (nothing is read or stored)
     * @throws dev.loupe.core.LoupeException {@code INVALID_INPUT} (400) for malformed {@code X-Sumo-Fields}
     * @throws dev.loupe.core.LoupeException from the decoder (corrupt body, bomb) or the store (full, failing)
     */
    public IngestOutcome receive(ReceiverRequest request) {
        HttpSource source = SourceResolution.authenticate(sources, request.token());
        if (request.contentLength() > maxBodyBytes) {
            throw LimitedInputStream.tooLarge(REQUEST_BODY, maxBodyBytes);
        }
        SourceMetadata metadata = SourceResolution.metadata(source, request, COLLECTOR);
        DecodedPayload payload;
        try (AppendGate.Permit permit = gate.enter()) {
            LimitedInputStream body = new LimitedInputStream(request.body(), maxBodyBytes, REQUEST_BODY);
            payload = source.hasTimestampSettings()
                    ? decoder.decode(body, request.contentEncoding(), metadata, clock.millis(), source.timestampExtractor())
                    : decoder.decode(body, request.contentEncoding(), metadata, clock.millis());
            if (!payload.messages().isEmpty()) {
                store.append(payload.messages());
            }
        }
        List<IngestOutcome.Rejection> rejections = new ArrayList<>(payload.rejected().size());
        for (RejectedLine rejected : payload.rejected()) {
            rejections.add(new IngestOutcome.Rejection(rejected.lineNumber(), rejected.reason()));
        }
        return new IngestOutcome(payload.messages().size(), rejections, payload.warnings());
    }

}
