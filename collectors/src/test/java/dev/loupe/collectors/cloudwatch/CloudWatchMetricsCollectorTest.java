package dev.loupe.collectors.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.collectors.AwsConnection;
import dev.loupe.collectors.CollectorConfig;
import dev.loupe.core.TimeRange;
import dev.loupe.ingest.metrics.MetricContext;
import dev.loupe.ingest.metrics.MetricStreamDecoder;
import dev.loupe.store.spi.metrics.MetricSample;
import dev.loupe.store.spi.metrics.MetricStore;
import dev.loupe.store.spi.metrics.SeriesPoints;
import dev.loupe.store.spi.metrics.SeriesSelector;
import dev.loupe.testing.InMemoryMetricStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CloudWatch collector against recorded {@code ListMetrics}/{@code GetMetricData} responses on loopback. */
class CloudWatchMetricsCollectorTest {
    private static final Instant NOW = Instant.parse("2024-07-30T12:10:30Z");
    private static final long T1205 = Instant.parse("2024-07-30T12:05:00Z").toEpochMilli();
    private static final long T1206 = Instant.parse("2024-07-30T12:06:00Z").toEpochMilli();

    @TempDir
    Path data;

    private CloudWatchReplayServer server;
    private RecordingStore store;

    @BeforeEach
    void start() throws IOException {
        server = new CloudWatchReplayServer();
        store = new RecordingStore();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void poll_storesEveryStatisticOfEverySeries_withTheFirehoseTags() throws IOException {
        try (CloudWatchMetricsCollector collector = collector(NOW)) {
            assertThat(collector.poll()).isEqualTo(25);
            assertThat(collector.lastEndMillis()).isEqualTo(Instant.parse("2024-07-30T12:08:00Z").toEpochMilli());
        }

        List<CloudWatchReplayServer.Request> listed = server.requests("ListMetrics");
        assertThat(listed).hasSize(1);
        assertThat(listed.getFirst().body().path("Namespace").asText()).isEqualTo("AWS/ApiGateway");
        assertThat(listed.getFirst().body().path("RecentlyActive").asText()).isEqualTo("PT3H");
        List<CloudWatchReplayServer.Request> pages = server.requests("GetMetricData");
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).body().path("StartTime").asDouble()).isEqualTo(
                Instant.parse("2024-07-30T12:03:00Z").getEpochSecond());
        assertThat(pages.get(0).body().path("EndTime").asDouble()).isEqualTo(
                Instant.parse("2024-07-30T12:08:00Z").getEpochSecond());
        assertThat(pages.get(0).body().path("MetricDataQueries")).hasSize(16);
        assertThat(pages.get(0).body().path("MetricDataQueries").get(5).path("Id").asText()).isEqualTo("m1_samplecount");
        assertThat(pages.get(0).body().path("MetricDataQueries").get(5).path("MetricStat").path("Period").asInt())
                .isEqualTo(60);
        assertThat(pages.get(1).body().path("NextToken").asText()).isEqualTo("page-2");

        assertThat(value("Count", "Sum", Map.of("Stage", "prod"), T1205)).isEqualTo(10.0);
        assertThat(value("Count", "Sum", Map.of(), T1206)).isEqualTo(30.0);
        assertThat(value("Count", "Average", Map.of(), T1206)).isEqualTo(1.0);
        assertThat(value("Latency", "Average", Map.of("Method", "GET", "Stage", "prod"), T1205)).isEqualTo(125.0);
        assertThat(value("Latency", "Average", Map.of("Method", "GET", "Stage", "prod"), T1206)).isEqualTo(150.0);
        assertThat(value("Latency", "Maximum", Map.of("Method", "GET", "Stage", "prod"), T1206)).isEqualTo(300.0);
        assertThat(value("Latency", "Minimum", Map.of("Method", "GET", "Stage", "prod"), T1205)).isEqualTo(50.0);
        assertThat(value("Latency", "SampleCount", Map.of("Method", "GET", "Stage", "prod"), T1206)).isEqualTo(6.0);
        assertThat(store.samples).noneMatch(sample -> sample.tags().get("metric").equals("5XXError")
                || sample.tags().get("metric").equals("DataProcessed"));

