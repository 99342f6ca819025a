package dev.loupe.ingest;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.LogMessage;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an HTTP Source request body into log messages: decompresses it ({@code gzip}, {@code deflate}),
 * splits it into one message per line, decodes UTF-8, and finds each message's timestamp.
 * Thread-safe and stateless.
 *
 * <p>Encodings: see {@link CompressedBody}. An empty body is zero messages whatever its encoding.
 *
 * <p>Lines: see {@link LineReader}: {@code \n} or {@code \r\n}; blank lines skipped; lines longer than
 * {@link IngestLimits#maxMessageBytes()} rejected one by one; invalid UTF-8 kept with U+FFFD and a warning.
 * Message times come from {@link TimestampExtractor}, else the receipt time.
 */
public final class LogPayloadDecoder {
    private final IngestLimits limits;
    private final TimestampExtractor extractor = new TimestampExtractor();

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
     *     nothing of the body is kept. {@code INVALID_INPUT} when reading the body itself fails.
     */
    public DecodedPayload decode(InputStream body, String contentEncoding, SourceMetadata metadata, long receiptTimeMillis) {
        return decode(body, contentEncoding, metadata, receiptTimeMillis, extractor);
    }

    /**
     * {@link #decode(InputStream, String, SourceMetadata, long)} with a source's own timestamp rules (its time
     * zone and timestamp format).
     */
    public DecodedPayload decode(InputStream body, String contentEncoding, SourceMetadata metadata, long receiptTimeMillis,
            TimestampExtractor timestamps) {
        requireNonNull(body, "body is null");
        requireNonNull(metadata, "metadata is null");
        requireNonNull(timestamps, "timestamps is null");
        MessageFactory factory = new MessageFactory(metadata, receiptTimeMillis, timestamps);
        List<LogMessage> messages = new ArrayList<>();
        DecodeReport report = new DecodeReport();
        LineReader lineReader = new LineReader(limits.maxMessageBytes(), report,
                (line, lineNumber) -> messages.add(factory.create(line)));
        if (!CompressedBody.read(body, contentEncoding, limits.maxDecompressedBytes(), lineReader::read)) {
            return new DecodedPayload(List.of(), List.of(), List.of());
        }
        return new DecodedPayload(messages, report.rejected(), report.warnings());
    }
}
