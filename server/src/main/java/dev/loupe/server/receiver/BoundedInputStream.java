package dev.loupe.server.receiver;

import dev.loupe.core.ErrorCode;
import dev.loupe.server.ApiException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes a request body through and fails with 413 once more than a maximum number of bytes was read. */
final class BoundedInputStream extends FilterInputStream {
    private final long maxBytes;
    private long bytesRead;

    BoundedInputStream(InputStream body, long maxBytes) {
        super(body);
        this.maxBytes = maxBytes;
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
        int count = super.read(buffer, offset, length);
        if (count > 0) {
            count(count);
        }
        return count;
    }

    @Override
    public long skip(long count) throws IOException {
        long skipped = super.skip(count);
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long count) {
        bytesRead += count;
        if (bytesRead > maxBytes) {
            throw tooLarge(maxBytes);
        }
    }

    static ApiException tooLarge(long maxBytes) {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, 413, ErrorCode.PAYLOAD_TOO_LARGE.code(),
                "the request body is larger than the limit of " + maxBytes + " bytes; send smaller batches");
    }
}
