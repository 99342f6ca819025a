package dev.loupe.store.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.store.spi.metrics.MetricSample;
import dev.loupe.store.spi.metrics.SeriesPoints;
import dev.loupe.store.spi.metrics.MetricStore;
import dev.loupe.store.spi.metrics.SeriesSelector;
import dev.loupe.testing.MetricStoreConformanceSuite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metric store conformance suite on the embedded store (with small flushes, so that reads cross buffered points,
 * sealed chunks and reopen replays), and what only the embedded store has: retention, the store lock, storage size.
 */
class EmbeddedMetricStoreTest extends MetricStoreConformanceSuite {
    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;

    @TempDir
    Path directory;

    private static MetricStoreOptions smallFlushes() {
        return new MetricStoreOptions(Duration.ofDays(30), Duration.ofDays(400), 50, 5_000);
    }

    private static Map<Map<String, String>, TreeMap<Long, Double>> readAll(MetricStore store, SeriesSelector selector, TimeRange range) {
        Map<Map<String, String>, TreeMap<Long, Double>> result = new java.util.HashMap<>();
        store.read(selector, range, 0, 1_000_000, (SeriesPoints points) -> {
            TreeMap<Long, Double> map = new TreeMap<>();
            for (int index = 0; index < points.timestamps().length; index++) {
                map.put(points.timestamps()[index], points.values()[index]);
            }
            result.put(points.tags(), map);
        });
        return result;
    }

    @Override
    protected MetricStore openStore() {
        return EmbeddedMetricStore.open(directory, smallFlushes());
    }

    @Override
    protected MetricStore reopen(MetricStore store) {
        store.close();
        return EmbeddedMetricStore.open(directory, smallFlushes());
    }

    @Override
    protected int maxBatchSize() {
        return 4_000;
    }

    @Override
    protected void flush(MetricStore store) {
        ((EmbeddedMetricStore) store).flush();
    }

    @Test
    void retentionDeletesWholeExpiredDays() {
        MetricStoreOptions options = new MetricStoreOptions(Duration.ofDays(2), Duration.ofDays(3), 50, 1_000_000);
        List<MetricSample> samples = new ArrayList<>();
        for (long time = START; time < START + 5 * DAY; time += 10 * MINUTE) {
            samples.add(new MetricSample(Map.of("metric", "cpu"), Map.of(), time, 1));
        }
        try (EmbeddedMetricStore store = EmbeddedMetricStore.open(directory, options)) {
            store.append(samples);
            store.flush();
            store.enforceRetention(START + 5 * DAY);
            Map<Map<String, String>, TreeMap<Long, Double>> left = readAll(store, new SeriesSelector.All(), TimeRange.all());
            assertThat(left.values().iterator().next().firstKey()).isEqualTo(START + 3 * DAY);
            List<Long> rollupStarts = new ArrayList<>();
            store.readRollups(new SeriesSelector.All(), TimeRange.all(), 10, one -> {
                for (long start : one.bucketStarts()) {
                    rollupStarts.add(start);
                }
            });
            assertThat(rollupStarts.getFirst()).isEqualTo(START + 2 * DAY);
        }
    }

    @Test
    void secondOpenIsRefused() {
        try (EmbeddedMetricStore store = EmbeddedMetricStore.open(directory)) {
            assertThatThrownBy(() -> EmbeddedMetricStore.open(directory))
                    .isInstanceOfSatisfying(LoupeException.class, error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.STORE_IN_USE));
        }
    }

    /** CloudWatch-like data (1-minute points, few distinct values): prints bytes per point; never asserted. */
    @Test
    void printsBytesPerPointOnCloudWatchLikeData() {
        Random random = new Random(3);
        try (EmbeddedMetricStore store = EmbeddedMetricStore.open(directory)) {
            List<MetricSample> batch = new ArrayList<>();
            for (int series = 0; series < 200; series++) {
                Map<String, String> tags = Map.of("Namespace", "AWS/ApiGateway", "metric", "Count", "Statistic", "Sum", "apiname", "api" + series);
                int level = random.nextInt(20);
                for (long time = START; time < START + DAY; time += MINUTE) {
                    double value = random.nextInt(10) < 7 ? level : level + random.nextInt(4) - 2;
                    batch.add(new MetricSample(tags, Map.of(), time, Math.max(0, value)));
                }
                if (batch.size() > 50_000) {
                    store.append(batch);
                    batch = new ArrayList<>();
                }
            }
            store.append(batch);
            store.flush();
            EmbeddedMetricStore.StorageStatistics statistics = store.statistics();
            System.out.printf("metric store: %d points in %d series, %d bytes of raw chunks: %.3f bytes/point%n",
                    statistics.sealedPointCount(), statistics.seriesCount(), statistics.chunkBytes(), statistics.bytesPerPoint());
        }
    }
}
