package dev.loupe.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.server.RunningServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/metricsQueries} over a real server: shapes, time range variants, parameters, errors. */
class MetricsQueryApiTest {
    private static final long NOW = RunningServer.START_MILLIS;
    private static final String LAST_15_MINUTES = "{\"type\":\"BeginBoundedTimeRange\","
            + "\"from\":{\"type\":\"RelativeTimeRangeBoundary\",\"relativeTime\":\"-15m\"},\"to\":null}";

    @TempDir
    Path dataDirectory;
    RunningServer running;

    @BeforeEach
    void start() {
        running = new RunningServer(dataDirectory);
        StringBuilder graphite = new StringBuilder();
        StringBuilder carbon = new StringBuilder();
        for (int minute = 10; minute >= 1; minute--) {
            long seconds = (NOW - minute * 60_000L) / 1000;
            graphite.append("prod.lb-1.cpu ").append(minute).append(' ').append(seconds).append('\n');
            carbon.append("metric=cpu node=lb-1  team=infra ").append(minute).append(' ').append(seconds).append('\n');
            carbon.append("metric=cpu node=lb-2  team=infra ").append(minute * 10).append(' ').append(seconds).append('\n');
        }
        assertThat(ingest("application/vnd.sumologic.graphite", graphite.toString()).statusCode()).isEqualTo(200);
        assertThat(ingest("application/vnd.sumologic.carbon2", carbon.toString()).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private HttpResponse<String> ingest(String contentType, String body) {
        return running.send(HttpRequest.newBuilder(running.uri("/receiver/v1/http/" + running.source.token()))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> query(String queries, String timeRange) {
        return running.postJson("/api/v1/metricsQueries", "{\"queries\":" + queries + ",\"timeRange\":" + timeRange + "}");
    }

    private static List<Double> values(JsonNode series) {
        List<Double> values = new ArrayList<>();
        series.get("points").get("values").forEach(value -> values.add(value.asDouble()));
        return values;
    }

    @Test
    void catalog_listsTheMetricsFirstThenEachDimensionWithItsValues() {
        HttpResponse<String> response = running.get("/api/v1/metrics/catalog");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode all = RunningServer.json(response);
        assertThat(all.get("seriesCount").asLong()).isEqualTo(3);
        JsonNode dimensions = all.get("dimensions");
        assertThat(dimensions.get(0).get("key").asText()).isEqualTo("metric");
        assertThat(texts(dimensions.get(0).get("values"))).containsExactly("cpu", "prod.lb-1.cpu");

        JsonNode cpu = RunningServer.json(running.get("/api/v1/metrics/catalog?from=" + (NOW - 900_000) + "&to=" + NOW
                + "&match=metric=cpu"));
        assertThat(cpu.get("seriesCount").asLong()).isEqualTo(2);
        List<String> keys = new ArrayList<>();
        for (JsonNode dimension : cpu.get("dimensions")) {
            keys.add(dimension.get("key").asText());
            if (dimension.get("key").asText().equals("node")) {
                assertThat(texts(dimension.get("values"))).containsExactly("lb-1", "lb-2");
                assertThat(dimension.get("valueCount").asInt()).isEqualTo(2);
            }
        }
        assertThat(keys).contains("metric", "node", "team");

        JsonNode none = RunningServer.json(running.get("/api/v1/metrics/catalog?from=" + (NOW - 3 * 3_600_000L)
                + "&to=" + (NOW - 2 * 3_600_000L)));
        assertThat(none.get("seriesCount").asLong()).as("no points in that hour").isZero();
        assertThat(running.get("/api/v1/metrics/catalog?match=nokey").statusCode()).isEqualTo(400);
        assertThat(running.get("/api/v1/metrics/catalog?from=10&to=5").statusCode()).isEqualTo(400);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    @Test
    void graphitePath_isTheMetric_responseShape() {
        HttpResponse<String> response = query("[{\"rowId\":\"A\",\"query\":\"metric=prod.lb-1.cpu\",\"quantization\":60000,"
                + "\"rollup\":\"Avg\"}]", LAST_15_MINUTES);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = RunningServer.json(response);
        assertThat(body.get("errors").get("errors")).isEmpty();
        assertThat(body.get("errors").get("id").asText()).isNotEmpty();
        JsonNode row = body.get("queryResult").get(0);
        assertThat(row.get("rowId").asText()).isEqualTo("A");
        JsonNode list = row.get("timeSeriesList");
        assertThat(list.has("unit")).isTrue();
        assertThat(list.get("timeShiftLabel").asText()).isEmpty();
        assertThat(list.get("resultContext").get("quantizationGranularity").asLong()).isEqualTo(60_000);
        assertThat(list.get("resultContext").get("rollup").asText()).isEqualTo("Avg");
        assertThat(list.get("resultContext").get("actualQueryTimeRange").get("start").asText())
                .isEqualTo(Instant.ofEpochMilli(NOW - 900_000).toString());
        assertThat(list.get("resultContext").get("actualQueryTimeRange").get("end").asText())
                .isEqualTo(Instant.ofEpochMilli(NOW).toString());
        JsonNode series = list.get("timeSeries").get(0);
        assertThat(series.get("metricDefinition").get("metric").asText()).isEqualTo("prod.lb-1.cpu");
        assertThat(series.get("metricDefinition").get("dimensions").has("metric")).isFalse();
        assertThat(series.get("points").get("timestamps")).hasSize(10);
        assertThat(series.get("points").get("timestamps").get(0).asLong()).isEqualTo(NOW - 600_000);
        assertThat(values(series)).containsExactly(10.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0);
    }

    @Test
    void carbon2_intrinsicTagsAreDimensions_metaTagsSelectable_severalRows() {
        HttpResponse<String> response = query("[{\"rowId\":\"A\",\"query\":\"metric=cpu node=lb-1\"},"
                + "{\"rowId\":\"B\",\"query\":\"metric=cpu team=infra | sum\",\"quantization\":600000,\"rollup\":\"Sum\"}]",
                LAST_15_MINUTES);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode rows = RunningServer.json(response).get("queryResult");
        JsonNode a = rows.get(0).get("timeSeriesList").get("timeSeries");
        assertThat(a).hasSize(1);
        assertThat(a.get(0).get("metricDefinition").get("dimensions").get("node").asText()).isEqualTo("lb-1");
        JsonNode b = rows.get(1).get("timeSeriesList");
        assertThat(rows.get(1).get("rowId").asText()).isEqualTo("B");
        assertThat(b.get("resultContext").get("rollup").asText()).isEqualTo("Sum");
        double total = 0;
        for (JsonNode series : b.get("timeSeries")) {
            total += values(series).stream().mapToDouble(Double::doubleValue).sum();
        }
        assertThat(total).isEqualTo(55 + 550);
    }

    @Test
    void timeRangeVariants_epochIsoAndLiteral() {
        String rows = "[{\"rowId\":\"A\",\"query\":\"metric=prod.lb-1.cpu\",\"quantization\":60000}]";
        String epoch = "{\"type\":\"BeginBoundedTimeRange\",\"from\":{\"type\":\"EpochTimeRangeBoundary\",\"epochMillis\":"
                + (NOW - 300_000) + "},\"to\":{\"type\":\"EpochTimeRangeBoundary\",\"epochMillis\":" + NOW + "}}";
        String iso = "{\"type\":\"BeginBoundedTimeRange\",\"from\":{\"type\":\"Iso8601TimeRangeBoundary\",\"iso8601Time\":\""
                + Instant.ofEpochMilli(NOW - 300_000) + "\"}}";
        String literal = "{\"type\":\"BeginBoundedTimeRange\",\"from\":{\"type\":\"LiteralTimeRangeBoundary\",\"rangeName\":"
                + "\"previous_day\"},\"to\":{\"type\":\"LiteralTimeRangeBoundary\",\"rangeName\":\"now\"}}";
        for (String range : List.of(epoch, iso)) {
            HttpResponse<String> response = query(rows, range);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode series = RunningServer.json(response).get("queryResult").get(0).get("timeSeriesList").get("timeSeries").get(0);
            assertThat(values(series)).containsExactly(5.0, 4.0, 3.0, 2.0, 1.0);
        }
        HttpResponse<String> literalResponse = query(rows, literal);
        assertThat(literalResponse.statusCode()).as(literalResponse.body()).isEqualTo(200);
        assertThat(RunningServer.json(literalResponse).get("queryResult").get(0).get("timeSeriesList")
                .get("resultContext").get("actualQueryTimeRange").get("start").asText())
                .isEqualTo(Instant.ofEpochMilli(NOW).minusSeconds(86_400).toString());
    }

    @Test
    void unit_isTheUnitTheRowsSeriesAgreeOn() {
        StringBuilder carbon = new StringBuilder();
        for (int minute = 5; minute >= 1; minute--) {
            long seconds = (NOW - minute * 60_000L) / 1000;
            carbon.append("metric=latency node=lb-1  unit=Milliseconds ").append(minute).append(' ').append(seconds).append('\n');
            carbon.append("metric=latency node=lb-2  unit=Milliseconds ").append(minute).append(' ').append(seconds).append('\n');
            carbon.append("metric=latency node=lb-3  unit=Seconds ").append(minute).append(' ').append(seconds).append('\n');
        }
        assertThat(ingest("application/vnd.sumologic.carbon2", carbon.toString()).statusCode()).isEqualTo(200);
        HttpResponse<String> response = query("[{\"rowId\":\"A\",\"query\":\"metric=latency node=(lb-1, lb-2) | sum\",\"quantization\":60000},"
                + "{\"rowId\":\"B\",\"query\":\"metric=latency node=lb-1 | rate\",\"quantization\":60000},"
                + "{\"rowId\":\"C\",\"query\":\"metric=latency | sum\",\"quantization\":60000},"
                + "{\"rowId\":\"D\",\"query\":\"metric=cpu node=lb-1\",\"quantization\":60000}]", LAST_15_MINUTES);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode rows = RunningServer.json(response).get("queryResult");
        assertThat(rows.get(0).get("timeSeriesList").get("unit").asText()).isEqualTo("Milliseconds");
        assertThat(rows.get(1).get("timeSeriesList").get("unit").asText()).isEqualTo("Milliseconds/second");
        assertThat(rows.get(2).get("timeSeriesList").get("unit").asText()).isEmpty();
        assertThat(rows.get(3).get("timeSeriesList").get("unit").asText()).isEmpty();
    }

    @Test
    void timeshiftParameter_labelsTheRow() {
        HttpResponse<String> response = query("[{\"rowId\":\"A\",\"query\":\"metric=prod.lb-1.cpu\",\"quantization\":60000,"
                + "\"timeshift\":-3600000}]", LAST_15_MINUTES);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode list = RunningServer.json(response).get("queryResult").get(0).get("timeSeriesList");
        assertThat(list.get("timeShiftLabel").asText()).isEqualTo("-1h");
        assertThat(list.get("timeSeries")).isEmpty();
    }

    @Test
    void errors_haveTheV2Body() {
        StringBuilder seven = new StringBuilder("[");
        for (char row = 'A'; row <= 'G'; row++) {
            seven.append(row == 'A' ? "" : ",").append("{\"rowId\":\"").append(row).append("\",\"query\":\"metric=cpu\"}");
        }
        assertError(query(seven.append(']').toString(), LAST_15_MINUTES), 400, "metrics.too.many.queries");
        assertError(query("[{\"rowId\":\"a\",\"query\":\"metric=cpu\"}]", LAST_15_MINUTES), 400, "metrics.invalid.rowId");
        assertError(query("[{\"rowId\":\"A\",\"query\":\"x\"}]", LAST_15_MINUTES), 400, "metrics.invalid.query");
        assertError(query("[{\"rowId\":\"A\",\"query\":\"metric=cpu\",\"rollup\":\"Median\"}]", LAST_15_MINUTES), 400,
                "metrics.invalid.rollup");
        assertError(query("[{\"rowId\":\"A\",\"query\":\"metric=cpu\",\"quantization\":0}]", LAST_15_MINUTES), 400,
                "metrics.invalid.quantization");
        assertError(query("[{\"rowId\":\"A\",\"query\":\"metric=cpu\"}]", "{\"type\":\"Whenever\"}"), 400,
                "metrics.invalid.timeRange");
        assertError(query("[{\"rowId\":\"A\",\"query\":\"metric=cpu\"}]", "{\"type\":\"BeginBoundedTimeRange\","
                + "\"from\":{\"type\":\"RelativeTimeRangeBoundary\",\"relativeTime\":\"-15parsecs\"}}"), 400,
                "metrics.invalid.timeRange");
        assertError(query("[{\"rowId\":\"A\",\"query\":\"metric=cpu | avg by (\"}]", LAST_15_MINUTES), 400, null);
        HttpResponse<String> unauthenticated = running.send(HttpRequest.newBuilder(running.uri("/api/v1/metricsQueries"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(unauthenticated.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = RunningServer.json(response);
        assertThat(body.get("id").asText()).isNotEmpty();
        assertThat(body.get("errors")).hasSize(1);
        assertThat(body.get("errors").get(0).get("message").asText()).isNotEmpty();
        if (code != null) {
            assertThat(body.get("errors").get(0).get("code").asText()).isEqualTo(code);
        }
    }
}
