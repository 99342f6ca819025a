package dev.loupe.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.LogMessage;
import dev.loupe.core.TimeRange;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.ScanOrder;
import dev.loupe.store.spi.StoredMessage;
import dev.loupe.store.spi.TimeField;
import dev.loupe.testing.InMemoryLogStore;
import dev.loupe.testing.LogStoreEquivalenceSuite;
import dev.loupe.testing.RandomLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scans over many day partitions read in parallel: the same answers as the reference in every order, early close
 * stops the background readers, and concurrent scans sharing few permits all finish.
 */
class ParallelScanTest {
    private static final long DAY = 86_400_000L;
    private static final int DAYS = 12;
    private static final int PER_DAY = 700;

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void manyPartitionsMatchTheReference_inEveryOrder(int parallelism) {
        long seed = Long.getLong("loupe.test.seed", new Random().nextLong());
        InMemoryLogStore reference = new InMemoryLogStore();
        try (EmbeddedLogStore store = EmbeddedLogStore.open(directory, EmbeddedLogStore.Options.defaults()
                .withScanParallelism(parallelism))) {
            List<LogMessage> messages = messages(new Random(seed));
            store.append(messages);
            reference.append(messages);
            List<KeywordExpression> filters = List.of(new KeywordExpression.MatchAll(),
                    new KeywordExpression.Keyword("error", false),
                    new KeywordExpression.Not(new KeywordExpression.Keyword("user", false)));
            List<TimeRange> ranges = List.of(TimeRange.all(),
                    new TimeRange(RandomLogs.START + DAY / 2, RandomLogs.START + 7 * DAY + DAY / 3));
            for (KeywordExpression filter : filters) {
                for (TimeRange range : ranges) {
                    for (TimeField timeField : TimeField.values()) {
                        for (ScanOrder order : ScanOrder.values()) {
                            LogScan scan = new LogScan(range, timeField, filter, order);
                            List<StoredMessage> expected = LogStoreEquivalenceSuite.read(reference, scan);
                            List<StoredMessage> actual = LogStoreEquivalenceSuite.read(store, scan);
                            String context = "seed " + seed + ", " + scan;
                            assertThat(actual).as(context).hasSameSizeAs(expected);
                            assertThat(new HashSet<>(actual)).as(context).isEqualTo(new HashSet<>(expected));
                            if (order == ScanOrder.NEWEST_FIRST) {
                                assertThat(LogStoreEquivalenceSuite.times(actual, timeField)).as(context)
                                        .isEqualTo(LogStoreEquivalenceSuite.times(expected, timeField));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void closingEarlyStopsTheReadersAndLaterScansSeeEverything() {
        try (EmbeddedLogStore store = EmbeddedLogStore.open(directory, EmbeddedLogStore.Options.defaults()
                .withScanParallelism(2))) {
            store.append(messages(new Random(7)));
            for (int round = 0; round < 50; round++) {
                for (ScanOrder order : ScanOrder.values()) {
                    LogScan scan = new LogScan(TimeRange.all(), TimeField.MESSAGE_TIME, new KeywordExpression.MatchAll(), order);
                    long started = System.nanoTime();
                    try (LogCursor cursor = store.scan(scan)) {
                        for (int read = 0; read < 10 && cursor.next(); read++) {
                            assertThat(cursor.current()).isNotNull();
                        }
                    }
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                }
            }
            LogScan all = new LogScan(TimeRange.all(), TimeField.MESSAGE_TIME, new KeywordExpression.MatchAll(), ScanOrder.UNORDERED);
            assertThat(LogStoreEquivalenceSuite.read(store, all)).hasSize(DAYS * PER_DAY);
        }
    }

    @Test
    void concurrentScansSharingTwoPermitsAllFinish() throws Exception {
        try (EmbeddedLogStore store = EmbeddedLogStore.open(directory, EmbeddedLogStore.Options.defaults()
                .withScanParallelism(2));
                ExecutorService readers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("reader-", 0).factory())) {
            store.append(messages(new Random(11)));
            List<Future<Integer>> counts = new ArrayList<>();
            for (int reader = 0; reader < 8; reader++) {
                ScanOrder order = reader % 2 == 0 ? ScanOrder.NEWEST_FIRST : ScanOrder.UNORDERED;
                counts.add(readers.submit(() -> LogStoreEquivalenceSuite.read(store,
                        new LogScan(TimeRange.all(), TimeField.MESSAGE_TIME, new KeywordExpression.MatchAll(), order)).size()));
            }
            for (Future<Integer> count : counts) {
                assertThat(count.get()).isEqualTo(DAYS * PER_DAY);
            }
        }
    }

    private static List<LogMessage> messages(Random random) {
        RandomLogs logs = new RandomLogs(random);
        List<LogMessage> messages = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            for (int index = 0; index < PER_DAY; index++) {
                LogMessage template = logs.message();
                long messageTime = RandomLogs.START + day * DAY + random.nextLong(DAY);
                long receiptTime = messageTime + random.nextLong(3 * DAY) - DAY;
                messages.add(new LogMessage(template.raw(), messageTime, receiptTime, template.sourceCategory(),
                        template.sourceName(), template.sourceHost(), template.source(), template.collector(),
                        template.fields()));
            }
        }
        return messages;
    }
}
