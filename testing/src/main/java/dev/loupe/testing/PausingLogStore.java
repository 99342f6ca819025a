package dev.loupe.testing;

import dev.loupe.core.LogMessage;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.spi.StoredMessage;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An {@link InMemoryLogStore} whose scans stop after {@code pauseAfter} messages until {@link #resume()}: a query
 * over it stays "running" with a known part of its results found, for tests of progress while gathering.
 */
public final class PausingLogStore implements LogStore {
    private final InMemoryLogStore store = new InMemoryLogStore();
    private final int pauseAfter;
    private final CountDownLatch paused = new CountDownLatch(1);
    private final CountDownLatch resumed = new CountDownLatch(1);

    public PausingLogStore(int pauseAfter) {
        this.pauseAfter = pauseAfter;
    }

    @Override
    public void append(List<LogMessage> messages) {
        store.append(messages);
    }

    @Override
    public LogCursor scan(LogScan scan) {
        LogCursor cursor = store.scan(scan);
        return new LogCursor() {
            private int delivered;

            @Override
            public boolean next() {
                if (delivered == pauseAfter) {
                    paused.countDown();
                    await(resumed);
                }
                delivered++;
                return cursor.next();
            }

            @Override
            public StoredMessage current() {
                return cursor.current();
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
    }

    /** Waits (at most 10 s) until a scan has delivered {@code pauseAfter} messages and waits. */
    public void awaitPaused() {
        await(paused);
    }

    /** Lets every paused and later scan go on. */
    public void resume() {
        resumed.countDown();
    }

    @Override
    public void close() {
        resume();
        store.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out waiting for the scan");
            }
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
    }
}
