package dev.loupe.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.TimeRange;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.ScanOrder;
import dev.loupe.store.spi.StoredMessage;
import dev.loupe.store.spi.TimeField;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that is appending (SIGKILL, mid-write) and checks that every acknowledged message survives
 * exactly once, over several rounds on the same directory so that replay after replay is exercised.
 */
class CrashRecoveryTest {
    private static final Pattern KEY = Pattern.compile("key=(\\S+)");

    @TempDir
    Path directory;

    @Test
    void killedAppenderLosesNothingAcknowledgedAndDuplicatesNothing() throws Exception {
        long seed = Long.getLong("loupe.test.seed", new Random().nextLong());
        Random random = new Random(seed);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 5; round++) {
            int before = acknowledged.size();
            runAndKill(round, 50 + random.nextInt(700), acknowledged);
            System.out.printf("crash round %d: %d messages acknowledged before SIGKILL%n", round, acknowledged.size() - before);
            try (EmbeddedLogStore store = EmbeddedLogStore.open(directory)) {
                Map<String, Integer> occurrences = new HashMap<>();
                Set<Long> ids = new HashSet<>();
                try (LogCursor cursor = store.scan(new LogScan(TimeRange.all(), TimeField.MESSAGE_TIME,
                        new KeywordExpression.MatchAll(), ScanOrder.UNORDERED))) {
                    while (cursor.next()) {
                        StoredMessage stored = cursor.current();
                        assertThat(ids.add(stored.id())).as("seed %d: duplicate id %d", seed, stored.id()).isTrue();
                        Matcher matcher = KEY.matcher(stored.message().raw());
                        assertThat(matcher.find()).isTrue();
                        occurrences.merge(matcher.group(1), 1, Integer::sum);
                    }
                }
                Set<String> duplicated = new HashSet<>();
                occurrences.forEach((key, count) -> {
                    if (count > 1) {
                        duplicated.add(key);
                    }
                });
                assertThat(duplicated).as("seed %d, round %d: messages stored twice", seed, round).isEmpty();
                Set<String> lost = new HashSet<>(acknowledged);
                lost.removeAll(occurrences.keySet());
                assertThat(lost).as("seed %d, round %d: acknowledged messages lost", seed, round).isEmpty();
            }
        }
    }

    private void runAndKill(int round, int delayMillis, Set<String> acknowledged) throws Exception {
        KilledChildProcess.runAndKill(CrashingAppender.class, List.of(directory.toString(), "r" + round, "3"), 200, delayMillis,
                acknowledged);
    }
}
