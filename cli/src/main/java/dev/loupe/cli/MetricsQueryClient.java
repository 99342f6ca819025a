package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.metrics.MetricSeries;
import dev.loupe.query.metrics.MetricsQueryRow;
import dev.loupe.query.metrics.MetricsRowResult;
import dev.loupe.query.metrics.Rollup;
import dev.loupe.store.spi.metrics.MetricSample;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs metrics query rows on a Loupe (or Sumo Logic) server through {@code POST /api/v1/metricsQueries}, and
 * turns the response back into engine row results for printing. Used by {@code loupe query --metrics --server}.
 */
final class MetricsQueryClient {
    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper mapper = new ObjectMapper();

    MetricsQueryClient(URI base, String accessId, String accessKey) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((accessId + ":" + accessKey).getBytes(StandardCharsets.UTF_8));
    }

    List<MetricsRowResult> run(List<MetricsQueryRow> rows, long fromMillis, long toMillis)
            throws IOException, InterruptedException {
        ObjectNode request = mapper.createObjectNode();
        ArrayNode queries = request.putArray("queries");
        for (MetricsQueryRow row : rows) {
            ObjectNode query = queries.addObject().put("rowId", row.rowId()).put("query", row.query());
            if (row.quantizationMillis() > 0) {
                query.put("quantization", row.quantizationMillis());
            }
            if (row.rollup() != null) {
                query.put("rollup", row.rollup().apiName());
            }
        }
        ObjectNode timeRange = request.putObject("timeRange").put("type", "BeginBoundedTimeRange");
        timeRange.putObject("from").put("type", "EpochTimeRangeBoundary").put("epochMillis", fromMillis);
        timeRange.putObject("to").put("type", "EpochTimeRangeBoundary").put("epochMillis", toMillis);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/metricsQueries"))
                .timeout(Duration.ofMinutes(5)).header("Authorization", authorization)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            String message = response.body();
            JsonNode error = mapper.readTree(response.body().isEmpty() ? "{}" : response.body());
            if (error.path("errors").path(0).hasNonNull("message")) {
                message = error.path("errors").path(0).path("message").asText();
            }
            throw new LoupeException(response.statusCode() == 401 ? ErrorCode.UNAUTHORIZED : ErrorCode.QUERY_INVALID,
                    "the server answered " + response.statusCode() + " to POST /api/v1/metricsQueries: " + message);
        }
        List<MetricsRowResult> results = new ArrayList<>();
        for (JsonNode row : mapper.readTree(response.body()).path("queryResult")) {
            JsonNode list = row.path("timeSeriesList");
            List<MetricSeries> series = new ArrayList<>();
            for (JsonNode one : list.path("timeSeries")) {
                Map<String, String> dimensions = new LinkedHashMap<>();
                one.path("metricDefinition").path("dimensions").properties()
                        .forEach(entry -> dimensions.put(entry.getKey(), entry.getValue().asText()));
                String metric = one.path("metricDefinition").path("metric").asText("");
                if (!metric.isEmpty()) {
                    dimensions.put(MetricSample.METRIC, metric);
                }
                JsonNode timestamps = one.path("points").path("timestamps");
                JsonNode values = one.path("points").path("values");
                long[] times = new long[timestamps.size()];
                double[] numbers = new double[timestamps.size()];
                for (int index = 0; index < times.length; index++) {
                    times[index] = timestamps.get(index).asLong();
                    numbers[index] = values.get(index).asDouble();
                }
                series.add(new MetricSeries(dimensions, times, numbers));
            }
            JsonNode context = list.path("resultContext");
            results.add(new MetricsRowResult(row.path("rowId").asText(), series,
                    context.path("quantizationGranularity").asLong(), Rollup.parse(context.path("rollup").asText("Avg")), 0,
                    list.path("unit").asText("")));
        }
        return results;
    }
}
