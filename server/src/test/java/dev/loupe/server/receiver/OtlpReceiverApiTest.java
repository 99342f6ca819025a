package dev.loupe.server.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.loupe.core.LogMessage;
import dev.loupe.core.TimeRange;
import dev.loupe.server.RunningServer;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.ScanOrder;
import dev.loupe.store.spi.TimeField;
import dev.loupe.store.spi.metrics.SeriesPoints;
import dev.loupe.store.spi.metrics.SeriesSelector;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OTLP/HTTP source over a real server: both encodings, gzip, the mapping to messages and samples, errors. */
class OtlpReceiverApiTest {
    private static final long TIME_NANOS = (RunningServer.START_MILLIS - 5_000) * 1_000_000;

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

    @Test
    void logs_protobufGzip_becomeMessagesWithSourceMetadataAndFields() throws IOException {
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder()
                        .setResource(resource("_sourceCategory", "test/otlp", "_sourceHost", "web-1",
                                "service.name", "checkout"))
                        .addScopeLogs(ScopeLogs.newBuilder()
                                .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(TIME_NANOS)
                                        .setSeverityText("ERROR").setBody(text("payment failed"))
                                        .setTraceId(ByteString.copyFrom(new byte[] {1, 2, 3, (byte) 0xff}))
                                        .addAttributes(attribute("order", "o-17")))
                                .addLogRecords(LogRecord.newBuilder().setObservedTimeUnixNano(TIME_NANOS + 1_000_000)
                                        .setBody(text("retrying")))))
                .build();
        HttpResponse<byte[]> response = post("/v1/logs", "application/x-protobuf", "gzip", gzip(request.toByteArray()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-protobuf"));
        assertThat(ExportLogsServiceResponse.parseFrom(response.body()).hasPartialSuccess()).isFalse();
        List<LogMessage> messages = storedMessages();
        assertThat(messages).extracting(LogMessage::raw).containsExactly("payment failed", "retrying");
        LogMessage first = messages.getFirst();
        assertThat(first.messageTime()).isEqualTo(TIME_NANOS / 1_000_000);
        assertThat(messages.get(1).messageTime()).isEqualTo(TIME_NANOS / 1_000_000 + 1);
        assertThat(first.sourceCategory()).isEqualTo("test/otlp");
        assertThat(first.sourceHost()).isEqualTo("web-1");
        assertThat(first.sourceName()).isEqualTo(running.source.name());
        assertThat(first.receiptTime()).isEqualTo(RunningServer.START_MILLIS);
        assertThat(first.fields()).containsEntry("service.name", "checkout").containsEntry("order", "o-17")
                .containsEntry("severity", "ERROR").containsEntry("trace_id", "010203ff")
                .doesNotContainKeys("_sourceCategory", "_sourceHost");
    }

    @Test
    void logs_otlpJson_hexIdsAndCamelCase_answeredInJson() {
        String json = """
                {"resourceLogs":[{"resource":{"attributes":[{"key":"_sourceCategory","value":{"stringValue":"test/json"}}]},
                 "scopeLogs":[{"logRecords":[{"timeUnixNano":"%d","severityNumber":9,
                   "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
                   "body":{"stringValue":"hello json"},"attributes":[{"key":"n","value":{"intValue":"42"}}]}]}]}]}
                """.formatted(TIME_NANOS);
        HttpResponse<byte[]> response = post("/v1/logs", "application/json", null, json.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        LogMessage message = storedMessages().getFirst();
        assertThat(message.raw()).isEqualTo("hello json");
        assertThat(message.sourceCategory()).isEqualTo("test/json");
        assertThat(message.fields()).containsEntry("trace_id", "5b8efff798038103d269b633813fc60c")
                .containsEntry("span_id", "eee19b7ec3c1b174").containsEntry("n", "42").containsEntry("severity", "INFO");
    }

    @Test
    void logs_recordWithoutBody_isRejectedInPartialSuccess_othersKept() throws IOException {
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                        .addLogRecords(LogRecord.newBuilder().setBody(text("kept")))
                        .addLogRecords(LogRecord.newBuilder())))
                .build();
        HttpResponse<byte[]> response = post("/v1/logs", "application/x-protobuf", null, request.toByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        ExportLogsServiceResponse answer = ExportLogsServiceResponse.parseFrom(response.body());
        assertThat(answer.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1);
        assertThat(answer.getPartialSuccess().getErrorMessage()).contains("#2").contains("no body");
        assertThat(storedMessages()).extracting(LogMessage::raw).containsExactly("kept");
        assertThat(storedMessages().getFirst().messageTime()).isEqualTo(RunningServer.START_MILLIS);
    }

    @Test
    void metrics_gaugeAndSum_becomeSamples_histogramRejected() throws IOException {
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder()
                        .setResource(resource("_sourceCategory", "test/otlp", "service.name", "checkout"))
                        .addScopeMetrics(ScopeMetrics.newBuilder()
                                .addMetrics(Metric.newBuilder().setName("queue.depth").setUnit("1")
                                        .setGauge(Gauge.newBuilder().addDataPoints(NumberDataPoint.newBuilder()
                                                .setTimeUnixNano(TIME_NANOS).setAsDouble(3.5)
                                                .addAttributes(attribute("queue", "orders")))))
                                .addMetrics(Metric.newBuilder().setName("requests")
                                        .setSum(Sum.newBuilder().addDataPoints(NumberDataPoint.newBuilder()
                                                .setTimeUnixNano(TIME_NANOS).setAsInt(12))))
                                .addMetrics(Metric.newBuilder().setName("latency")
                                        .setHistogram(Histogram.newBuilder().addDataPoints(
                                                HistogramDataPoint.newBuilder().setCount(1))))))
                .build();
        HttpResponse<byte[]> response = post("/v1/metrics", "application/x-protobuf", "gzip",
                gzip(request.toByteArray()));

        assertThat(response.statusCode()).isEqualTo(200);
        ExportMetricsServiceResponse answer = ExportMetricsServiceResponse.parseFrom(response.body());
        assertThat(answer.getPartialSuccess().getRejectedDataPoints()).isEqualTo(1);
        assertThat(answer.getPartialSuccess().getErrorMessage()).contains("latency").contains("HISTOGRAM");
        List<SeriesPoints> series = series();
        assertThat(series).hasSize(2);
        SeriesPoints gauge = series.getFirst();
        assertThat(gauge.tags()).containsEntry("metric", "queue.depth").containsEntry("queue", "orders");
        assertThat(gauge.metadata()).containsEntry("_sourceCategory", "test/otlp")
                .containsEntry("service.name", "checkout").containsEntry("unit", "1");
        assertThat(gauge.timestamps()).containsExactly(TIME_NANOS / 1_000_000);
        assertThat(gauge.values()).containsExactly(3.5);
        assertThat(series.get(1).tags()).containsEntry("metric", "requests");
        assertThat(series.get(1).values()).containsExactly(12.0);
    }

    @Test
    void traces_areAnsweredNotSupported() {
        HttpResponse<byte[]> response = post("/v1/traces", "application/x-protobuf", null, new byte[0]);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("otlp.traces.unsupported")
                .contains("does not store traces");
    }

    @Test
    void badBody_badContentType_badToken_areClearErrors_andStoreNothing() {
        HttpResponse<byte[]> garbage = post("/v1/logs", "application/x-protobuf", null, new byte[] {(byte) 0xff, 1, 2});
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(new String(garbage.body(), StandardCharsets.UTF_8)).contains("not an OTLP ExportLogsServiceRequest");

        HttpResponse<byte[]> notJson = post("/v1/metrics", "application/json", null, "{".getBytes(StandardCharsets.UTF_8));
        assertThat(notJson.statusCode()).isEqualTo(400);

        HttpResponse<byte[]> text = post("/v1/logs", "text/plain", null, "x".getBytes(StandardCharsets.UTF_8));
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(new String(text.body(), StandardCharsets.UTF_8)).contains("application/x-protobuf");

        HttpResponse<byte[]> unknownToken = running.sendBytes(HttpRequest.newBuilder(
                running.uri("/receiver/v1/otlp/not-a-token/v1/logs"))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0])).build());
        assertThat(unknownToken.statusCode()).isEqualTo(401);
        assertThat(storedMessages()).isEmpty();
    }

    private HttpResponse<byte[]> post(String signalPath, String contentType, String contentEncoding, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                running.uri("/receiver/v1/otlp/" + running.source.token() + signalPath))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        return running.sendBytes(request.build());
    }

    private List<LogMessage> storedMessages() {
        List<LogMessage> messages = new ArrayList<>();
        try (LogCursor cursor = running.store.scan(new LogScan(TimeRange.all(), TimeField.RECEIPT_TIME,
                new KeywordExpression.MatchAll(), ScanOrder.UNORDERED))) {
            while (cursor.next()) {
                messages.add(cursor.current().message());
            }
        }
        messages.sort(Comparator.comparingLong(LogMessage::messageTime));
        return messages;
    }

    private List<SeriesPoints> series() {
        List<SeriesPoints> series = new ArrayList<>();
        running.metricStore.read(new SeriesSelector.All(), TimeRange.all(), 0, 1000, series::add);
        series.sort(Comparator.comparing(points -> points.tags().get("metric")));
        return series;
    }

    private static Resource resource(String... keysAndValues) {
        Resource.Builder resource = Resource.newBuilder();
        for (int index = 0; index < keysAndValues.length; index += 2) {
            resource.addAttributes(attribute(keysAndValues[index], keysAndValues[index + 1]));
        }
        return resource.build();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(text(value)).build();
    }

    private static AnyValue text(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(bytes);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return compressed.toByteArray();
    }
}
