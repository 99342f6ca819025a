package dev.loupe.store.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.store.spi.metrics.MetricSample;
import dev.loupe.store.spi.metrics.SeriesPoints;
import dev.loupe.store.spi.metrics.SeriesRollups;
import dev.loupe.store.spi.metrics.SeriesSelector;
import dev.loupe.testing.InMemoryMetricStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMetricStoreTest {
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 86_400_000L;
    private static final long START = 20_000 * DAY;

    @TempDir
    Path directory;

    private static MetricStoreOptions smallFlushes() {
        return new MetricStoreOptions(Duration.ofDays(30), Duration.ofDays(400), 50, 5_000);
    }

    /** Random samples over 3 days: 40 series, irregular and late points, some repeated timestamps. */
    private static List<MetricSample> randomSamples(Random random, int count) {
        List<MetricSample> samples = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            int series = random.nextInt(40);
            Map<String, String> tags = Map.of("metric", series % 2 == 0 ? "Count" : "Latency", "host", "h" + series % 7,
                    "Statistic", series % 3 == 0 ? "Sum" : "Average");
            long time = START + random.nextLong(3 * DAY) / 1000 * 1000;
            samples.add(new MetricSample(tags, Map.of("_sourceCategory", "cat" + series % 2), time, random.nextInt(1000) / 4.0));
        }
        return samples;
    }

    private static Map<Map<String, String>, TreeMap<Long, Double>> readAll(dev.loupe.store.spi.metrics.MetricStore store, SeriesSelector selector, TimeRange range) {
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

    @Test
    void readsEqualTheReferenceStoreAcrossFlushesAndReopen() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        InMemoryMetricStore reference = new InMemoryMetricStore();
        List<SeriesSelector> selectors = List.of(new SeriesSelector.All(), new SeriesSelector.TagMatch("METRIC", "count"),
                new SeriesSelector.And(List.of(new SeriesSelector.TagMatch("metric", "Latency"), new SeriesSelector.TagMatch("host", "h*"))),
                new SeriesSelector.Not(new SeriesSelector.TagMatch("statistic", "sum")), new SeriesSelector.TagMatch("_sourcecategory", "cat1"),
                new SeriesSelector.AnyTagValue("h3"));
        for (int reopen = 0; reopen < 3; reopen++) {
            try (EmbeddedMetricStore store = EmbeddedMetricStore.open(directory, smallFlushes())) {
                for (int batch = 0; batch < 10; batch++) {
                    List<MetricSample> samples = randomSamples(random, 1 + random.nextInt(2000));
                    store.append(samples);
                    reference.append(samples);
                }
                for (SeriesSelector selector : selectors) {
                    long from = START + random.nextLong(2 * DAY);
                    TimeRange range = new TimeRange(from, from + random.nextLong(DAY) + 1);
                    assertThat(readAll(store, selector, range)).as("seed %d, %s", seed, selector).isEqualTo(readAll(reference, selector, range));
                    assertThat(readAll(store, selector, TimeRange.all())).as("seed %d", seed).isEqualTo(readAll(reference, selector, TimeRange.all()));
                }
            }
        }
    }

    @Test
    void rollupsEqualAnIndependentComputation() {
        Random random = new Random(7);
        List<MetricSample> samples = randomSamples(random, 30_000);
        try (EmbeddedMetricStore store = EmbeddedMetricStore.open(directory, smallFlushes())) {
            store.append(samples.subList(0, 20_000));
            store.flush();
            store.append(samples.subList(20_000, samples.size()));
            Map<Map<String, String>, TreeMap<Long, Double>> raw = readAll(store, new SeriesSelector.All(), TimeRange.all());
            Map<Map<String, String>, SeriesRollups> rollups = new java.util.HashMap<>();
            store.readRollups(new SeriesSelector.All(), TimeRange.all(), 1000, one -> rollups.put(one.tags(), one));
            assertThat(rollups.keySet()).isEqualTo(raw.keySet());
            raw.forEach((tags, points) -> {
                TreeMap<Long, double[]> expected = new TreeMap<>();
                points.forEach((time, value) -> {
                    double[] bucket = expected.computeIfAbsent(time / HOUR * HOUR, ignored -> new double[] {0, 0, Double.MAX_VALUE, -Double.MAX_VALUE});
                    bucket[0]++;
                    bucket[1] += value;
                    bucket[2] = Math.min(bucket[2], value);
                    bucket[3] = Math.max(bucket[3], value);
                });
                SeriesRollups actual = rollups.get(tags);
                assertThat(actual.bucketStarts()).containsExactly(expected.keySet().stream().mapToLong(Long::longValue).toArray());
                int index = 0;
                for (double[] bucket : expected.values()) {
                    assertThat(actual.counts()[index]).isEqualTo((long) bucket[0]);
                    assertThat(actual.sums()[index]).isCloseTo(bucket[1], org.assertj.core.data.Offset.offset(1e-6));
                    assertThat(actual.mins()[index]).isEqualTo(bucket[2]);
                    assertThat(actual.maxes()[index]).isEqualTo(bucket[3]);
                    index++;
                }
            });
        }
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
    void secondOpenIsRefusedAndLimitsApply() {
        try (EmbeddedMetricStore store = EmbeddedMetricStore.open(directory)) {
            assertThatThrownBy(() -> EmbeddedMetricStore.open(directory))
                    .isInstanceOfSatisfying(LoupeException.class, error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.STORE_IN_USE));
            store.append(randomSamples(new Random(1), 500));
            assertThatThrownBy(() -> store.read(new SeriesSelector.All(), TimeRange.all(), 0, 3, points -> { }))
                    .isInstanceOfSatisfying(LoupeException.class, error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.QUERY_LIMIT_EXCEEDED));
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
