package dev.loupe.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sumologic.client.model.LogMessage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenTelemetry Java SDK's OTLP/HTTP exporters ({@code io.opentelemetry:opentelemetry-exporter-otlp:1.68.0},
 * protobuf, gzip) sending logs and metrics to Loupe's OTLP source, then found through the Search Job API (with
 * Sumo's Java client) and the Metrics Query API. Sumo metadata travels as resource attributes.
 */
class OpenTelemetryExporterTest {
    private static final String CATEGORY = "compat/otlp";
    private static final Resource RESOURCE = Resource.getDefault().merge(Resource.create(Attributes.builder()
            .put("_sourceCategory", CATEGORY).put("_sourceName", "otel-app").put("_sourceHost", "otel-host")
            .put("service.name", "checkout").build()));

    @TempDir
    static Path dataDirectory;
    static LoupeUnderTest loupe;

    @BeforeAll
    static void start() {
        loupe = new LoupeUnderTest(dataDirectory);
    }

    @AfterAll
    static void stop() {
        loupe.close();
    }

    @Test
    void logs_arriveWithResourceMetadataAndAttributes() {
        SdkLoggerProvider loggers = SdkLoggerProvider.builder().setResource(RESOURCE)
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(OtlpHttpLogRecordExporter.builder()
                        .setEndpoint(loupe.otlpSourceUrl() + "/v1/logs").setCompression("gzip").build())
                        .setScheduleDelay(Duration.ofMillis(100)).build())
                .build();

        loggers.get("compat").logRecordBuilder().setSeverity(Severity.WARN).setSeverityText("WARN")
                .setBody("otel payment retried").setAttribute(AttributeKey.stringKey("order"), "o-42").emit();
        assertSucceeded(loggers.shutdown(), "log export");

        List<LogMessage> found = loupe.awaitMessages("_sourceCategory=" + CATEGORY + " order=o-42",
                messages -> !messages.isEmpty());
        assertThat(found).singleElement().satisfies(message -> {
            assertThat(message.getLogLine()).isEqualTo("otel payment retried");
            assertThat(message.getSourceName()).isEqualTo("otel-app");
            assertThat(message.getSourceHost()).isEqualTo("otel-host");
            assertThat(message.getMap()).containsEntry("severity", "WARN").containsEntry("service.name", "checkout");
        });
    }

    @Test
    void counterAndGauge_areQueryableThroughTheMetricsQueryApi() {
        SdkMeterProvider meters = SdkMeterProvider.builder().setResource(RESOURCE)
                .registerMetricReader(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder()
                        .setEndpoint(loupe.otlpSourceUrl() + "/v1/metrics").setCompression("gzip").build())
                        .setInterval(Duration.ofSeconds(30)).build())
                .build();
        Meter meter = meters.get("compat");
        LongCounter requests = meter.counterBuilder("compat.requests").build();
        requests.add(5, Attributes.of(AttributeKey.stringKey("route"), "/login"));
        meter.gaugeBuilder("compat.queue.depth").buildWithCallback(gauge -> gauge.record(7.5));

        assertSucceeded(meters.shutdown(), "metric export");

        JsonNode counter = loupe.awaitMetrics("metric=compat.requests route=/login", OpenTelemetryExporterTest::hasPoints);
        assertThat(lastValue(counter)).isEqualTo(5.0);
        JsonNode gauge = loupe.awaitMetrics("metric=compat.queue.depth _sourceCategory=" + CATEGORY,
                OpenTelemetryExporterTest::hasPoints);
        assertThat(lastValue(gauge)).isEqualTo(7.5);
    }

    private static void assertSucceeded(CompletableResultCode result, String what) {
        assertThat(result.join(10, TimeUnit.SECONDS).isSuccess()).as(what + " succeeded").isTrue();
    }

    private static boolean hasPoints(JsonNode response) {
        return !response.at("/queryResult/0/timeSeriesList/timeSeries/0/points/values").isEmpty();
    }

    private static double lastValue(JsonNode response) {
        JsonNode values = response.at("/queryResult/0/timeSeriesList/timeSeries/0/points/values");
        assertThat(values.isArray() && !values.isEmpty()).as("points in %s", response).isTrue();
        return values.get(values.size() - 1).asDouble();
    }
}
