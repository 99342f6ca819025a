package dev.loupe.server.receiver;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.ingest.DecodedPayload;
import dev.loupe.ingest.LimitedInputStream;
import dev.loupe.ingest.LogPayloadDecoder;
import dev.loupe.ingest.RejectedLine;
import dev.loupe.ingest.SourceMetadata;
import dev.loupe.ingest.SumoFieldsHeader;
import dev.loupe.server.ApiException;
import dev.loupe.store.spi.LogStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
    private static final Set<String> METRICS_CONTENT_TYPES = Set.of("application/vnd.sumologic.graphite",
            "application/vnd.sumologic.carbon2", "application/vnd.sumologic.prometheus");

    private final HttpSourceRegistry sources;
    private final LogPayloadDecoder decoder;
    private final LogStore store;
    private final Clock clock;
    private final long maxBodyBytes;

    public LogReceiver(HttpSourceRegistry sources, LogPayloadDecoder decoder, LogStore store, Clock clock,
            long maxBodyBytes) {
        this.sources = requireNonNull(sources, "sources is null");
        this.decoder = requireNonNull(decoder, "decoder is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Ingests one request.
     *
     * @throws ApiException 401 for an unknown or missing token, 415 for metrics content types, 413 for a body
     *     over the size limit, 400 for malformed {@code X-Sumo-Fields}
     * @throws dev.loupe.core.LoupeException from the decoder (corrupt body, bomb) or the store (full, failing)
     */
    public IngestOutcome receive(ReceiverRequest request) {
        HttpSource source = sources.findByToken(request.token()).orElseThrow(() -> new ApiException(
                ErrorCode.UNAUTHORIZED, 401, "unauthorized", "unknown or missing HTTP source token"));
        if (isMetrics(request.contentType())) {
            throw new ApiException(ErrorCode.INVALID_INPUT, 415, "metrics.unsupported",
                    "metrics ingestion is not supported yet: send logs with any other Content-Type than "
                            + "application/vnd.sumologic.{graphite,carbon2,prometheus}");
        }
        if (request.contentLength() > maxBodyBytes) {
            throw LimitedInputStream.tooLarge(REQUEST_BODY, maxBodyBytes);
        }
        Map<String, String> fields = SumoFieldsHeader.parse(request.fields());
        SourceMetadata metadata = new SourceMetadata(
                orDefault(request.category(), source.category()),
                orDefault(request.name(), source.name()),
                orDefault(request.host(), request.clientAddress()),
                source.name(),
                COLLECTOR,
                fields);
        DecodedPayload payload = decoder.decode(new LimitedInputStream(request.body(), maxBodyBytes, REQUEST_BODY),
                request.contentEncoding(), metadata, clock.millis());
        if (!payload.messages().isEmpty()) {
            store.append(payload.messages());
        }
        List<IngestOutcome.Rejection> rejections = new ArrayList<>(payload.rejected().size());
        for (RejectedLine rejected : payload.rejected()) {
            rejections.add(new IngestOutcome.Rejection(rejected.lineNumber(), rejected.reason()));
        }
        return new IngestOutcome(payload.messages().size(), rejections, payload.warnings());
    }

    /** Whether a {@code Content-Type} (parameters ignored) means metrics rather than logs. */
    static boolean isMetrics(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return METRICS_CONTENT_TYPES.contains(mediaType.toLowerCase(Locale.ROOT));
    }

    private static String orDefault(String header, String fallback) {
        return header == null || header.isBlank() ? fallback : header.trim();
    }
}
