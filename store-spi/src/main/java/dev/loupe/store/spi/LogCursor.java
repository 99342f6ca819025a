package dev.loupe.store.spi;

/**
 * A forward-only cursor over the results of a {@link LogStore#scan}. Not thread-safe: one consumer at a time.
 *
 * <p>Usage: {@code while (cursor.next()) { use(cursor.current()); }}. Always close it (it may hold index readers).
 */
public interface LogCursor extends AutoCloseable {

    /** Moves to the next message; returns false when there are no more. */
    boolean next();

    /** The message under the cursor; only valid after {@link #next()} returned true. */
    StoredMessage current();

    /** Releases what the cursor holds. Never throws a checked exception. */
    @Override
    void close();
}
