package dev.loupe.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.TimeRange;
import dev.loupe.store.spi.metrics.MetricSample;
import dev.loupe.testing.AppMetricsQueries;
import dev.loupe.testing.CloudWatchData;
import dev.loupe.testing.InMemoryMetricStore;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every metrics query of the AWS API Gateway app parses, checks and runs on CloudWatch-like data, and the key
 * panels equal answers computed here directly from the samples.
 */
class AppMetricsQueriesTest {
    private static final TimeRange LAST_DAY = new TimeRange(CloudWatchData.END - CloudWatchData.DAY, CloudWatchData.END);
    private static final long FIVE_MINUTES = 5 * CloudWatchData.MINUTE;

    private static List<MetricSample> samples;
    private static InMemoryMetricStore store;
    private static MetricsQueryEngine engine;

    @BeforeAll
    static void load() {
        samples = CloudWatchData.generate(42);
        store = new InMemoryMetricStore();
        store.append(samples);
        engine = new MetricsQueryEngine(store);
    }

    @Test
    void everyAppMetricsQueryParsesChecksAndRuns() throws IOException {
        List<String> queries = AppMetricsQueries.of(AppMetricsQueries.APP);
        assertThat(queries).hasSize(37);
        for (String query : queries) {
            engine.check(query);
            MetricsQueryResult result = engine.execute(List.of(new MetricsQueryRow("A", query)), MetricsQueryContext.of(LAST_DAY));
            assertThat(result.row("A").series()).as(query).isNotEmpty();
            assertThat(result.row("A").quantizationMillis()).isEqualTo(FIVE_MINUTES);
        }
    }

    @Test
    void sumByApinameOfCountEqualsIndependentSums() {
        MetricsRowResult row = run("Namespace=aws/apigateway metric=count Statistic=sum account=* region=* apiname=*"
                + " | quantize using sum | sum by apiname", 0);
        assertThat(row.rollup()).isEqualTo(Rollup.SUM);
        assertSeries(row, expectedSums(LAST_DAY.fromMillis(), LAST_DAY.toMillis(), 0));
    }

    @Test
    void timeshiftShowsTheDayBefore() {
        MetricsRowResult row = run("Namespace=aws/apigateway metric=count Statistic=sum apiname=*"
                + " | quantize using sum | sum by apiname | timeshift 1d", 0);
        assertThat(row.timeshiftMillis()).isEqualTo(CloudWatchData.DAY);
        assertSeries(row, expectedSums(LAST_DAY.fromMillis() - CloudWatchData.DAY, LAST_DAY.toMillis() - CloudWatchData.DAY, CloudWatchData.DAY));
    }

    @Test
    void apiTimeshiftParameterEqualsTheOperator() {
        MetricsQueryRow row = new MetricsQueryRow("A", "Namespace=aws/apigateway metric=count Statistic=sum | quantize using sum | sum by apiname",
                0, null, -CloudWatchData.DAY);
        MetricsRowResult result = engine.execute(List.of(row), MetricsQueryContext.of(LAST_DAY)).row("A");
        assertSeries(result, expectedSums(LAST_DAY.fromMillis() - CloudWatchData.DAY, LAST_DAY.toMillis() - CloudWatchData.DAY, CloudWatchData.DAY));
    }

    @Test
    void evalTimesHundredOfAverageCacheHits() {
        MetricsRowResult row = run("Namespace=aws/apigateway metric=CacheHitCount statistic=Average apiname=*"
                + " | avg by apiname | eval _value * 100", 0);
        Map<String, TreeMap<Long, double[]>> perApi = new TreeMap<>();
        Map<Map<String, String>, TreeMap<Long, double[]>> perSeries = new HashMap<>();
        for (MetricSample sample : samples) {
            if (sample.tags().get("metric").equals("CacheHitCount") && sample.tags().get("Statistic").equals("Average")
                    && LAST_DAY.contains(sample.timestampMillis())) {
                double[] bucket = perSeries.computeIfAbsent(sample.tags(), ignored -> new TreeMap<>())
                        .computeIfAbsent(sample.timestampMillis() / FIVE_MINUTES * FIVE_MINUTES, ignored -> new double[2]);
                bucket[0] += sample.value();
                bucket[1]++;
            }
        }
        for (Map.Entry<Map<String, String>, TreeMap<Long, double[]>> series : perSeries.entrySet()) {
            String api = series.getKey().get("ApiName");
            for (Map.Entry<Long, double[]> bucket : series.getValue().entrySet()) {
                double[] across = perApi.computeIfAbsent(api, ignored -> new TreeMap<>()).computeIfAbsent(bucket.getKey(), ignored -> new double[2]);
                across[0] += bucket.getValue()[0] / bucket.getValue()[1];
                across[1]++;
            }
        }
        Map<String, TreeMap<Long, Double>> expected = new TreeMap<>();
        perApi.forEach((api, buckets) -> buckets.forEach((time, sum) ->
                expected.computeIfAbsent(api, ignored -> new TreeMap<>()).put(time, sum[0] / sum[1] * 100)));
        assertSeries(row, expected);
    }

