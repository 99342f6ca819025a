package dev.loupe.store.wal;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.IOException;

/**
 * Maps I/O failures of the embedded store to {@link LoupeException}s: a full disk is {@link ErrorCode#STORAGE_FULL}
 * (the caller may retry later), anything else {@link ErrorCode#STORAGE_FAILURE}. Used by every package of the
 * store at its boundary. Internal to the store.
 */
public final class StorageFailures {
    private static final String DISK_FULL_MESSAGE = "No space left on device";

    private StorageFailures() {}

    /** The exception to throw for {@code failure}, which happened while doing {@code action} (e.g. "appending to the WAL"). */
    public static LoupeException translate(IOException failure, String action) {
        if (isDiskFull(failure)) {
            return new LoupeException(ErrorCode.STORAGE_FULL, "disk full while " + action + ": " + failure.getMessage(), failure);
        }
        return new LoupeException(ErrorCode.STORAGE_FAILURE, "I/O failure while " + action + ": " + failure, failure);
    }

    /** Whether {@code failure}, or one of its causes, says that the file system has no space left. */
    public static boolean isDiskFull(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            String message = current.getMessage();
            if (message != null && message.contains(DISK_FULL_MESSAGE)) {
                return true;
            }
        }
        return false;
    }
}
