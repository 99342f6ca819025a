package dev.loupe.ingest;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through until more than a limit have been read, then fails with {@code PAYLOAD_TOO_LARGE}. Placed
 * after the decompressor, it stops a decompression bomb after at most {@code limit + buffer} bytes of output.
 */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    LimitedInputStream(InputStream input, long limit) {
        super(input);
        this.limit = limit;
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
            throw new LoupeException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "the decompressed body exceeds the " + limit + "-byte limit");
        }
    }
}