    @Test
    void countOfSeriesAfterSumByMethod() {
        MetricsRowResult row = run("Namespace=aws/apigateway metric=count statistic=Sum apiname=* stage=* method=* resource=*"
                + " | quantize using sum | sum by apiname, namespace, region, account, method | count", 0);
        TreeMap<Long, java.util.Set<String>> groups = new TreeMap<>();
        for (MetricSample sample : samples) {
            Map<String, String> tags = sample.tags();
            if (tags.get("metric").equals("Count") && tags.get("Statistic").equals("Sum") && tags.containsKey("Stage")
                    && LAST_DAY.contains(sample.timestampMillis())) {
                groups.computeIfAbsent(sample.timestampMillis() / FIVE_MINUTES * FIVE_MINUTES, ignored -> new java.util.HashSet<>())
                        .add(tags.get("ApiName") + "|" + tags.get("account") + "|" + tags.get("Method"));
            }
        }
        TreeMap<Long, Double> counts = new TreeMap<>();
        groups.forEach((time, set) -> counts.put(time, (double) set.size()));
        assertThat(row.series()).hasSize(1);
        assertThat(row.series().getFirst().dimensions()).isEmpty();
        assertPoints(row.series().getFirst(), counts);
    }

    private static MetricsRowResult run(String query, long timeshift) {
        return engine.execute(List.of(new MetricsQueryRow("A", query, 0, null, timeshift)), MetricsQueryContext.of(LAST_DAY)).row("A");
    }

    /** Count Sum per apiname (as written in the data) per 5-minute bucket of {@code [from, to)}, timestamps moved by {@code shift}. */
    private static Map<String, TreeMap<Long, Double>> expectedSums(long from, long to, long shift) {
        Map<String, TreeMap<Long, Double>> expected = new TreeMap<>();
        for (MetricSample sample : samples) {
            Map<String, String> tags = sample.tags();
            if (tags.get("metric").equals("Count") && tags.get("Statistic").equals("Sum")
                    && sample.timestampMillis() >= from && sample.timestampMillis() < to) {
                expected.computeIfAbsent(tags.get("ApiName"), ignored -> new TreeMap<>())
                        .merge(sample.timestampMillis() / FIVE_MINUTES * FIVE_MINUTES + shift, sample.value(), Double::sum);
            }
        }
        return expected;
    }

    private static void assertSeries(MetricsRowResult row, Map<String, TreeMap<Long, Double>> expected) {
        assertThat(row.series()).hasSize(expected.size());
        for (MetricSeries series : row.series()) {
            assertThat(series.dimensions()).containsOnlyKeys("apiname");
            assertPoints(series, expected.get(series.dimension("APINAME")));
        }
    }

    private static void assertPoints(MetricSeries series, TreeMap<Long, Double> expected) {
        assertThat(expected).isNotNull();
        assertThat(series.timestamps()).containsExactly(expected.keySet().stream().mapToLong(Long::longValue).toArray());
        double[] values = expected.values().stream().mapToDouble(Double::doubleValue).toArray();
        for (int index = 0; index < values.length; index++) {
            assertThat(series.values()[index]).as("point %d of %s", index, series.dimensions().toString().toLowerCase(Locale.ROOT))
                    .isCloseTo(values[index], org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(values[index]))));
        }
    }
}
