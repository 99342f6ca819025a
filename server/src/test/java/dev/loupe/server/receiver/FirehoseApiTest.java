package dev.loupe.server.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.TimeRange;
import dev.loupe.server.RunningServer;
import dev.loupe.store.spi.metrics.SeriesPoints;
import dev.loupe.store.spi.metrics.SeriesSelector;
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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kinesis Data Firehose endpoint over a real server, in Firehose's exact request and response formats. */
class FirehoseApiTest {
    private static final long NOW = RunningServer.START_MILLIS;

    @TempDir
    Path dataDirectory;
    RunningServer running;

    @BeforeEach
    void start() {
        running = new RunningServer(dataDirectory);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    static String metricStreamRecord(String metricName, long timestampMillis) {
        return "{\"metric_stream_name\":\"apigw\",\"account_id\":\"123456789012\",\"region\":\"us-east-1\","
                + "\"namespace\":\"AWS/ApiGateway\",\"metric_name\":\"" + metricName + "\","
                + "\"dimensions\":{\"ApiName\":\"petstore\",\"Stage\":\"prod\"},\"timestamp\":" + timestampMillis
                + ",\"value\":{\"max\":40.0,\"min\":2.0,\"sum\":50.0,\"count\":4.0},\"unit\":\"Milliseconds\"}\n";
    }

    static String delivery(String requestId, byte[]... records) {
        StringBuilder body = new StringBuilder("{\"requestId\":\"" + requestId + "\",\"timestamp\":" + NOW + ",\"records\":[");
        for (int index = 0; index < records.length; index++) {
            body.append(index == 0 ? "" : ",").append("{\"data\":\"")
                    .append(Base64.getEncoder().encodeToString(records[index])).append("\"}");
        }
        return body.append("]}").toString();
    }

    private HttpRequest.Builder firehose(String path, String requestId) {
        return HttpRequest.newBuilder(running.uri(path)).header("Content-Type", "application/json")
                .header("X-Amz-Firehose-Request-Id", requestId)
                .header("X-Amz-Firehose-Common-Attributes", "{\"commonAttributes\":{\"account\":\"prod-alias\"}}");
    }

    private List<SeriesPoints> series() {
        List<SeriesPoints> series = new ArrayList<>();
        running.metricStore.read(new SeriesSelector.All(), TimeRange.all(), 0, 1000, series::add);
        return series;
    }

    @Test
    void jsonRecords_roundTrip_exactResponseShape() {
        byte[] first = (metricStreamRecord("Latency", NOW - 60_000) + metricStreamRecord("Count", NOW - 60_000))
                .getBytes(StandardCharsets.UTF_8);
        byte[] second = metricStreamRecord("Latency", NOW).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = running.send(firehose("/receiver/v1/firehose/" + running.source.token(), "req-1")
                .POST(HttpRequest.BodyPublishers.ofString(delivery("req-1", first, second))).build());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = RunningServer.json(response);
        assertThat(body.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("requestId", "timestamp");
        assertThat(body.get("requestId").asText()).isEqualTo("req-1");
        assertThat(body.get("timestamp").asLong()).isEqualTo(NOW);
        List<SeriesPoints> series = series();
        assertThat(series).hasSize(10);
        SeriesPoints latencyAverage = series.stream().filter(points -> points.tags().get("metric").equals("Latency")
                && points.tags().get("statistic").equals("Average")).findFirst().orElseThrow();
        assertThat(latencyAverage.timestamps()).containsExactly(NOW - 60_000, NOW);
        assertThat(latencyAverage.values()).containsExactly(12.5, 12.5);
        assertThat(latencyAverage.tags()).containsEntry("apiname", "petstore").containsEntry("Namespace", "AWS/ApiGateway");
        assertThat(latencyAverage.metadata()).containsEntry("account", "prod-alias").containsEntry("unit", "Milliseconds");
    }

    @Test
    void accessKeyHeaderIsAToken_gzipBody_openTelemetryRecords() throws IOException {
        ByteArrayOutputStream otel = new ByteArrayOutputStream();
        otelRequest(NOW * 1_000_000).writeDelimitedTo(otel);
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream output = new GZIPOutputStream(gzipped)) {
            output.write(delivery("req-2", otel.toByteArray()).getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = running.send(firehose("/receiver/v1/firehose", "req-2")
                .header("X-Amz-Firehose-Access-Key", running.source.token()).header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzipped.toByteArray())).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RunningServer.json(response).get("requestId").asText()).isEqualTo("req-2");
        assertThat(series()).hasSize(5).allSatisfy(points -> assertThat(points.tags())
                .containsEntry("metric", "5XXError").containsEntry("ApiName", "petstore").containsEntry("region", "us-east-1"));
    }

    @Test
    void badToken_is401InFirehoseErrorFormat() {
        HttpResponse<String> response = running.send(firehose("/receiver/v1/firehose/wrong", "req-3")
                .header("X-Amz-Firehose-Access-Key", "also-wrong")
                .POST(HttpRequest.BodyPublishers.ofString(delivery("req-3"))).build());
        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode body = RunningServer.json(response);
        assertThat(body.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("requestId", "timestamp", "errorMessage");
        assertThat(body.get("requestId").asText()).isEqualTo("req-3");
        assertThat(body.get("errorMessage").asText()).contains("token");
    }

    @Test
    void badBase64_badJson_are400AndStoreNothing() {
        String good = Base64.getEncoder().encodeToString(metricStreamRecord("Count", NOW).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> badBase64 = running.send(firehose("/receiver/v1/firehose/" + running.source.token(), "req-4")
                .POST(HttpRequest.BodyPublishers.ofString("{\"requestId\":\"req-4\",\"timestamp\":1,\"records\":[{\"data\":\""
                        + good + "\"},{\"data\":\"!!not base64!!\"}]}")).build());
        assertThat(badBase64.statusCode()).isEqualTo(400);
        assertThat(RunningServer.json(badBase64).get("errorMessage").asText()).contains("record 2").contains("base64");
        assertThat(RunningServer.json(badBase64).get("requestId").asText()).isEqualTo("req-4");

        HttpResponse<String> badJson = running.send(firehose("/receiver/v1/firehose/" + running.source.token(), "req-5")
                .POST(HttpRequest.BodyPublishers.ofString("{\"requestId\":")).build());
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(RunningServer.json(badJson).get("errorMessage").asText()).contains("not JSON");
        assertThat(series()).isEmpty();
    }

    @Test
    void badLinesInsideRecords_areCountedInTheRejectedHeader() {
        byte[] record = (metricStreamRecord("Count", NOW) + "{\"broken\n" + metricStreamRecord("Count", NOW - 3 * 86_400_000L))
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = running.send(firehose("/receiver/v1/firehose/" + running.source.token(), "req-6")
                .POST(HttpRequest.BodyPublishers.ofString(delivery("req-6", record))).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(ReceiverController.REJECTED_HEADER)).hasValue("2");
        assertThat(series()).hasSize(5);
    }

    static ExportMetricsServiceRequest otelRequest(long timeUnixNanos) {
        SummaryDataPoint point = SummaryDataPoint.newBuilder()
                .addAttributes(string("Namespace", "AWS/ApiGateway"))
                .addAttributes(string("MetricName", "5XXError"))
                .addAttributes(KeyValue.newBuilder().setKey("Dimensions").setValue(AnyValue.newBuilder()
                        .setKvlistValue(KeyValueList.newBuilder().addValues(string("ApiName", "petstore")))))
                .setTimeUnixNano(timeUnixNanos).setCount(10).setSum(1)
                .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0).setValue(0))
                .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(1).setValue(1))
                .build();
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(string("cloud.account.id", "123456789012"))
                        .addAttributes(string("cloud.region", "us-east-1")))
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder()
                        .setName("amazonaws.com/AWS/ApiGateway/5XXError").setUnit("Count")
                        .setSummary(Summary.newBuilder().addDataPoints(point))))).build();
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }
}
