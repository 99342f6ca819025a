package dev.loupe.cli;

import dev.loupe.core.TimeRange;
import dev.loupe.query.metrics.MetricsQueryContext;
import dev.loupe.query.metrics.MetricsQueryEngine;
import dev.loupe.query.metrics.MetricsQueryResult;
import dev.loupe.query.metrics.MetricsQueryRow;
import dev.loupe.query.metrics.MetricsRowResult;
import dev.loupe.store.metrics.EmbeddedMetricStore;
import dev.loupe.store.spi.metrics.MetricSample;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loupe bench metrics}: the metrics store and engine on CloudWatch-like data. Generates {@code --series}
 * {@code AWS/ApiGateway} series ({@code ApiName} in 100 values, {@code Resource} per 100 series, values with few
 * distinct mantissas as CloudWatch produces) over {@code --hours} at one point per minute, and measures, in a fresh
 * {@link EmbeddedMetricStore} in a temporary folder:
 *
 * <ul>
 *   <li>ingest: points per second through {@code append}, one batch per minute of data (one WAL fsync per batch),
 *       one thread, chunk flushes included;
 *   <li>storage: bytes of sealed raw chunk files per point;
 *   <li>query: the median time of {@code --runs} executions (after {@code --warmup}) of
 *       {@code Namespace=AWS/ApiGateway metric=Count statistic=Sum | sum by apiname} over the whole generated range.
 * </ul>
 *
 * The generator is seeded, so every run stores the same points.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Measure metric ingest (points/s), bytes per point and a 24-hour 'sum by apiname' query.")
final class MetricsBenchCommand implements Callable<Integer> {
    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;
    static final String QUERY = "Namespace=AWS/ApiGateway metric=Count statistic=Sum | sum by apiname";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--series", defaultValue = "10000", description = "Series generated (default: ${DEFAULT-VALUE}).")
    private int seriesCount;

    @Option(names = "--hours", defaultValue = "24", description = "Hours of data at one point per minute (default: ${DEFAULT-VALUE}).")
    private int hours;

    @Option(names = "--runs", defaultValue = "7", description = "Measured query runs; the median is reported (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--warmup", defaultValue = "2", description = "Query runs before measuring, not reported (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        long end = 20_000 * DAY;
        long start = end - hours * 60 * MINUTE;
        out.printf(Locale.ROOT, "metrics benchmark: %,d series x %,d minutes, one append per minute (%,d points each), %d warm-up + %d measured queries, %d cores%n",
                seriesCount, hours * 60, seriesCount, warmup, runs, Runtime.getRuntime().availableProcessors());
        out.flush();
        Path directory = Files.createTempDirectory("loupe-bench-metrics-");
        try (EmbeddedMetricStore store = EmbeddedMetricStore.open(directory)) {
            CloudWatchSeries generator = new CloudWatchSeries(seriesCount, 11);
            long points = 0;
            long ingestStarted = System.nanoTime();
            for (long time = start; time < end; time += MINUTE) {
                List<MetricSample> batch = generator.minute(time);
                store.append(batch);
                points += batch.size();
            }
            store.flush();
            double ingestSeconds = (System.nanoTime() - ingestStarted) / 1e9;
            out.printf(Locale.ROOT, "ingest: %,d points in %.1f s = %,.0f points/s (durable appends, one thread, flushes included)%n",
                    points, ingestSeconds, points / ingestSeconds);
            EmbeddedMetricStore.StorageStatistics statistics = store.statistics();
            out.printf(Locale.ROOT, "storage: %,d bytes of raw chunks for %,d points = %.3f bytes/point%n",
                    statistics.chunkBytes(), statistics.sealedPointCount(), statistics.bytesPerPoint());
            out.flush();
            MetricsQueryEngine engine = new MetricsQueryEngine(store);
            TimeRange range = new TimeRange(start, end);
            for (int run = 0; run < warmup; run++) {
                out.printf(Locale.ROOT, "  warm-up %d: %.1f ms%n", run + 1, runQuery(engine, range).millis());
                out.flush();
            }
            double[] millis = new double[runs];
            QueryRun last = null;
            for (int run = 0; run < runs; run++) {
                last = runQuery(engine, range);
                millis[run] = last.millis();
                out.printf(Locale.ROOT, "  run %d: %.1f ms%n", run + 1, millis[run]);
                out.flush();
            }
            Arrays.sort(millis);
            MetricsRowResult row = last.result().row("A");
            out.printf(Locale.ROOT, "query: '%s' over %d h, %,d input series -> %d series x %d points (%d ms buckets)%n",
                    QUERY, hours, seriesCount, row.series().size(), row.series().isEmpty() ? 0 : row.series().getFirst().size(),
                    row.quantizationMillis());
            out.printf(Locale.ROOT, "median: %.1f ms%n", millis[runs / 2]);
        } finally {
            TemporaryDirectory.delete(directory);
        }
        return 0;
    }

    private record QueryRun(MetricsQueryResult result, double millis) {}

    private static QueryRun runQuery(MetricsQueryEngine engine, TimeRange range) {
        long started = System.nanoTime();
        MetricsQueryResult result = engine.execute(List.of(new MetricsQueryRow("A", QUERY)), MetricsQueryContext.of(range));
        return new QueryRun(result, (System.nanoTime() - started) / 1e6);
    }

    /**
     * Seeded CloudWatch-like {@code AWS/ApiGateway Count Sum} series: each series has a level; 7 minutes in 10 the
     * value is the level, otherwise the level moved by -2..2 (never below 0), so values repeat as CloudWatch's do.
     */
    static final class CloudWatchSeries {
        private final List<Map<String, String>> tags;
        private final int[] levels;
        private final Random random;

        CloudWatchSeries(int seriesCount, long seed) {
            random = new Random(seed);
            tags = new ArrayList<>(seriesCount);
            levels = new int[seriesCount];
            for (int series = 0; series < seriesCount; series++) {
                tags.add(Map.of("Namespace", "AWS/ApiGateway", "metric", "Count", "Statistic", "Sum", "account", "acct" + series % 4,
                        "region", "us-east-1", "ApiName", "api" + series % 100, "Stage", "prod", "Method", "GET", "Resource", "/r" + series / 100));
                levels[series] = random.nextInt(50);
            }
        }

        /** One sample per series at {@code time}. */
        List<MetricSample> minute(long time) {
            List<MetricSample> batch = new ArrayList<>(tags.size());
            for (int series = 0; series < tags.size(); series++) {
                double value = random.nextInt(10) < 7 ? levels[series] : Math.max(0, levels[series] + random.nextInt(5) - 2);
                batch.add(new MetricSample(tags.get(series), Map.of(), time, value));
            }
            return batch;
        }
    }
}
