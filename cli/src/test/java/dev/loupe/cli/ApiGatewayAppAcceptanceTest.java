package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.LogMessage;
import dev.loupe.ingest.CloudTrailEventGenerator;
import dev.loupe.ingest.extraction.FieldExtractionRule;
import dev.loupe.ingest.metrics.CloudWatchDatapoint;
import dev.loupe.ingest.simulation.Fleet;
import dev.loupe.ingest.simulation.FleetSimulator;
import dev.loupe.query.QueryResult;
import dev.loupe.query.metrics.MetricsQueryRow;
import dev.loupe.query.metrics.MetricsRowResult;
import dev.loupe.server.auth.CreatedAccessKey;
import dev.loupe.store.spi.metrics.MetricSample;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of the API Gateway app: eight simulated days in a fresh data folder with the app's field
 * extraction rule in force, then every one of the 43 query panels (50 queries) of the five dashboards runs over
 * the last 24 hours with every {@code {{variable}}} at {@code *} (13 log panels through the Search Job API, 30
 * metrics panels through {@code /api/v1/metricsQueries}) and each answer must equal the one computed from the
 * simulator's ground truth ({@link MetricsPanelAnswers}, {@link AuditPanelAnswers}) — non-empty, the same
 * series, buckets and values, the same rows.
 */
class ApiGatewayAppAcceptanceTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final Path APP = SharedData.directory().getParent().resolve("reference/apps/aws-api-gateway-app.json");

    @TempDir
    Path folder;

    /**
     * One query of a panel; {@code id} is {@code dashboard / panel title / query key}, plus {@code (honeycomb)}
     * for the Overview's honeycombs, which share titles and queries with its line charts; {@code panel} is
     * {@code dashboard / panel key} (keys repeat across dashboards).
     */
    record PanelQuery(String id, String panel, String type, String key, String query) {}

    @Test
    void everyPanelAnswersWhatTheSimulationImplies() throws Exception {
        List<PanelQuery> queries = panelQueries();
        assertThat(queries).hasSize(50);
        assertThat(queries.stream().map(PanelQuery::panel).distinct()).hasSize(43);
        long end = Math.floorDiv(System.currentTimeMillis(), HOUR) * HOUR;
        long start = end - DAY;
        SimulatedGroundTruth truth = new SimulatedGroundTruth(start, end);
        try (RunningInstance instance = RunningInstance.start("127.0.0.1", 0, folder)) {
            instance.server().fieldExtractionRules().save(FieldExtractionRule.apiGatewayCloudTrail());
            /* The fleet and event rate of `loupe demo`. */
            FleetSimulator simulator = new FleetSimulator(Fleet.generate(42, 3, 5), 42, 12);
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

                @Override
                public void groundTruth(List<CloudWatchDatapoint> datapoints, List<CloudTrailEventGenerator.Event> events) {
                    truth.record(datapoints, events);
                }
            });
            Map<String, ExpectedAnswer> expected = new LinkedHashMap<>(new MetricsPanelAnswers(truth).answers());
            expected.putAll(new AuditPanelAnswers(truth).answers());
            assertThat(expected.keySet()).as("an expected answer for every panel query")
                    .containsExactlyInAnyOrderElementsOf(queries.stream().map(PanelQuery::id).toList());

            CreatedAccessKey key = instance.firstAdministrator().orElseThrow().key();
            URI base = URI.create(instance.baseUrl());
            SearchJobClient logs = new SearchJobClient(base, key.accessId(), key.accessKey());
            MetricsQueryClient metrics = new MetricsQueryClient(base, key.accessId(), key.accessKey());
            List<String> wrong = new ArrayList<>();
            int checked = 0;
            for (PanelQuery query : queries) {
                Object actual;
                boolean empty;
                try {
                    if (query.type().equals("Logs")) {
                        QueryResult result = logs.run(query.query(), start, end, "UTC", false);
                        actual = result;
                        empty = result.rows().isEmpty();
                    } else {
                        MetricsRowResult result = metrics.run(List.of(new MetricsQueryRow(query.key(), query.query(),
                                0, null, 0)), start, end).getFirst();
                        actual = result;
                        empty = result.series().isEmpty();
                    }
                } catch (RuntimeException failure) {
                    wrong.add(query.id() + ": " + failure.getMessage());
                    continue;
                }
                if (empty) {
                    wrong.add(query.id() + ": no data");
                }
                List<String> differences = ExpectedAnswer.differences(expected.get(query.id()), actual);
                for (String difference : differences.subList(0, Math.min(5, differences.size()))) {
                    wrong.add(query.id() + ": " + difference);
                }
                checked++;
            }
            assertThat(wrong).as("panels whose answer is wrong").isEmpty();
            assertThat(checked).isEqualTo(50);
        }
    }

    static List<PanelQuery> panelQueries() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode app = mapper.readTree(Files.readString(APP));
        List<PanelQuery> queries = new ArrayList<>();
        for (JsonNode dashboard : app.path("children")) {
            for (JsonNode panel : dashboard.path("panels")) {
                String visual = mapper.readTree(panel.path("visualSettings").asText("{}")).path("general").path("type").asText();
                for (JsonNode query : panel.path("queries")) {
                    String id = dashboard.path("name").asText() + " / " + panel.path("title").asText().strip() + " / "
                            + query.path("queryKey").asText() + (visual.equals("honeyComb") ? " (honeycomb)" : "");
                    queries.add(new PanelQuery(id, dashboard.path("name").asText() + " / " + panel.path("key").asText(),
                            query.path("queryType").asText(),
                            query.path("queryKey").asText(), query.path("queryString").asText().replaceAll("\\{\\{\\w+}}", "*")));
                }
            }
        }
        return queries;
    }
}
