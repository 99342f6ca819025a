package dev.loupe.ingest.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loupe.ingest.RejectedLine;
import dev.loupe.store.spi.metrics.MetricSample;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MetricStreamDecoderTest {
    private static final long RECEIPT = 1_700_000_000_000L;
    private final MetricStreamDecoder decoder = new MetricStreamDecoder(1 << 20);

    static Path sharedSample() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            Path candidate = directory.resolve("shared/data/apigateway/otel-cwmetricstream/multiple_metrics.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            directory = directory.getParent();
        }
        assumeTrue(false, "shared/data/apigateway not found above " + Path.of("").toAbsolutePath());
        throw new AssertionError("unreachable");
    }

    @Test
    void sharedSample_jsonArray_fiveStatisticsPerDatapoint_recordWithoutValueRejected() throws IOException {
        MetricStreamDecoder.Batch batch = decoder.newBatch(MetricContext.unbounded(RECEIPT));
        try (InputStream input = Files.newInputStream(sharedSample())) {
            batch.addStream(input);
        }
        DecodedMetrics decoded = batch.result();
        assertThat(decoded.rejected()).extracting(RejectedLine::reason)
                .containsExactly("record of AWS/EC2 WithNoValue has no value");
        assertThat(decoded.samples()).hasSize(15);
        Map<String, Double> first = decoded.samples().subList(0, 5).stream().collect(Collectors.toMap(
                sample -> sample.tags().get("statistic"), MetricSample::value));
        assertThat(first).isEqualTo(Map.of("Sum", 20.0, "Average", 20.0 / 3, "SampleCount", 3.0, "Maximum", 18.0,
                "Minimum", 0.0));
        MetricSample sample = decoded.samples().getFirst();
        assertThat(sample.tags()).containsEntry("Namespace", "AWS/EC2").containsEntry("namespace", "AWS/EC2")
                .containsEntry("metric", "DiskWriteOps").containsEntry("account", "1234567890")
                .containsEntry("accountid", "1234567890").containsEntry("region", "us-east-1")
                .containsEntry("InstanceId", "i-123456789012").containsEntry("instanceid", "i-123456789012");
        assertThat(sample.metadata()).containsEntry("unit", "Seconds");
        assertThat(sample.timestampMillis()).isEqualTo(1_611_929_698_000L);
        assertThat(decoded.samples().getLast().metadata()).doesNotContainKey("unit");
    }

    @Test
    void newlineDelimitedJson_apiGatewayAliases_badLinesRejected() {
        String records = String.join("\n",
                apiGatewayRecord("Latency", RECEIPT - 60_000),
                "{not json",
                "{\"namespace\":\"AWS/ApiGateway\",\"value\":{\"sum\":1,\"count\":1}}",
                apiGatewayRecord("Count", RECEIPT - 3 * 86_400_000L)) + "\n";
        MetricStreamDecoder.Batch batch = decoder.newBatch(new MetricContext(Map.of(), Map.of("_sourceCategory", "aws/metrics"),
                RECEIPT, MetricContext.HTTP_SKEW.toMillis()));
        batch.addRecord(records.getBytes(StandardCharsets.UTF_8), 3);
        DecodedMetrics decoded = batch.result();
        assertThat(decoded.samples()).hasSize(5);
        assertThat(decoded.samples().getFirst().tags()).containsEntry("ApiName", "petstore")
                .containsEntry("apiname", "petstore").containsEntry("Stage", "prod").containsEntry("stage", "prod")
                .containsEntry("metric", "Latency");
        assertThat(decoded.samples().getFirst().metadata()).containsEntry("_sourceCategory", "aws/metrics")
                .containsEntry("unit", "Milliseconds");
        assertThat(decoded.rejected()).extracting(RejectedLine::lineNumber).containsExactly(3, 3, 3);
        assertThat(decoded.rejected().get(0).reason()).startsWith("record 3, line 2: not a JSON object");
        assertThat(decoded.rejected().get(1).reason()).isEqualTo("record 3, line 3: record has no metric_name");
        assertThat(decoded.rejected().get(2).reason()).contains("line 4: ").contains("24 h in the past");
    }

    @Test
    void openTelemetry_lengthDelimitedSummaries() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        otelRequest("Latency", RECEIPT * 1_000_000).writeDelimitedTo(body);
        otelRequest("Count", (RECEIPT - 60_000) * 1_000_000).writeDelimitedTo(body);
        MetricStreamDecoder.Batch batch = decoder.newBatch(new MetricContext(Map.of(), Map.of(), RECEIPT,
                MetricContext.HTTP_SKEW.toMillis()));
        batch.addRecord(body.toByteArray(), 1);
        DecodedMetrics decoded = batch.result();
        assertThat(decoded.rejected()).isEmpty();
        assertThat(decoded.samples()).hasSize(10);
        MetricSample average = decoded.samples().stream()
                .filter(sample -> sample.tags().get("statistic").equals("Average")).findFirst().orElseThrow();
        assertThat(average.value()).isEqualTo(12.5);
        assertThat(average.timestampMillis()).isEqualTo(RECEIPT);
        assertThat(average.tags()).containsEntry("Namespace", "AWS/ApiGateway").containsEntry("metric", "Latency")
                .containsEntry("account", "123456789012").containsEntry("region", "us-east-1")
                .containsEntry("ApiName", "petstore").containsEntry("apiname", "petstore");
        assertThat(average.metadata()).containsEntry("unit", "Milliseconds");
        assertThat(decoded.samples()).filteredOn(sample -> sample.tags().get("statistic").equals("Minimum"))
                .extracting(MetricSample::value).containsExactly(2.0, 2.0);
    }

    @Test
    void openTelemetry_garbageRejected() {
        MetricStreamDecoder.Batch batch = decoder.newBatch(MetricContext.unbounded(RECEIPT));
        batch.addRecord(new byte[] {0x7f, 0x01, 0x02}, 2);
        assertThat(batch.result().samples()).isEmpty();
        assertThat(batch.result().rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.lineNumber()).isEqualTo(2);
            assertThat(rejected.reason()).contains("ExportMetricsServiceRequest");
        });
    }

    static String apiGatewayRecord(String metricName, long timestampMillis) {
        return "{\"metric_stream_name\":\"apigw\",\"account_id\":\"123456789012\",\"region\":\"us-east-1\","
                + "\"namespace\":\"AWS/ApiGateway\",\"metric_name\":\"" + metricName + "\","
                + "\"dimensions\":{\"ApiName\":\"petstore\",\"Stage\":\"prod\"},\"timestamp\":" + timestampMillis
                + ",\"value\":{\"max\":40.0,\"min\":2.0,\"sum\":50.0,\"count\":4.0},\"unit\":\"Milliseconds\"}";
    }

    static ExportMetricsServiceRequest otelRequest(String metricName, long timeUnixNanos) {
        SummaryDataPoint point = SummaryDataPoint.newBuilder()
                .addAttributes(string("Namespace", "AWS/ApiGateway"))
                .addAttributes(string("MetricName", metricName))
                .addAttributes(KeyValue.newBuilder().setKey("Dimensions").setValue(AnyValue.newBuilder()
                        .setKvlistValue(KeyValueList.newBuilder().addValues(string("ApiName", "petstore")))))
                .setTimeUnixNano(timeUnixNanos).setCount(4).setSum(50)
                .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0).setValue(2))
                .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(1).setValue(40))
                .build();
        Metric metric = Metric.newBuilder().setName("amazonaws.com/AWS/ApiGateway/" + metricName)
                .setUnit("Milliseconds").setSummary(Summary.newBuilder().addDataPoints(point)).build();
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAllAttributes(List.of(string("cloud.provider", "aws"),
                        string("cloud.account.id", "123456789012"), string("cloud.region", "us-east-1"))))
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(metric))).build();
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
