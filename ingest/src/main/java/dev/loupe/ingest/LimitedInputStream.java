package dev.loupe.ingest;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through until more than a limit have been read, then fails with {@code PAYLOAD_TOO_LARGE}. Placed
 * after a decompressor, it stops a decompression bomb after at most {@code limit + buffer} bytes of output;
 * around a request body, it bounds what a client can make the server read. Not thread-safe, like any stream.
 */
public final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private final String subject;
    private long count;

    /**
     * @param input the stream to read
     * @param limit the most bytes that may be read
     * @param subject what is being read, for the error message, e.g. "the decompressed body": the message reads
     *     "{subject} exceeds the {limit}-byte limit"
     */
    public LimitedInputStream(InputStream input, long limit, String subject) {
        super(input);
        this.limit = limit;
        this.subject = subject;
    }

    @Override
    public int read() throws IOException {
        int value = super.read();
        if (value >= 0) {
            count(1);
        }
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            count(read);
        }
        return read;
    }

    @Override
    public long skip(long length) throws IOException {
        long skipped = super.skip(length);
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long bytes) {
        count += bytes;
        if (count > limit) {
            throw tooLarge(subject, limit);
        }
    }

    /** The error for {@code subject} exceeding {@code limit} bytes. */
    public static LoupeException tooLarge(String subject, long limit) {
        return new LoupeException(ErrorCode.PAYLOAD_TOO_LARGE, subject + " exceeds the " + limit + "-byte limit");
    }
}
