package dev.loupe.store.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.TimeRange;
import dev.loupe.store.KilledChildProcess;
import dev.loupe.store.spi.metrics.SeriesSelector;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL while it appends (with flushes, checkpoints and WAL segment deletion going on),
 * reopens the store and checks that every acknowledged point is there, with its value, exactly once.
 */
class MetricCrashRecoveryTest {
    @TempDir
    Path directory;

    @Test
    void killedAppenderLosesNothingAcknowledged() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 3; round++) {
            runAndKill(round, 100 + random.nextInt(700), acknowledged);
            try (EmbeddedMetricStore store = EmbeddedMetricStore.open(directory)) {
                Set<String> stored = new HashSet<>();
                long[] points = new long[1];
                store.read(new SeriesSelector.All(), TimeRange.all(), 0, 1000, series -> {
                    for (int index = 0; index < series.timestamps().length; index++) {
                        stored.add(series.tags().get("series") + "@" + series.timestamps()[index] + "=" + series.values()[index]);
                        points[0]++;
                    }
                });
                assertThat(points[0]).as("seed %d: points stored twice", seed).isEqualTo(stored.size());
                Set<String> lost = new HashSet<>(acknowledged);
                lost.removeAll(stored);
                assertThat(lost).as("seed %d, round %d: acknowledged points lost", seed, round).isEmpty();
            }
        }
        assertThat(acknowledged.size()).isGreaterThan(200);
    }

    private void runAndKill(int round, int delayMillis, Set<String> acknowledged) throws Exception {
        KilledChildProcess.runAndKill(MetricCrashingAppender.class, List.of(directory.toString(), "r" + round, "3"), 4000, delayMillis,
                acknowledged);
    }
}
