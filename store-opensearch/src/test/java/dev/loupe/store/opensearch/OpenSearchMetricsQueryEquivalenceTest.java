package dev.loupe.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.TimeRange;
import dev.loupe.query.metrics.MetricSeries;
import dev.loupe.query.metrics.MetricsQueryContext;
import dev.loupe.query.metrics.MetricsQueryEngine;
import dev.loupe.query.metrics.MetricsQueryRow;
import dev.loupe.query.metrics.MetricsRowResult;
import dev.loupe.store.metrics.EmbeddedMetricStore;
import dev.loupe.store.spi.metrics.MetricSample;
import dev.loupe.store.spi.metrics.MetricStore;
import dev.loupe.testing.AppMetricsQueries;
import dev.loupe.testing.CloudWatchData;
import dev.loupe.testing.InMemoryMetricStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics query language answers identically over the reference store, the embedded store and the OpenSearch
 * store: every metrics query of the AWS API Gateway app (37, over the last day of CloudWatch-like data, 5-minute
 * quantization: raw points, and quantized reads pushed down as averages per bucket) and queries at hourly
 * quantization over two days (read from rollups: on OpenSearch a composite aggregation), with rates,
 * rankings and row expressions. Results are compared whole: series, dimensions, timestamps, values (to 12
 * significant digits: averages from rollups and from raw points may differ in the last bit), unit.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class OpenSearchMetricsQueryEquivalenceTest {
    private static final long DAY = CloudWatchData.DAY;
    private static final MathContext TWELVE_DIGITS = new MathContext(12);
    private static final TimeRange LAST_DAY = new TimeRange(CloudWatchData.END - DAY, CloudWatchData.END);
    private static final TimeRange LAST_TWO_DAYS = new TimeRange(CloudWatchData.END - 2 * DAY, CloudWatchData.END);
    private static final List<String> HOURLY_QUERIES = List.of(
            "Namespace=aws/apigateway metric=Count statistic=Sum | quantize to 1h using sum | sum by apiname",
            "Namespace=aws/apigateway metric=Latency statistic=Average | quantize to 1h | avg by apiname, account",
            "Namespace=aws/apigateway metric=Latency statistic=Maximum | quantize to 1h using max | max by stage",
            "Namespace=aws/apigateway metric=5XXError | quantize to 2h using min | min by statistic",
            "Namespace=aws/apigateway metric=Count statistic=Sum | quantize to 1h using count | count by apiname",
            "metric=IntegrationLatency statistic=Average apiname=PetStore | quantize to 1h",
            "metric=Count statistic=Sum | quantize to 1h using sum | topk(3, sum)",
            "metric=CacheHitCount statistic=Sum | quantize to 1h using rate | sum by account");

    private static InMemoryMetricStore reference;
    private static EmbeddedMetricStore embedded;
    private static OpenSearchMetricStore openSearch;

    @BeforeAll
    static void load(OpenSearchNode node, @TempDir Path directory) {
        List<MetricSample> samples = new ArrayList<>();
        for (MetricSample sample : CloudWatchData.generate(42)) {
            if (sample.timestampMillis() >= CloudWatchData.END - 2 * DAY) {
                samples.add(sample);
            }
        }
        reference = new InMemoryMetricStore();
        reference.append(samples);
        embedded = EmbeddedMetricStore.open(directory);
        embedded.append(samples);
        openSearch = OpenSearchMetricStore.open(OpenSearchSettings.of(List.of(node.url())).withIndexPrefix("metrics-queries")
                .withRefreshInterval(Duration.ofMillis(200)));
        for (int from = 0; from < samples.size(); from += 20_000) {
            openSearch.append(samples.subList(from, Math.min(samples.size(), from + 20_000)));
        }
    }

    @AfterAll
    static void close() {
        if (embedded != null) {
            embedded.close();
        }
        if (openSearch != null) {
            openSearch.close();
        }
    }

    @Test
    void appQueriesAnswerIdenticallyOnEveryStore() throws IOException {
        List<String> queries = AppMetricsQueries.of(AppMetricsQueries.APP);
        assertThat(queries).hasSize(37);
        for (String query : queries) {
            assertSameEverywhere(query, LAST_DAY);
        }
    }

    @Test
    void hourlyQueriesFromRollupsAnswerIdenticallyOnEveryStore() {
        for (String query : HOURLY_QUERIES) {
            assertSameEverywhere(query, LAST_TWO_DAYS);
        }
    }

    @Test
    void rowExpressionsAnswerIdenticallyOnEveryStore() {
        List<MetricsQueryRow> rows = List.of(new MetricsQueryRow("A", "metric=5XXError statistic=Sum | sum by apiname"),
                new MetricsQueryRow("B", "metric=Count statistic=Sum | sum by apiname"),
                new MetricsQueryRow("C", "#A / #B * 100 along apiname"));
        List<String> expected = render(new MetricsQueryEngine(reference).execute(rows, MetricsQueryContext.of(LAST_DAY)).rows());
        assertThat(expected).isNotEmpty();
        for (MetricStore store : List.of(embedded, openSearch)) {
            assertThat(render(new MetricsQueryEngine(store).execute(rows, MetricsQueryContext.of(LAST_DAY)).rows())).isEqualTo(expected);
        }
    }

    private static void assertSameEverywhere(String query, TimeRange range) {
        List<String> expected = run(reference, query, range);
        assertThat(expected).as(query).isNotEmpty();
        assertThat(run(embedded, query, range)).as("embedded: " + query).isEqualTo(expected);
        assertThat(run(openSearch, query, range)).as("OpenSearch: " + query).isEqualTo(expected);
    }

    private static List<String> run(MetricStore store, String query, TimeRange range) {
        return render(new MetricsQueryEngine(store).execute(List.of(new MetricsQueryRow("A", query)), MetricsQueryContext.of(range)).rows());
    }

    private static List<String> render(List<MetricsRowResult> rows) {
        List<String> lines = new ArrayList<>();
        for (MetricsRowResult row : rows) {
            lines.add(row.rowId() + " " + row.quantizationMillis() + " " + row.rollup() + " " + row.timeshiftMillis() + " " + row.unit());
            for (MetricSeries series : row.series()) {
                StringBuilder values = new StringBuilder();
                for (double value : series.values()) {
                    values.append(' ').append(Double.isFinite(value) ? new BigDecimal(value).round(TWELVE_DIGITS).stripTrailingZeros().toPlainString() : String.valueOf(value));
                }
                lines.add(new TreeMap<>(series.dimensions()) + " " + Arrays.toString(series.timestamps()) + values);
            }
        }
        return lines;
    }
}
