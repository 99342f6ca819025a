package dev.loupe.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.TimeRange;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.ScanOrder;
import dev.loupe.store.spi.StoredMessage;
import dev.loupe.store.spi.TimeField;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-ea", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashingAppender.class.getName(), directory.toString(), "r" + round, "3")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        int before = acknowledged.size();
        CountDownLatch opened = new CountDownLatch(1);
        List<IOException> readFailures = new ArrayList<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.equals("OPEN")) {
                        opened.countDown();
                    } else if (line.startsWith("ACK ") && line.endsWith(" END")) {
                        for (String key : line.substring(4, line.length() - 4).split(",")) {
                            acknowledged.add(key);
                        }
                    }
                }
            } catch (IOException readFailure) {
                readFailures.add(readFailure);
            }
        });
        try {
            assertThat(opened.await(20, TimeUnit.SECONDS)).as("child opened the store").isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (acknowledged.size() < before + 200 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            // Then kill at a random moment of steady appending, commits and segment rolls.
            Thread.sleep(delayMillis);
        } finally {
            child.destroyForcibly();
            child.waitFor(20, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(readFailures).isEmpty();
    }
}
