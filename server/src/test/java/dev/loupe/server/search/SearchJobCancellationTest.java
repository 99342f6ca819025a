package dev.loupe.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.LogMessage;
import dev.loupe.core.TimeRange;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.server.ApiException;
import dev.loupe.server.MutableClock;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.spi.StoredMessage;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Deleting a job while it gathers results, or letting it expire, stops its query: the scan's cursor is closed
 * promptly and the job answers 404. While gathering, the status shows a growing message count.
 */
class SearchJobCancellationTest {
    private static final long BASE = 1_790_000_000_000L;
    private static final SearchJobRequest REQUEST = new SearchJobRequest("error | count by _sourcehost",
            new TimeRange(BASE - 60_000, BASE + 60_000), ZoneOffset.UTC, false, AutoParsingMode.MANUAL, true);

    @Test
    void deleteDuringGatheringEndsTheJobAndStopsTheScan() throws InterruptedException {
        SlowStore store = new SlowStore();
        MutableClock clock = new MutableClock(BASE);
        try (SearchJobService service = new SearchJobService(new LogQueryEngine(store), clock, Duration.ofMinutes(5))) {
            String id = service.create(REQUEST);
            waitUntil(() -> service.status(id).messageCount() > 0);
            SearchJobBodies.Status gathering = service.status(id);
            assertThat(gathering.state()).isEqualTo(SearchJobState.GATHERING_RESULTS);
            waitUntil(() -> service.status(id).messageCount() > gathering.messageCount());

            service.delete(id);

            waitUntil(() -> store.closedCursors.get() == 1);
            assertThatThrownBy(() -> service.status(id)).isInstanceOf(ApiException.class);
            assertThat(service.activeJobCount()).isZero();
        }
    }

    @Test
    void idleExpiryCancelsARunningJob() throws InterruptedException {
        SlowStore store = new SlowStore();
        MutableClock clock = new MutableClock(BASE);
        try (SearchJobService service = new SearchJobService(new LogQueryEngine(store), clock, Duration.ofMinutes(5))) {
            String id = service.create(REQUEST);
            waitUntil(() -> service.status(id).messageCount() > 0);
            clock.advance(Duration.ofMinutes(6));

            service.expireIdleJobs();

            waitUntil(() -> store.closedCursors.get() == 1);
            assertThat(service.activeJobCount()).isZero();
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** A fake of a slow disk: an endless stream of matching messages, one every 2 ms. */
    private static final class SlowStore implements LogStore {
        private final AtomicInteger closedCursors = new AtomicInteger();

        @Override
        public void append(List<LogMessage> messages) {
            throw new UnsupportedOperationException("read-only fake");
        }

        @Override
        public LogCursor scan(LogScan scan) {
            return new LogCursor() {
                private long id;
                private StoredMessage current;

                @Override
                public boolean next() {
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", interrupted);
                    }
                    id++;
                    current = new StoredMessage(id, new LogMessage("error " + id, BASE, BASE, "slow", "disk",
                            "host-" + (id % 3), "http", "collector", Map.of()));
                    return true;
                }

                @Override
                public StoredMessage current() {
                    return current;
                }

                @Override
                public void close() {
                    closedCursors.incrementAndGet();
                }
            };
        }

        @Override
        public void close() {}
    }
}
