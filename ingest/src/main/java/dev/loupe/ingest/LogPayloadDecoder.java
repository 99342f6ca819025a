package dev.loupe.ingest;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;

/**
 * Turns an HTTP Source request body into log messages: decompresses it ({@code gzip}, {@code deflate}),
 * splits it into one message per line, decodes UTF-8, and finds each message's timestamp.
 * Thread-safe and stateless.
 */
public final class LogPayloadDecoder {
    private final IngestLimits limits;

    public LogPayloadDecoder(IngestLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    /**
     * Decodes a whole body.
     *
     * @param body the raw request body; read to its end, not closed
     * @param contentEncoding the {@code Content-Encoding} header, or null
     * @param metadata what every message gets
     * @param receiptTimeMillis {@code _receipttime} of every message, and the fallback {@code _messagetime}
     * @throws dev.loupe.core.LoupeException {@code INVALID_ENCODING} for a corrupt or truncated compressed body or
     *     an unknown encoding, {@code PAYLOAD_TOO_LARGE} past {@link IngestLimits#maxDecompressedBytes()}; then
     *     nothing of the body is kept
     */
    public DecodedPayload decode(InputStream body, String contentEncoding, SourceMetadata metadata, long receiptTimeMillis) {
        throw new UnsupportedOperationException("being implemented: " + limits + body + contentEncoding + metadata + receiptTimeMillis);
    }
}
