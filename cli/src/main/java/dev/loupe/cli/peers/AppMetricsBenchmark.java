package dev.loupe.cli.peers;

import dev.loupe.core.TimeRange;
import dev.loupe.ingest.metrics.CloudWatchDatapoint;
import dev.loupe.ingest.metrics.MetricContext;
import dev.loupe.query.metrics.MetricsQueryContext;
import dev.loupe.query.metrics.MetricsQueryEngine;
import dev.loupe.query.metrics.MetricsQueryRow;
import dev.loupe.query.metrics.MetricsRowResult;
import dev.loupe.store.spi.metrics.MetricSample;
import dev.loupe.store.spi.metrics.MetricStore;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The 30 metrics queries of the AWS API Gateway app ({@link Workload#appMetricsQueries()}) over 24 hours of
 * CloudWatch {@code AWS/ApiGateway} data at one point per minute: {@value #APIS} APIs in four accounts, each with
 * its {@code {ApiName}} datapoints and {@value #ROUTES} detailed {@code {ApiName,Method,Resource,Stage}} routes,
 * seven metrics each ({@code Count}, {@code 4XXError}, {@code 5XXError}, {@code Latency},
 * {@code IntegrationLatency}, {@code CacheHitCount}, {@code CacheMissCount}), every datapoint turned into its five
 * statistic series by {@link CloudWatchDatapoint#samples} exactly as a Firehose delivery is: 9,800 series. Seeded.
 * There is no peer here: the figures are Loupe's alone, against the goal of 100 ms for the 24-hour
 * {@code sum by apiname}.
 */
public final class AppMetricsBenchmark {
    static final int APIS = 40;
    static final int ROUTES = 6;
    private static final long MINUTE = 60_000L;
    private static final String[] METRICS = {"Count", "4XXError", "5XXError", "Latency", "IntegrationLatency",
        "CacheHitCount", "CacheMissCount"};
    private static final String[] METHODS = {"GET", "POST", "PUT"};

    /** One query's result: how many series it returned and its median wall and CPU times. */
    public record QueryTiming(String query, int series, double medianMillis, double medianCpuMillis) {}

    /** Everything the metrics part measured. */
    public record Report(long series, long points, double ingestSeconds, List<QueryTiming> queries) {}

    private record SeriesSet(String account, String region, Map<String, String> dimensions, int level) {}

    private AppMetricsBenchmark() {}

    /** Writes the data into {@code store} (one append per minute) and times every app metrics query over it. */
    public static Report run(MetricStore store, TimeRange day, int warmup, int runs, PrintWriter out) {
        List<SeriesSet> sets = seriesSets();
        SplittableRandom random = new SplittableRandom(17);
        long points = 0;
        long started = System.nanoTime();
        for (long time = day.fromMillis(); time < day.toMillis(); time += MINUTE) {
            List<MetricSample> batch = new ArrayList<>(sets.size() * METRICS.length * 5);
            MetricContext context = MetricContext.unbounded(time);
            for (SeriesSet set : sets) {
                for (String metric : METRICS) {
                    batch.addAll(datapoint(set, metric, time, random).samples(context));
                }
            }
            store.append(batch);
            points += batch.size();
        }
        double ingestSeconds = (System.nanoTime() - started) / 1e9;
        long series = points / ((day.toMillis() - day.fromMillis()) / MINUTE);
        out.printf(Locale.ROOT, "metrics: %,d series, %,d points written in %.1f s%n", series, points, ingestSeconds);
        out.flush();
        MetricsQueryEngine engine = new MetricsQueryEngine(store);
        List<QueryTiming> timings = new ArrayList<>();
        com.sun.management.OperatingSystemMXBean process =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (String query : Workload.appMetricsQueries()) {
            double[] wall = new double[runs];
            double[] cpu = new double[runs];
            int seriesOut = 0;
            for (int run = -warmup; run < runs; run++) {
                long cpuStarted = process.getProcessCpuTime();
                long wallStarted = System.nanoTime();
                MetricsRowResult row = engine.execute(List.of(new MetricsQueryRow("A", query)),
                        MetricsQueryContext.of(day)).row("A");
                if (run >= 0) {
                    wall[run] = (System.nanoTime() - wallStarted) / 1e6;
                    cpu[run] = (process.getProcessCpuTime() - cpuStarted) / 1e6;
                }
                seriesOut = row.series().size();
            }
            QueryTiming timing = new QueryTiming(query, seriesOut, median(wall), median(cpu));
            timings.add(timing);
            out.printf(Locale.ROOT, "  %6.1f ms, CPU %6.1f ms, %4d series  %s%n", timing.medianMillis(),
                    timing.medianCpuMillis(), seriesOut, query);
            out.flush();
        }
        return new Report(series, points, ingestSeconds, timings);
    }

    /** The report as Markdown. */
    public static String markdown(Report report) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Metrics: the app's %d metrics queries over 24 h of %,d series (%,d points; written in %.1f s through "
                        + "`append`, one batch per minute). Median wall and process CPU time; series returned. The "
                        + "`timeshift 1d`/`7d` queries look at days the data set does not cover, so they return no "
                        + "series.%n%n| query | series | wall | CPU |%n|---|---|---|---|%n",
                report.queries().size(), report.series(), report.points(), report.ingestSeconds()));
        for (QueryTiming timing : report.queries()) {
            text.append("| `").append(timing.query().replace("|", "\\|")).append("` | ").append(timing.series())
                    .append(String.format(Locale.ROOT, " | %.1f ms | %.1f ms |%n", timing.medianMillis(),
                            timing.medianCpuMillis()));
        }
        return text.toString();
    }

    private static List<SeriesSet> seriesSets() {
        SplittableRandom random = new SplittableRandom(5);
        List<SeriesSet> sets = new ArrayList<>();
        for (int api = 0; api < APIS; api++) {
            String account = "10000000000" + api % 4;
            String region = api % 3 == 0 ? "eu-west-1" : "us-east-1";
            String name = "api-" + api;
            sets.add(new SeriesSet(account, region, Map.of("ApiName", name), 200 + random.nextInt(800)));
            for (int route = 0; route < ROUTES; route++) {
                sets.add(new SeriesSet(account, region, Map.of("ApiName", name, "Stage", "prod",
                        "Method", METHODS[route % METHODS.length], "Resource", "/resource" + route / METHODS.length),
                        20 + random.nextInt(200)));
            }
        }
        return sets;
    }

    /* A minute's datapoint: request counts near the set's level, few errors, latencies in milliseconds. */
    private static CloudWatchDatapoint datapoint(SeriesSet set, String metric, long time, SplittableRandom random) {
        int requests = Math.max(1, set.level() + random.nextInt(21) - 10);
        double sum;
        double max;
        double min;
        switch (metric) {
            case "Count" -> {
                sum = requests;
                max = 1;
                min = 1;
            }
            case "4XXError", "5XXError" -> {
                sum = random.nextInt(metric.startsWith("4") ? 20 : 4) == 0 ? 1 + random.nextInt(3) : 0;
                max = sum > 0 ? 1 : 0;
                min = 0;
            }
            case "Latency", "IntegrationLatency" -> {
                int base = metric.equals("Latency") ? 120 : 90;
                min = base / 2;
                max = base * 4;
                sum = (double) requests * (base + random.nextInt(40));
            }
            default -> {
                sum = metric.equals("CacheHitCount") ? requests * 3 / 4 : requests / 4;
                max = 1;
                min = 0;
            }
        }
        return new CloudWatchDatapoint("AWS/ApiGateway", metric, set.account(), set.region(), set.dimensions(), time,
                min, max, sum, requests, metric.contains("Latency") ? "Milliseconds" : "Count");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
