package dev.loupe.ingest;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body through its {@code Content-Encoding}: the one decompression path of every HTTP decoder
 * (logs, metrics, Firehose). Stateless and thread-safe.
 *
 * <p>Encodings: {@code gzip} (several concatenated members are read in turn), {@code deflate} (the zlib stream
 * of RFC 1950 as the HTTP spec says; raw RFC 1951 deflate, which some clients send, is recognised by its missing
 * zlib header), {@code identity} or no header. Names are case-insensitive. An empty body is never handed to the
 * reader, whatever its encoding.
 */
public final class CompressedBody {
    private static final int INFLATE_BUFFER_BYTES = 64 * 1024;

    private CompressedBody() {}

    /** Reads a decompressed body; may throw {@link IOException}, which {@link #read} maps to a {@link LoupeException}. */
    @FunctionalInterface
    public interface BodyReader {
        void read(InputStream decompressed) throws IOException;
    }

    /**
     * Decompresses {@code body} and hands it, bounded by {@code maxDecompressedBytes}, to {@code reader}.
     *
     * @param body the raw body; read to its end, not closed
     * @param contentEncoding the {@code Content-Encoding} header, or null
     * @return false when the body was empty (the reader was not called)
     * @throws LoupeException {@code INVALID_ENCODING} for a corrupt or truncated compressed body or an unknown
     *     encoding, {@code PAYLOAD_TOO_LARGE} past {@code maxDecompressedBytes}, {@code INVALID_INPUT} when
     *     reading the body itself fails
     */
    public static boolean read(InputStream body, String contentEncoding, long maxDecompressedBytes, BodyReader reader) {
        Encoding encoding = Encoding.of(contentEncoding);
        try (PushbackInputStream peekable = new PushbackInputStream(new UnclosedInputStream(body), 2)) {
            int first = peekable.read();
            if (first == -1) {
                return false;
            }
            peekable.unread(first);
            try (InputStream decompressed = decompress(peekable, encoding)) {
                reader.read(new LimitedInputStream(decompressed, maxDecompressedBytes, "the decompressed body"));
            }
            return true;
        } catch (ZipException corrupt) {
            throw new LoupeException(ErrorCode.INVALID_ENCODING, corruptMessage(encoding, corrupt), corrupt);
        } catch (EOFException truncated) {
            throw new LoupeException(ErrorCode.INVALID_ENCODING, encoding.label() + " is truncated", truncated);
        } catch (IOException unreadable) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "could not read the request body: " + unreadable.getMessage(),
                    unreadable);
        }
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
