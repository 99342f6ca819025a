package dev.loupe.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.LogMessage;
import dev.loupe.core.TimeRange;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.ScanOrder;
import dev.loupe.store.spi.TimeField;
import dev.loupe.testing.RandomLogs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints the append throughput (fsync'ed and indexed) with concurrent appenders. Never asserts on timings. */
class ThroughputTest {
    private static final int THREADS = 4;
    private static final int BATCH = 100;
    private static final int TOTAL = 200_000;

    @TempDir
    Path directory;

    @Test
    void printsAppendThroughput() throws InterruptedException {
        try (EmbeddedLogStore store = EmbeddedLogStore.open(directory)) {
            List<Thread> appenders = new ArrayList<>();
            long start = System.nanoTime();
            for (int thread = 0; thread < THREADS; thread++) {
                int threadNumber = thread;
                appenders.add(Thread.ofPlatform().start(() -> appendShare(store, threadNumber)));
            }
            for (Thread appender : appenders) {
                appender.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("append throughput: %d messages, %d threads, batches of %d: %.0f msgs/s (%.2f s)%n",
                    TOTAL, THREADS, BATCH, TOTAL / seconds, seconds);
            long count = 0;
            try (LogCursor cursor = store.scan(new LogScan(TimeRange.all(), TimeField.MESSAGE_TIME,
                    new KeywordExpression.Keyword("thread", false), ScanOrder.UNORDERED))) {
                while (cursor.next()) {
                    count++;
                }
            }
            assertThat(count).isEqualTo(TOTAL);
        }
    }

    private static void appendShare(EmbeddedLogStore store, int thread) {
        for (int batch = 0; batch < TOTAL / THREADS / BATCH; batch++) {
            List<LogMessage> messages = new ArrayList<>(BATCH);
            for (int index = 0; index < BATCH; index++) {
                long time = RandomLogs.START + (long) batch * 1000 + index;
                messages.add(new LogMessage("2026-11-20 12:00:01 INFO thread " + thread + " GET /api/v1/orders/" + batch
                        + " status=200 user=jsmith@somewhere.com took " + index + "ms", time, time, "prod/web", "app.log",
                        "web-1", "http", "collector-a", Map.of("env", "prod")));
            }
            store.append(messages);
        }
    }
}
