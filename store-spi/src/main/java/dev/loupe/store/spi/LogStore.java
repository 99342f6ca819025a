package dev.loupe.store.spi;

import dev.loupe.core.LogMessage;
import java.util.List;

/**
 * Where log messages are kept and how queries read them.
 *
 * <p>Thread-safe: {@link #append} and {@link #scan} may be called concurrently from many threads.
 */
public interface LogStore extends AutoCloseable {

    /**
     * Appends messages durably. When this returns normally, every message in {@code messages} survives a crash
     * of the process ({@code kill -9}) and will be returned by scans exactly once, also after a restart.
     * A scan started after this returns sees the messages.
     *
     * @throws dev.loupe.core.LoupeException with {@code STORAGE_FULL} when the disk is full, {@code
     *     STORAGE_FAILURE} on other I/O errors; in both cases none of the messages is acknowledged
     */
    void append(List<LogMessage> messages);

    /**
     * Starts a scan. The returned cursor sees at least every message whose {@link #append} returned before this
     * call. The caller must close the cursor.
     */
    LogCursor scan(LogScan scan);

    /** Flushes and releases everything; later calls fail. */
    @Override
    void close();
}
