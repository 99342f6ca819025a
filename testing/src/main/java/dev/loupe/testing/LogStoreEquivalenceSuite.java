package dev.loupe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.LogMessage;
import dev.loupe.core.TimeRange;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.spi.ScanOrder;
import dev.loupe.store.spi.ScanProjection;
import dev.loupe.store.spi.StoredMessage;
import dev.loupe.store.spi.TimeField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The equivalence tests every {@link LogStore} must pass: random messages and random scans (scope expressions, time
 * ranges on both time fields, both orders) answered exactly as {@link InMemoryLogStore} answers them, also after the
 * store is reopened, and the edge cases of overlong terms and huge wildcards. A store's test extends this class and
 * says how to open and reopen the store under test.
 *
 * <p>The seed comes from {@code -Dloupe.test.seed} or is random; it is printed with every failure.
 */
public abstract class LogStoreEquivalenceSuite {

    /** Opens an empty store for one test; the test closes it. */
    protected abstract LogStore openStore();

    /** Closes {@code store} and opens it again on the same data; the test closes the result. */
    protected abstract LogStore reopen(LogStore store);

    /**
     * Whether the store numbers messages as the reference does (1, 2, 3, ... in append order), so that ids can be
     * compared too; otherwise ids are checked to be unique and stable across a reopen.
     */
    protected boolean numbersLikeTheReference() {
        return false;
    }

    @Test
    void randomScansMatchTheReferenceStore_alsoAfterRestart() {
        long seed = Long.getLong("loupe.test.seed", new Random().nextLong());
        Random random = new Random(seed);
        RandomLogs logs = new RandomLogs(random);
        InMemoryLogStore reference = new InMemoryLogStore();
        List<LogMessage> all = new ArrayList<>();
        LogStore store = openStore();
        try {
            for (int batch = 0; batch < 60; batch++) {
                List<LogMessage> messages = new ArrayList<>();
                int size = 1 + random.nextInt(60);
                for (int index = 0; index < size; index++) {
                    messages.add(logs.message());
                }
                store.append(messages);
                reference.append(messages);
                all.addAll(messages);
            }
            LogScan everything = new LogScan(TimeRange.all(), TimeField.MESSAGE_TIME, new KeywordExpression.MatchAll(), ScanOrder.UNORDERED);
            Map<Long, LogMessage> idsBefore = byId(read(store, everything), seed);
            compareRandomScans(store, reference, logs, random, all, seed, 250);
            store = reopen(store);
            assertThat(byId(read(store, everything), seed)).as("ids after reopening, seed " + seed).isEqualTo(idsBefore);
            compareRandomScans(store, reference, logs, random, all, seed, 100);
        } finally {
            store.close();
        }
    }

    @Test
    void overlongTermsAndHugeWildcardsMatchLikeTheReference() {
        String longWord = "x".repeat(11_000) + "end";
        List<LogMessage> messages = List.of(
                LogMessage.of("start " + longWord + " tail", RandomLogs.START, RandomLogs.START),
                LogMessage.of("start short tail", RandomLogs.START + 1, RandomLogs.START + 1),
                new LogMessage("other", RandomLogs.START + 2, RandomLogs.START + 2, longWord, "", "", "", "", Map.of()));
        InMemoryLogStore reference = new InMemoryLogStore();
        reference.append(messages);
        try (LogStore store = openStore()) {
            store.append(messages);
            for (KeywordExpression filter : List.of(new KeywordExpression.Keyword(longWord, false),
                    new KeywordExpression.Keyword("*" + longWord.substring(5), false),
                    new KeywordExpression.Keyword(longWord.substring(0, 20) + "*", false),
                    new KeywordExpression.Keyword("start * tail", true),
                    new KeywordExpression.Not(new KeywordExpression.Keyword("start * tail", true)),
                    new KeywordExpression.FieldMatch("_sourceCategory", "*" + longWord.substring(3)),
                    new KeywordExpression.Not(new KeywordExpression.FieldMatch("_sourcecategory", "x*")))) {
                LogScan scan = new LogScan(TimeRange.all(), TimeField.MESSAGE_TIME, filter, ScanOrder.NEWEST_FIRST);
                assertThat(messages(read(store, scan))).as(filter.toString().substring(0, Math.min(60, filter.toString().length())))
                        .isEqualTo(messages(read(reference, scan)));
            }
        }
    }