        MetricSample latency = sample("Latency", "Average", Map.of("Method", "GET", "Stage", "prod"), T1205);
        assertThat(latency.tags()).containsEntry("Namespace", "AWS/ApiGateway").containsEntry("namespace", "AWS/ApiGateway")
                .containsEntry("apiname", "PetStore").containsEntry("ApiName", "PetStore")
                .containsEntry("stage", "prod").containsEntry("resource", "/pets").containsEntry("method", "GET")
                .containsEntry("region", "us-east-1").containsEntry("account", "123456789012")
                .containsEntry("accountid", "123456789012");
        assertThat(latency.metadata()).containsEntry("_sourceCategory", "aws/apigateway/metrics")
                .containsEntry("_source", "apigw");
        assertThat(latency.tags()).isEqualTo(firehoseTags());
    }

    @Test
    void poll_afterRestart_resumesAtTheCheckpointMinusTheOverlap_andReplacesPoints() throws IOException {
        try (CloudWatchMetricsCollector collector = collector(NOW)) {
            collector.poll();
        }
        int series = store.delegate.seriesCount();
        try (CloudWatchMetricsCollector restarted = collector(NOW.plusSeconds(120))) {
            assertThat(restarted.lastEndMillis()).isEqualTo(Instant.parse("2024-07-30T12:08:00Z").toEpochMilli());
            restarted.poll();
        }
        CloudWatchReplayServer.Request again = server.requests("GetMetricData").get(2);
        assertThat(again.body().path("StartTime").asDouble()).isEqualTo(
                Instant.parse("2024-07-30T12:03:00Z").getEpochSecond());
        assertThat(again.body().path("EndTime").asDouble()).isEqualTo(
                Instant.parse("2024-07-30T12:10:00Z").getEpochSecond());
        assertThat(store.delegate.seriesCount()).isEqualTo(series).isEqualTo(15);
        List<SeriesPoints> latency = new ArrayList<>();
        store.read(new SeriesSelector.And(List.of(new SeriesSelector.TagMatch("metric", "Latency"),
                new SeriesSelector.TagMatch("statistic", "Average"))), new TimeRange(0, Long.MAX_VALUE), 1, 100,
                latency::add);
        assertThat(latency).hasSize(1);
        assertThat(latency.getFirst().values()).containsExactly(125.0, 150.0);
        assertThat(Files.readString(data.resolve("apigw.checkpoint.json"))).contains("2024-07-30T12:10:00Z");
    }

    @Test
    void poll_beforeAPeriodHasPassed_readsNothing() throws IOException {
        try (CloudWatchMetricsCollector collector = collector(NOW)) {
            collector.poll();
        }
        try (CloudWatchMetricsCollector restarted = collector(NOW.plusSeconds(10))) {
            assertThat(restarted.poll()).isEqualTo(25);
        }
        assertThat(server.requests("GetMetricData").get(2).body().path("EndTime").asDouble()).isEqualTo(
                Instant.parse("2024-07-30T12:08:00Z").getEpochSecond());
    }

    /** The tags the Firehose receiver gives the same datapoint, decoded from a Metric Streams JSON line. */
    private static Map<String, String> firehoseTags() throws IOException {
        String line = "{\"metric_stream_name\":\"s\",\"account_id\":\"123456789012\",\"region\":\"us-east-1\","
                + "\"namespace\":\"AWS/ApiGateway\",\"metric_name\":\"Latency\",\"dimensions\":{\"ApiName\":\"PetStore\","
                + "\"Method\":\"GET\",\"Resource\":\"/pets\",\"Stage\":\"prod\"},\"timestamp\":" + T1205
                + ",\"value\":{\"max\":200.0,\"min\":50.0,\"sum\":500.0,\"count\":4.0},\"unit\":\"Milliseconds\"}\n";
        MetricStreamDecoder.Batch batch = new MetricStreamDecoder(1 << 20).newBatch(MetricContext.unbounded(T1205));
        batch.addStream(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)));
        return batch.result().samples().stream().filter(sample -> sample.tags().get("statistic").equals("Average"))
                .findFirst().orElseThrow().tags();
    }

    private CloudWatchMetricsCollector collector(Instant now) {
        CollectorConfig.CloudWatchMetrics config = new CollectorConfig.CloudWatchMetrics("apigw",
                new AwsConnection(server.endpoint(), "us-east-1", "test-key", "test-secret"), "123456789012",
                "AWS/ApiGateway", CollectorConfig.CloudWatchMetrics.API_GATEWAY_METRICS, Duration.ofMinutes(1),
                Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), "aws/apigateway/metrics",
                Map.of());
        return new CloudWatchMetricsCollector(config, config.connection().cloudWatchClient(), store, data,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private double value(String metric, String statistic, Map<String, String> tags, long timestamp) {
        return sample(metric, statistic, tags, timestamp).value();
    }

    private MetricSample sample(String metric, String statistic, Map<String, String> tags, long timestamp) {
        Set<MetricSample> matching = new HashSet<>();
        for (MetricSample sample : store.samples) {
            boolean sameLevel = sample.tags().containsKey("Stage") == tags.containsKey("Stage")
                    && sample.tags().containsKey("Method") == tags.containsKey("Method");
            if (sample.tags().get("metric").equals(metric) && sample.tags().get("statistic").equals(statistic)
                    && sample.timestampMillis() == timestamp && sameLevel
                    && sample.tags().entrySet().containsAll(tags.entrySet())) {
                matching.add(sample);
            }
        }
        assertThat(matching).as(metric + " " + statistic + " " + tags).hasSize(1);
        return matching.iterator().next();
    }

    /** The reference in-memory store, keeping every appended sample for inspection. */
    private static final class RecordingStore implements MetricStore {
        private final InMemoryMetricStore delegate = new InMemoryMetricStore();
        private final List<MetricSample> samples = new ArrayList<>();

        @Override
        public void append(List<MetricSample> appended) {
            samples.addAll(appended);
            delegate.append(appended);
        }

        @Override
        public void read(SeriesSelector selector, TimeRange range, long resolutionMillis, int seriesLimit,
                Consumer<SeriesPoints> consumer) {
            delegate.read(selector, range, resolutionMillis, seriesLimit, consumer);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
