package dev.loupe.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loupe.core.TimeRange;
import dev.loupe.query.metrics.MetricsQueryContext;
import dev.loupe.query.metrics.MetricsQueryEngine;
import dev.loupe.query.metrics.MetricsQueryResult;
import dev.loupe.query.metrics.MetricsQueryRow;
import dev.loupe.store.metrics.EmbeddedMetricStore;
import dev.loupe.store.spi.metrics.MetricSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics figures for BENCHMARKS.md: ingest rate into {@link EmbeddedMetricStore}, bytes per point, and the time
 * of a 24-hour {@code sum by apiname} over 10,000 series at 1-minute resolution. Prints, never asserts. Runs only with
 * {@code -Dloupe.metricsBenchmark=true}:
 *
 * <pre>
 * mvn -B -ntp -o -q -pl cli -am test -Dtest=MetricsBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dloupe.metricsBenchmark=true
 * </pre>
 */
class MetricsBenchmarkTest {
    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;

    @TempDir
    Path directory;

    @Test
    void printsMetricsFigures() {
        assumeTrue(Boolean.getBoolean("loupe.metricsBenchmark"), "set -Dloupe.metricsBenchmark=true to run");
        long end = 20_000 * DAY;
        long start = end - DAY;
        int seriesCount = 10_000;
        Random random = new Random(11);
        List<Map<String, String>> tags = new ArrayList<>(seriesCount);
        int[] levels = new int[seriesCount];
        for (int series = 0; series < seriesCount; series++) {
            tags.add(Map.of("Namespace", "AWS/ApiGateway", "metric", "Count", "Statistic", "Sum", "account", "acct" + series % 4,
                    "region", "us-east-1", "ApiName", "api" + series % 100, "Stage", "prod", "Method", "GET", "Resource", "/r" + series / 100));
            levels[series] = random.nextInt(50);
        }
        try (EmbeddedMetricStore store = EmbeddedMetricStore.open(directory)) {
            long points = 0;
            long ingestStarted = System.nanoTime();
            for (long time = start; time < end; time += MINUTE) {
                List<MetricSample> batch = new ArrayList<>(seriesCount);
                for (int series = 0; series < seriesCount; series++) {
                    double value = random.nextInt(10) < 7 ? levels[series] : Math.max(0, levels[series] + random.nextInt(5) - 2);
                    batch.add(new MetricSample(tags.get(series), Map.of(), time, value));
                }
                store.append(batch);
                points += batch.size();
            }
            store.flush();
            double ingestSeconds = (System.nanoTime() - ingestStarted) / 1e9;
            EmbeddedMetricStore.StorageStatistics statistics = store.statistics();
            System.out.printf("ingest: %d points (%d series x 1440 minutes) in %.1f s = %.0f points/s (batches of %d, one thread, flushes included)%n",
                    points, seriesCount, ingestSeconds, points / ingestSeconds, seriesCount);
            System.out.printf("storage: %d bytes of raw chunks for %d points = %.3f bytes/point%n",
                    statistics.chunkBytes(), statistics.sealedPointCount(), statistics.bytesPerPoint());
            MetricsQueryEngine engine = new MetricsQueryEngine(store);
            String query = "Namespace=AWS/ApiGateway metric=Count statistic=Sum | sum by apiname";
            for (int run = 0; run < 5; run++) {
                long queryStarted = System.nanoTime();
                MetricsQueryResult result = engine.execute(List.of(new MetricsQueryRow("A", query)),
                        MetricsQueryContext.of(new TimeRange(start, end)));
                double millis = (System.nanoTime() - queryStarted) / 1e6;
                System.out.printf("query run %d: '%s' over 24 h, %d input series -> %d series x %d points (%d ms buckets) in %.0f ms%n",
                        run + 1, query, seriesCount, result.row("A").series().size(), result.row("A").series().getFirst().size(),
                        result.row("A").quantizationMillis(), millis);
            }
        }
    }
}