    private void compareRandomScans(LogStore store, LogStore reference, RandomLogs logs, Random random,
            List<LogMessage> sample, long seed, int scans) {
        for (int round = 0; round < scans; round++) {
            KeywordExpression filter = logs.expression(3, sample);
            LogScan scan = new LogScan(range(random), random.nextBoolean() ? TimeField.MESSAGE_TIME : TimeField.RECEIPT_TIME,
                    filter, random.nextBoolean() ? ScanOrder.NEWEST_FIRST : ScanOrder.UNORDERED);
            List<StoredMessage> expected = read(reference, scan);
            List<StoredMessage> actual = read(store, scan);
            String context = "seed " + seed + ", scan " + scan;
            if (numbersLikeTheReference()) {
                assertThat(new HashSet<>(actual)).as(context).isEqualTo(new HashSet<>(expected));
            } else {
                assertThat(counts(messages(actual))).as(context).isEqualTo(counts(messages(expected)));
            }
            assertThat(actual).as(context).hasSameSizeAs(expected);
            if (scan.order() == ScanOrder.NEWEST_FIRST) {
                assertThat(times(actual, scan.timeField())).as(context).isEqualTo(times(expected, scan.timeField()));
            }
            LogScan timesOnly = new LogScan(scan.range(), scan.timeField(), filter, scan.order(),
                    ScanProjection.TIMES_ONLY);
            assertThat(sortedTimePairs(read(store, timesOnly))).as(context + ", times only")
                    .isEqualTo(sortedTimePairs(expected));
        }
    }

    /** The (message time, receipt time) pairs of {@code messages}, sorted: what a times-only scan must return. */
    private static List<String> sortedTimePairs(List<StoredMessage> messages) {
        List<String> pairs = new ArrayList<>(messages.size());
        for (StoredMessage stored : messages) {
            pairs.add(stored.message().messageTime() + "/" + stored.message().receiptTime());
        }
        pairs.sort(null);
        return pairs;
    }

    private static TimeRange range(Random random) {
        if (random.nextInt(5) == 0) {
            return TimeRange.all();
        }
        long from = RandomLogs.START - 3_600_000 + (long) (random.nextDouble() * RandomLogs.SPAN);
        long to = from + (long) (random.nextDouble() * RandomLogs.SPAN / 2);
        return new TimeRange(from, to);
    }

    /** Every message a scan returns, in the cursor's order. */
    public static List<StoredMessage> read(LogStore store, LogScan scan) {
        List<StoredMessage> messages = new ArrayList<>();
        try (LogCursor cursor = store.scan(scan)) {
            while (cursor.next()) {
                messages.add(cursor.current());
            }
        }
        return messages;
    }

    private static Map<Long, LogMessage> byId(List<StoredMessage> messages, long seed) {
        Map<Long, LogMessage> byId = new HashMap<>();
        for (StoredMessage stored : messages) {
            assertThat(byId.put(stored.id(), stored.message())).as("duplicate id " + stored.id() + ", seed " + seed).isNull();
        }
        return byId;
    }

    private static List<LogMessage> messages(List<StoredMessage> stored) {
        List<LogMessage> messages = new ArrayList<>(stored.size());
        for (StoredMessage message : stored) {
            messages.add(message.message());
        }
        return messages;
    }

    private static Map<LogMessage, Integer> counts(List<LogMessage> messages) {
        Map<LogMessage, Integer> counts = new HashMap<>();
        for (LogMessage message : messages) {
            counts.merge(message, 1, Integer::sum);
        }
        return counts;
    }

    /** The times of {@code timeField} of the messages, in order. */
    public static List<Long> times(List<StoredMessage> messages, TimeField timeField) {
        List<Long> times = new ArrayList<>(messages.size());
        for (StoredMessage stored : messages) {
            times.add(timeField == TimeField.MESSAGE_TIME ? stored.message().messageTime() : stored.message().receiptTime());
        }
        return times;
    }
}
