package dev.loupe.ingest;

/**
 * Size limits applied while decoding a payload.
 *
 * @param maxDecompressedBytes the most bytes a request body may expand to (guards against decompression bombs);
 *     past it decoding fails with {@code PAYLOAD_TOO_LARGE}
 * @param maxMessageBytes the largest single message (line) in UTF-8 bytes; longer lines are rejected one by one,
 *     the rest of the request is kept
 */
public record IngestLimits(long maxDecompressedBytes, int maxMessageBytes) {
    public IngestLimits {
        if (maxDecompressedBytes < 1 || maxMessageBytes < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxDecompressedBytes + ", " + maxMessageBytes);
        }
    }

    /** 64 MiB decompressed per request, 1 MiB per message. */
    public static IngestLimits defaults() {
        return new IngestLimits(64L << 20, 1 << 20);
    }
}
