package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.LogMessage;
import dev.loupe.ingest.extraction.FieldExtractionRule;
import dev.loupe.ingest.simulation.Fleet;
import dev.loupe.ingest.simulation.FleetSimulator;
import dev.loupe.ingest.simulation.GroundTruth;
import dev.loupe.query.QueryResult;
import dev.loupe.query.metrics.MetricSeries;
import dev.loupe.query.metrics.MetricsQueryRow;
import dev.loupe.query.metrics.MetricsRowResult;
import dev.loupe.server.auth.CreatedAccessKey;
import dev.loupe.store.spi.metrics.MetricSample;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of the API Gateway app: eight simulated days in a fresh data folder with the app's field
 * extraction rule in force, then every one of the 43 query panels of the five dashboards (13 log panels through
 * the Search Job API, 30 metrics panels through {@code /api/v1/metricsQueries}, {@code {{var}}} replaced by
 * {@code *}, over the last 24 hours) must return data, and key panels must agree with the simulator's ground
 * truth.
 */
class ApiGatewayAppAcceptanceTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final Path APP = SharedData.directory().getParent().resolve("reference/apps/aws-api-gateway-app.json");

    @TempDir
    Path folder;

    /** One query of a panel. */
    record PanelQuery(String dashboard, String panelKey, String panel, String type, String key, String query) {}

    @Test
    void everyPanelHasDataAndKeyPanelsMatchTheSimulation() throws Exception {
        List<PanelQuery> queries = panelQueries();
        assertThat(queries.stream().map(query -> query.dashboard() + "/" + query.panelKey()).distinct()).hasSize(43);
        long end = Math.floorDiv(System.currentTimeMillis(), HOUR) * HOUR;
        long start = end - DAY;
        try (RunningInstance instance = RunningInstance.start("127.0.0.1", 0, folder)) {
            instance.server().fieldExtractionRules().save(FieldExtractionRule.apiGatewayCloudTrail());
            FleetSimulator simulator = new FleetSimulator(Fleet.generate(42, 2, 3), 42, 12);
            long began = System.nanoTime();
            simulator.simulate(end - 8 * DAY, end, 5 * 60_000L, end, new FleetSimulator.Sink() {
                @Override
                public void metrics(List<MetricSample> samples) {
                    instance.metricStore().append(samples);
                }

                @Override
                public void logs(List<LogMessage> messages) {
                    if (!messages.isEmpty()) {
                        instance.ingestStore().append(messages);
                    }
                }
            });
            System.out.printf("simulated 8 days in %d ms%n", (System.nanoTime() - began) / 1_000_000);
            CreatedAccessKey key = instance.firstAdministrator().orElseThrow().key();
            URI base = URI.create(instance.baseUrl());
            SearchJobClient logs = new SearchJobClient(base, key.accessId(), key.accessKey());
            MetricsQueryClient metrics = new MetricsQueryClient(base, key.accessId(), key.accessKey());
            List<String> empty = new ArrayList<>();
            Map<String, Object> results = new TreeMap<>();
            for (PanelQuery query : queries) {
                String name = query.dashboard() + " / " + query.panel() + " / " + query.key();
                if (results.containsKey(name)) {
                    name = name + " (" + query.panelKey() + ")";
                }
                try {
                    if (query.type().equals("Logs")) {
                        QueryResult result = logs.run(query.query(), start, end, "UTC", false);
                        results.put(name, result);
                        if (result.rows().isEmpty()) {
                            empty.add(name + ": no rows");
                        }
                    } else {
                        MetricsRowResult result = metrics.run(List.of(new MetricsQueryRow(query.key(), query.query(),
                                0, null, 0)), start, end).getFirst();
                        results.put(name, result);
                        if (result.series().isEmpty()) {
                            empty.add(name + ": no series");
                        }
                    }
                } catch (RuntimeException failure) {
                    empty.add(name + ": " + failure.getMessage());
                }
            }
            assertThat(empty).as("panels without data").isEmpty();

            GroundTruth truth = simulator.groundTruth();
            MetricsRowResult byApi = (MetricsRowResult) results.get(
                    "1. AWS API Gateway - Overview / API Calls by apiname / A");
            MetricsRowResult serverErrors = (MetricsRowResult) results.get(
                    "1. AWS API Gateway - Overview / 5XX Errors / A");
            for (String api : truth.apiNames()) {
                GroundTruth.ApiTotals totals = truth.api(api, start, end);
                /* The app selects apiname=* only, so the API, stage and per-method series all add up (as in Sumo). */
                assertThat(total(byApi, api)).as("Count of " + api)
                        .isEqualTo(2.0 * totals.requests() + totals.detailedRequests());
                assertThat(total(serverErrors, api)).as("5XXError of " + api)
                        .isEqualTo(2.0 * totals.serverErrors() + totals.detailedServerErrors());
            }
            Map<String, long[]> events = truth.events(start, end);
            long all = events.values().stream().mapToLong(counts -> counts[0]).sum();
            long failed = events.values().stream().mapToLong(counts -> counts[1]).sum();
            QueryResult status = (QueryResult) results.get("2. AWS API Gateway - Audit Events / Event Status / A");
            assertThat(column(status, "event_status", "event_count"))
                    .containsEntry("Success", (double) (all - failed)).containsEntry("Failure", (double) failed);
            QueryResult failedEvents = (QueryResult) results.get("2. AWS API Gateway - Audit Events / Failed Events / A");
            Map<String, Double> expectedFailed = new TreeMap<>();
            events.forEach((name, counts) -> {
                if (counts[1] > 0) {
                    expectedFailed.put(name, (double) counts[1]);
                }
            });
            assertThat(column(failedEvents, "event_name", "event_count")).isEqualTo(expectedFailed);
        }
    }

    private static double total(MetricsRowResult result, String apiName) {
        double total = 0;
        for (MetricSeries series : result.series()) {
            if (apiName.equalsIgnoreCase(series.dimensions().getOrDefault("apiname", ""))) {
                for (double value : series.values()) {
                    total += Double.isNaN(value) ? 0 : value;
                }
            }
        }
        return total;
    }

    private static Map<String, Double> column(QueryResult result, String keyName, String valueName) {
        int keyIndex = result.fieldIndex(keyName);
        int valueIndex = result.fieldIndex(valueName);
        Map<String, Double> values = new TreeMap<>();
        for (Object[] row : result.rows()) {
            values.put(String.valueOf(row[keyIndex]), ((Number) row[valueIndex]).doubleValue());
        }
        return values;
    }

    static List<PanelQuery> panelQueries() throws java.io.IOException {
        JsonNode app = new ObjectMapper().readTree(Files.readString(APP));
        List<PanelQuery> queries = new ArrayList<>();
        for (JsonNode dashboard : app.path("children")) {
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode query : panel.path("queries")) {
                    queries.add(new PanelQuery(dashboard.path("name").asText(), panel.path("key").asText(), panel.path("title").asText().strip(),
                            query.path("queryType").asText(), query.path("queryKey").asText(),
                            query.path("queryString").asText().replaceAll("\\{\\{\\w+}}", "*")));
                }
            }
        }
        return queries;
    }
}
