package dev.loupe.store.opensearch;

import dev.loupe.core.LogMessage;
import dev.loupe.core.TimeRange;
import dev.loupe.ingest.CloudTrailEventGenerator;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.query.QueryContext;
import dev.loupe.query.metrics.MetricsQueryContext;
import dev.loupe.query.metrics.MetricsQueryEngine;
import dev.loupe.query.metrics.MetricsQueryRow;
import dev.loupe.store.EmbeddedLogStore;
import dev.loupe.store.metrics.EmbeddedMetricStore;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.spi.metrics.MetricSample;
import dev.loupe.store.spi.metrics.MetricStore;
import dev.loupe.testing.CloudWatchData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: the same log and metrics queries on the embedded stores and on the OpenSearch stores (the one node of
 * the test run), median of 5 runs after 1 warm-up, printed; never asserted. Opt-in, figures go to BENCHMARKS.md:
 *
 * <pre>./loupe test -pl store-opensearch -am -Dtest=StoreComparisonBenchmarkTest -Dloupe.bench=true</pre>
 */
@EnabledIfSystemProperty(named = "loupe.bench", matches = "true")
@ExtendWith(OpenSearchNodeExtension.class)
class StoreComparisonBenchmarkTest {
    private static final long DAY = 86_400_000L;
    private static final int MESSAGES = 100_000;
    private static final List<String> LOG_QUERIES = List.of("\"AccessDenied\" | count", "| json \"eventName\" | count by eventName",
            "\"apigateway.amazonaws.com\" | limit 100");
    private static final List<String> METRICS_QUERIES = List.of(
            "Namespace=aws/apigateway metric=Count statistic=Sum | quantize using sum | sum by apiname",
            "Namespace=aws/apigateway metric=Latency statistic=Average apiname=PetStore",
            "Namespace=aws/apigateway metric=Count statistic=Sum | quantize to 1h using sum | sum by apiname");

    @TempDir
    Path directory;

    @Test
    void compareStores(OpenSearchNode node) {
        OpenSearchSettings settings = OpenSearchSettings.of(List.of(node.url())).withIndexPrefix("bench");
        List<LogMessage> messages = new ArrayList<>();
        long end = System.currentTimeMillis() / DAY * DAY;
        CloudTrailEventGenerator generator = new CloudTrailEventGenerator(7, 0.5);
        generator.generate(MESSAGES, end - DAY, end, raw -> messages.add(LogMessage.of(raw, generator.lastEvent().timeMillis(), end)));
        List<MetricSample> samples = CloudWatchData.generate(42);
        try (LogStore embeddedLogs = EmbeddedLogStore.open(directory.resolve("logs"));
                LogStore openSearchLogs = OpenSearchLogStore.open(settings);
                MetricStore embeddedMetrics = EmbeddedMetricStore.open(directory.resolve("metrics"));
                MetricStore openSearchMetrics = OpenSearchMetricStore.open(settings)) {
            for (int from = 0; from < messages.size(); from += 10_000) {
                List<LogMessage> batch = messages.subList(from, Math.min(messages.size(), from + 10_000));
                embeddedLogs.append(batch);
                openSearchLogs.append(batch);
            }
            for (int from = 0; from < samples.size(); from += 20_000) {
                List<MetricSample> batch = samples.subList(from, Math.min(samples.size(), from + 20_000));
                embeddedMetrics.append(batch);
                openSearchMetrics.append(batch);
            }
            System.out.printf(Locale.ROOT, "store comparison: %,d CloudTrail messages over 1 day, %,d metric points (%s)%n", MESSAGES, samples.size(),
                    "CloudWatchData, 8 days");
            QueryContext logContext = new QueryContext(new TimeRange(end - 2 * DAY, end + DAY), ZoneOffset.UTC, false, end);
            for (String query : LOG_QUERIES) {
                report("logs", query, () -> new LogQueryEngine(embeddedLogs).execute(query, logContext),
                        () -> new LogQueryEngine(openSearchLogs).execute(query, logContext));
            }
            for (String query : METRICS_QUERIES) {
                TimeRange range = query.contains("1h") ? new TimeRange(CloudWatchData.START, CloudWatchData.END)
                        : new TimeRange(CloudWatchData.END - DAY, CloudWatchData.END);
                report("metrics", query, () -> new MetricsQueryEngine(embeddedMetrics).execute(List.of(new MetricsQueryRow("A", query)),
                        MetricsQueryContext.of(range)), () -> new MetricsQueryEngine(openSearchMetrics)
                        .execute(List.of(new MetricsQueryRow("A", query)), MetricsQueryContext.of(range)));
            }
        }
    }

    private static void report(String kind, String query, Supplier<?> embedded, Supplier<?> openSearch) {
        System.out.printf(Locale.ROOT, "| %s | `%s` | %.1f ms | %.1f ms |%n", kind, query, median(embedded), median(openSearch));
    }

    private static double median(Supplier<?> run) {
        run.get();
        double[] millis = new double[5];
        for (int index = 0; index < millis.length; index++) {
            long start = System.nanoTime();
            run.get();
            millis[index] = Duration.ofNanos(System.nanoTime() - start).toNanos() / 1e6;
        }
        Arrays.sort(millis);
        return millis[millis.length / 2];
    }
}
