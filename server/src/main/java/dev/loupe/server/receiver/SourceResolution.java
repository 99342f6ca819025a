package dev.loupe.server.receiver;

import dev.loupe.core.ErrorCode;
import dev.loupe.ingest.SourceMetadata;
import dev.loupe.ingest.SumoFieldsHeader;
import dev.loupe.server.ApiException;
import java.util.HashMap;
import java.util.Map;

/**
 * The first steps every receiver takes: the token names an HTTP source, and the source's defaults overridden by
 * the {@code X-Sumo-*} headers make the metadata of what the request carries. Stateless.
 */
final class SourceResolution {
    private SourceResolution() {}

    /**
     * The source whose token this is.
     *
     * @throws ApiException 401 {@code unauthorized} for an unknown or missing token
     */
    static HttpSource authenticate(HttpSourceRegistry sources, String token) {
        return sources.findByToken(token).orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED, 401,
                "unauthorized", "unknown or missing HTTP source token"));
    }

    /**
     * The metadata of a request: {@code X-Sumo-Category/Name/Host} over the source's defaults (the host defaults
     * to the source's host, else the client address); the source's fields with {@code X-Sumo-Fields} over them
     * (the header wins per key).
     *
     * @throws dev.loupe.core.LoupeException {@code INVALID_INPUT} for malformed {@code X-Sumo-Fields}
     */
    static SourceMetadata metadata(HttpSource source, ReceiverRequest request, String collector) {
        Map<String, String> fields = new HashMap<>(source.fields());
        fields.putAll(SumoFieldsHeader.parse(request.fields()));
        return new SourceMetadata(
                orDefault(request.category(), source.category()),
                orDefault(request.name(), source.name()),
                orDefault(request.host(), source.host() == null ? request.clientAddress() : source.host()),
                source.name(),
                collector,
                fields);
    }

    private static String orDefault(String header, String fallback) {
        return header == null || header.isBlank() ? fallback : header.trim();
    }
}
