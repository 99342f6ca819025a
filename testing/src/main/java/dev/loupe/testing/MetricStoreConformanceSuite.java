package dev.loupe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.store.spi.metrics.MetricSample;
import dev.loupe.store.spi.metrics.MetricStore;
import dev.loupe.store.spi.metrics.SeriesPoints;
import dev.loupe.store.spi.metrics.SeriesRollups;
import dev.loupe.store.spi.metrics.SeriesSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The conformance tests every {@link MetricStore} must pass: random samples (irregular, late and repeated points,
 * changing metadata) read back exactly as {@link InMemoryMetricStore} answers, through {@link MetricStore#read} and
 * {@link MetricStore#visit}, also after the store is reopened; reads at a resolution averaging each bucket as the
 * raw points do; rollups equal to a computation from the raw points (when the store keeps rollups); the series
 * limit. A store's test extends this class and says how to open and reopen the store under test.
 *
 * <p>The seed comes from {@code -Dloupe.test.seed} or is random; it is printed with every failure.
 */
public abstract class MetricStoreConformanceSuite {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 86_400_000L;
    /** The first point time of the random samples (a UTC midnight). */
    protected static final long START = 20_000 * DAY;
    private static final List<SeriesSelector> SELECTORS = List.of(new SeriesSelector.All(), new SeriesSelector.TagMatch("METRIC", "count"),
            new SeriesSelector.And(List.of(new SeriesSelector.TagMatch("metric", "Latency"), new SeriesSelector.TagMatch("host", "h*"))),
            new SeriesSelector.Not(new SeriesSelector.TagMatch("statistic", "sum")), new SeriesSelector.TagMatch("_sourcecategory", "cat1"),
            new SeriesSelector.AnyTagValue("h3"), new SeriesSelector.Or(List.of(new SeriesSelector.TagMatch("host", "*6"),
                    new SeriesSelector.TagMatch("statistic", "av*ge"))), new SeriesSelector.TagMatch("host", "h?"),
            new SeriesSelector.TagMatch("region", "*"), new SeriesSelector.Or(List.of()));

    /** Opens an empty store for one test; the test closes it. */
    protected abstract MetricStore openStore();

    /** Closes {@code store} and opens it again on the same data; the test closes the result. */
    protected abstract MetricStore reopen(MetricStore store);

    /** Moves what the store buffers to its long-term form, when it has one (the default does nothing). */
    protected void flush(MetricStore store) {}

    /** How many samples a test appends per batch at most (a remote store may ask for fewer). */
    protected int maxBatchSize() {
        return 2_000;
    }

    /** Random samples over 3 days: 40 series, irregular and late points, some repeated timestamps, changing metadata. */
    private static List<MetricSample> randomSamples(Random random, int count) {
        List<MetricSample> samples = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            int series = random.nextInt(40);
            Map<String, String> tags = new HashMap<>(Map.of("metric", series % 2 == 0 ? "Count" : "Latency", "host", "h" + series % 7,
                    "Statistic", series % 3 == 0 ? "Sum" : "Average"));
            if (series % 5 == 0) {
                tags.put("Region", "eu-west-" + series % 3);
            }
            Map<String, String> metadata = switch (random.nextInt(8)) {
                case 0 -> Map.of();
                case 1 -> Map.of("_sourceCategory", "cat" + random.nextInt(2), "unit", "ms");
                default -> Map.of("_sourceCategory", "cat" + series % 2);
            };
            long time = START + random.nextLong(3 * DAY) / 1000 * 1000;
            samples.add(new MetricSample(tags, metadata, time, random.nextInt(1000) / 4.0));
        }
        return samples;
    }

    private static long seed() {
        return Long.getLong("loupe.test.seed", new Random().nextLong());
    }

    /** Every selected series' points and metadata, through {@link MetricStore#read} at resolution 0. */
    private static Map<Map<String, String>, String> readAll(MetricStore store, SeriesSelector selector, TimeRange range) {
        Map<Map<String, String>, String> result = new HashMap<>();
        store.read(selector, range, 0, 1_000_000, (SeriesPoints points) -> {
            TreeMap<Long, Double> map = new TreeMap<>();
            for (int index = 0; index < points.timestamps().length; index++) {
                map.put(points.timestamps()[index], points.values()[index]);
            }
            assertThat(map).hasSize(points.timestamps().length);
            assertThat(result.put(points.tags(), points.metadata() + " " + map)).as("series read twice").isNull();
        });
        return result;
    }

    /** The same through {@link MetricStore#visit}. */
    private static Map<Map<String, String>, String> visitAll(MetricStore store, SeriesSelector selector, TimeRange range) {
        Map<Map<String, String>, String> result = new HashMap<>();
        store.visit(selector, range, 1_000_000, (tags, metadata, timestamps, values, size) -> {
            TreeMap<Long, Double> map = new TreeMap<>();
            for (int index = 0; index < size; index++) {
                map.put(timestamps[index], values[index]);
            }
            result.put(Map.copyOf(tags), Map.copyOf(metadata) + " " + map);
        });
        return result;
    }

    @Test
    void readsEqualTheReferenceStore_alsoAfterReopen() {
        long seed = seed();
        Random random = new Random(seed);
        InMemoryMetricStore reference = new InMemoryMetricStore();
        MetricStore store = openStore();
        try {
            for (int round = 0; round < 2; round++) {
                for (int batch = 0; batch < 5; batch++) {
                    List<MetricSample> samples = randomSamples(random, 1 + random.nextInt(maxBatchSize()));
                    store.append(samples);
                    reference.append(samples);
                }
                if (round == 0) {
                    flush(store);
                }
                for (SeriesSelector selector : SELECTORS) {
                    long from = START + random.nextLong(2 * DAY);
                    TimeRange range = new TimeRange(from, from + random.nextLong(DAY) + 1);
                    Map<Map<String, String>, String> expected = readAll(reference, selector, range);
                    assertThat(readAll(store, selector, range)).as("seed %d, %s, %s", seed, selector, range).isEqualTo(expected);
                    assertThat(visitAll(store, selector, range)).as("visit: seed %d, %s, %s", seed, selector, range).isEqualTo(expected);
                    assertThat(readAll(store, selector, TimeRange.all())).as("seed %d, %s", seed, selector)
                            .isEqualTo(readAll(reference, selector, TimeRange.all()));
                }
                store = reopen(store);
            }
        } finally {
            store.close();
        }
    }

    @Test
    void readsAtAResolutionAverageEachBucketAsTheRawPointsDo() {
        long seed = seed();
        Random random = new Random(seed);
        try (MetricStore store = openStore()) {
            store.append(randomSamples(random, maxBatchSize()));
            for (long resolution : new long[] {60_000L, 300_000L, HOUR}) {
                TimeRange range = new TimeRange(START + resolution * 7, START + DAY + 3 * resolution);
                Map<Map<String, String>, TreeMap<Long, Double>> fromRaw = new HashMap<>();
                store.read(new SeriesSelector.All(), range, 0, 1_000, points -> fromRaw.put(points.tags(), averages(points, resolution)));
                Map<Map<String, String>, TreeMap<Long, Double>> atResolution = new HashMap<>();
                store.read(new SeriesSelector.All(), range, resolution, 1_000, points -> atResolution.put(points.tags(), averages(points, resolution)));
                assertThat(atResolution.keySet()).as("seed %d", seed).isEqualTo(fromRaw.keySet());
                fromRaw.forEach((tags, buckets) -> {
                    TreeMap<Long, Double> actual = atResolution.get(tags);
                    assertThat(actual.keySet()).as("seed %d, %s", seed, tags).isEqualTo(buckets.keySet());
                    buckets.forEach((start, average) -> assertThat(actual.get(start)).isCloseTo(average, Offset.offset(1e-9)));
                });
            }
        }
    }

    /** The average of the points per bucket of {@code resolution} milliseconds since the epoch. */
    private static TreeMap<Long, Double> averages(SeriesPoints points, long resolution) {
        TreeMap<Long, double[]> sums = new TreeMap<>();
        for (int index = 0; index < points.timestamps().length; index++) {
            double[] bucket = sums.computeIfAbsent(Math.floorDiv(points.timestamps()[index], resolution) * resolution, ignored -> new double[2]);
            bucket[0] += points.values()[index];
            bucket[1]++;
        }
        TreeMap<Long, Double> averages = new TreeMap<>();
        sums.forEach((start, bucket) -> averages.put(start, bucket[0] / bucket[1]));
        return averages;
    }

    @Test
    void rollupsEqualAComputationFromTheRawPoints() {
        long seed = seed();
        Random random = new Random(seed);
        try (MetricStore store = openStore()) {
            if (store.rollupMillis() <= 0) {
                return;
            }
            long bucketMillis = store.rollupMillis();
            store.append(randomSamples(random, maxBatchSize()));
            flush(store);
            store.append(randomSamples(random, maxBatchSize() / 2));
            Map<Map<String, String>, SeriesPoints> raw = new HashMap<>();
            store.read(new SeriesSelector.All(), TimeRange.all(), 0, 1_000, points -> raw.put(points.tags(), points));
            Map<Map<String, String>, SeriesRollups> rollups = new HashMap<>();
            store.readRollups(new SeriesSelector.All(), TimeRange.all(), 1_000, one -> rollups.put(one.tags(), one));
            assertThat(rollups.keySet()).as("seed %d", seed).isEqualTo(raw.keySet());
            raw.forEach((tags, points) -> {
                TreeMap<Long, double[]> expected = new TreeMap<>();
                for (int index = 0; index < points.timestamps().length; index++) {
                    double value = points.values()[index];
                    double[] bucket = expected.computeIfAbsent(Math.floorDiv(points.timestamps()[index], bucketMillis) * bucketMillis,
                            ignored -> new double[] {0, 0, Double.MAX_VALUE, -Double.MAX_VALUE});
                    bucket[0]++;
                    bucket[1] += value;
                    bucket[2] = Math.min(bucket[2], value);
                    bucket[3] = Math.max(bucket[3], value);
                }
                SeriesRollups actual = rollups.get(tags);
                assertThat(actual.bucketMillis()).isEqualTo(bucketMillis);
                assertThat(actual.metadata()).isEqualTo(points.metadata());
                assertThat(actual.bucketStarts()).as("seed %d", seed).containsExactly(expected.keySet().stream().mapToLong(Long::longValue).toArray());
                int index = 0;
                for (double[] bucket : expected.values()) {
                    assertThat(actual.counts()[index]).isEqualTo((long) bucket[0]);
                    assertThat(actual.sums()[index]).isCloseTo(bucket[1], Offset.offset(1e-6));
                    assertThat(actual.mins()[index]).isEqualTo(bucket[2]);
                    assertThat(actual.maxes()[index]).isEqualTo(bucket[3]);
                    index++;
                }
            });
        }
    }

    @Test
    void readsPastTheSeriesLimitFail() {
        try (MetricStore store = openStore()) {
            store.append(randomSamples(new Random(1), 500));
            assertThatThrownBy(() -> store.read(new SeriesSelector.All(), TimeRange.all(), 0, 3, points -> { }))
                    .isInstanceOfSatisfying(LoupeException.class, error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.QUERY_LIMIT_EXCEEDED));
            assertThatThrownBy(() -> store.visit(new SeriesSelector.All(), TimeRange.all(), 3, (tags, metadata, timestamps, values, size) -> { }))
                    .isInstanceOfSatisfying(LoupeException.class, error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.QUERY_LIMIT_EXCEEDED));
            List<SeriesPoints> one = new ArrayList<>();
            store.read(new SeriesSelector.TagMatch("host", "h1"), new TimeRange(START, START + 1), 0, 3, one::add);
            assertThat(one.size()).isLessThanOrEqualTo(3);
        }
    }
}
