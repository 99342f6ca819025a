package dev.loupe.ingest;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Turns an HTTP Source request body into log messages: decompresses it ({@code gzip}, {@code deflate}),
 * splits it into one message per line, decodes UTF-8, and finds each message's timestamp.
 * Thread-safe and stateless.
 *
 * <p>Encodings: {@code gzip} (several concatenated members are read in turn), {@code deflate} (the zlib stream
 * of RFC 1950 as the HTTP spec says; raw RFC 1951 deflate, which some clients send, is recognised by its missing
 * zlib header), {@code identity} or no header. Names are case-insensitive. An empty body is zero messages
 * whatever its encoding.
 *
 * <p>Lines: see {@link LineReader}: {@code \n} or {@code \r\n}; blank lines skipped; lines longer than
 * {@link IngestLimits#maxMessageBytes()} rejected one by one; invalid UTF-8 kept with U+FFFD and a warning.
 * Message times come from {@link TimestampExtractor}, else the receipt time.
 */
public final class LogPayloadDecoder {
    private static final int INFLATE_BUFFER_BYTES = 64 * 1024;

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
        requireNonNull(body, "body is null");
        requireNonNull(metadata, "metadata is null");
        Encoding encoding = Encoding.of(contentEncoding);
        MessageFactory factory = new MessageFactory(metadata, receiptTimeMillis, extractor);
        List<LogMessage> messages = new ArrayList<>();
        DecodeReport report = new DecodeReport();
        LineReader lineReader = new LineReader(limits.maxMessageBytes(), report,
                (line, lineNumber) -> messages.add(factory.create(line)));
        try (PushbackInputStream peekable = new PushbackInputStream(new UnclosedInputStream(body), 2)) {
            int first = peekable.read();
            if (first == -1) {
                return new DecodedPayload(List.of(), List.of(), List.of());
            }
            peekable.unread(first);
            try (InputStream decompressed = decompress(peekable, encoding)) {
                lineReader.read(new LimitedInputStream(decompressed, limits.maxDecompressedBytes(), "the decompressed body"));
            }
        } catch (ZipException corrupt) {
            throw new LoupeException(ErrorCode.INVALID_ENCODING, corruptMessage(encoding, corrupt), corrupt);
        } catch (EOFException truncated) {
            throw new LoupeException(ErrorCode.INVALID_ENCODING, encoding.label() + " is truncated", truncated);
        } catch (IOException unreadable) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "could not read the request body: " + unreadable.getMessage(),
                    unreadable);
        }
        return new DecodedPayload(messages, report.rejected(), report.warnings());
    }

    private static InputStream decompress(PushbackInputStream body, Encoding encoding) throws IOException {
        return switch (encoding) {
            case IDENTITY -> body;
            case GZIP -> new GZIPInputStream(body, INFLATE_BUFFER_BYTES);
            case DEFLATE -> {
                byte[] header = body.readNBytes(2);
                body.unread(header);
                yield new InflaterInputStream(body, new Inflater(!isZlibHeader(header)), INFLATE_BUFFER_BYTES) {
                    @Override
                    public void close() throws IOException {
                        try {
                            super.close();
                        } finally {
                            inf.end();
                        }
                    }
                };
            }
        };
    }

    /* RFC 1950: CM = 8 (deflate), CINFO <= 7, and the 16-bit header is a multiple of 31. */
    private static boolean isZlibHeader(byte[] header) {
        if (header.length < 2) {
            return false;
        }
        int compressionMethodAndFlags = header[0] & 0xFF;
        int flags = header[1] & 0xFF;
        return (compressionMethodAndFlags & 0x0F) == 8 && (compressionMethodAndFlags >> 4) <= 7
                && ((compressionMethodAndFlags << 8) | flags) % 31 == 0;
    }

    private static String corruptMessage(Encoding encoding, ZipException corrupt) {
        if (encoding == Encoding.GZIP && "Not in GZIP format".equals(corrupt.getMessage())) {
            return "the body is not gzip data (it was sent with Content-Encoding: gzip)";
        }
        return encoding.label() + " is corrupt: " + corrupt.getMessage();
    }

    /** Leaves the caller's body open when the decompressor chain is closed (which frees native inflater memory). */
    private static final class UnclosedInputStream extends FilterInputStream {
        UnclosedInputStream(InputStream input) {
            super(input);
        }

        @Override
        public void close() {
            // The caller owns the body; closing the chain must only release our own resources.
        }
    }

    /** The supported {@code Content-Encoding} values. */
    private enum Encoding {
        IDENTITY,
        GZIP,
        DEFLATE;

        static Encoding of(String header) {
            if (header == null) {
                return IDENTITY;
            }
            String name = header.strip().toLowerCase(Locale.ROOT);
            return switch (name) {
                case "", "identity" -> IDENTITY;
                case "gzip", "x-gzip" -> GZIP;
                case "deflate" -> DEFLATE;
                default -> throw new LoupeException(ErrorCode.INVALID_ENCODING,
                        "unsupported Content-Encoding '" + header.strip() + "'; use gzip or deflate");
            };
        }

        String label() {
            return switch (this) {
                case IDENTITY -> "the body";
                case GZIP -> "the gzip body";
                case DEFLATE -> "the deflate body";
            };
        }
    }
}
