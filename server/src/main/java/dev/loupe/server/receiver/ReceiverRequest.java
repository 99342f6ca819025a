package dev.loupe.server.receiver;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;

/**
 * One receiver request as the ingest logic sees it, without HTTP types. Header values are null when absent.
 *
 * @param token the source token from the path or {@code X-Sumo-Token}
 * @param contentType the {@code Content-Type} header
 * @param contentEncoding the {@code Content-Encoding} header
 * @param contentLength the declared body length, or -1 when unknown
 * @param category {@code X-Sumo-Category}
 * @param name {@code X-Sumo-Name}
 * @param host {@code X-Sumo-Host}
 * @param fields {@code X-Sumo-Fields}
 * @param dimensions {@code X-Sumo-Dimensions} (metrics only)
 * @param metadata {@code X-Sumo-Metadata} (metrics only)
 * @param clientAddress the caller's IP address, the default {@code _sourceHost}
 * @param body the body, read to its end by {@link LogReceiver#receive} or {@link MetricReceiver#receive}
 */
public record ReceiverRequest(String token, String contentType, String contentEncoding, long contentLength,
        String category, String name, String host, String fields, String dimensions, String metadata,
        String clientAddress, InputStream body) {
    public ReceiverRequest {
        requireNonNull(clientAddress, "clientAddress is null");
        requireNonNull(body, "body is null");
    }
}
