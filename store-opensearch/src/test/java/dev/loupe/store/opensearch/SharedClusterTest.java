package dev.loupe.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerConfig;
import dev.loupe.server.auth.CreatedAccessKey;
import dev.loupe.server.persistence.Database;
import dev.loupe.store.spi.metrics.MetricStore;
import dev.loupe.testing.InMemoryMetricStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real Loupe servers on one OpenSearch node: what one ingests the other finds through the Search Job API; with
 * their databases as copies of the cluster's shared state, a key, a source and an installed app made through one are
 * used through the other; and when the node is killed during ingest, the servers answer 503 and lose nothing they
 * acknowledged, and ingest resumes when the node is back.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class SharedClusterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path first;
    @TempDir
    Path second;

    /** A Loupe server on an OpenSearch store, with its administrator's key and the default source's URL. */
    private record Server(LoupeServer server, Database database, OpenSearchLogStore store, MetricStore metricStore, CreatedAccessKey key,
            URI receiver) implements AutoCloseable {
        /** A server with its own database and in-memory metrics. */
        static Server start(Path folder, OpenSearchSettings settings) {
            OpenSearchLogStore store = OpenSearchLogStore.open(settings);
            Database database = Database.open(folder);
            LoupeServer server = new LoupeServer(ServerConfig.of("127.0.0.1", 0, folder), store, new InMemoryMetricStore(),
                    database, Clock.systemUTC());
            CreatedAccessKey key = server.users().createFirstAdministrator().orElseThrow().key();
            server.start();
            URI base = URI.create("http://127.0.0.1:" + server.port());
            return new Server(server, database, store, new InMemoryMetricStore(), key,
                    base.resolve(server.sources().list().getFirst().receiverPath()));
        }

        /**
         * A server whose logs, metrics and shared state are on the cluster, as {@code serve --store opensearch} runs
         * it; {@code key} is the administrator key when another server created the administrator already.
         */
        static Server startShared(Path folder, OpenSearchSettings settings, CreatedAccessKey key) {
            OpenSearchLogStore store = OpenSearchLogStore.open(settings);
            OpenSearchMetricStore metricStore = OpenSearchMetricStore.open(settings);
            Database database = Database.open(folder, OpenSearchSharedState.open(settings));
            LoupeServer server = new LoupeServer(ServerConfig.of("127.0.0.1", 0, folder), store, metricStore, database, Clock.systemUTC());
            CreatedAccessKey administratorKey = server.users().createFirstAdministrator().map(created -> created.key()).orElse(key);
            server.start();
            URI base = URI.create("http://127.0.0.1:" + server.port());
            return new Server(server, database, store, metricStore, administratorKey,
                    base.resolve(server.sources().list().getFirst().receiverPath()));
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + server.port());
        }

        String authorization() {
            return "Basic " + Base64.getEncoder().encodeToString((key.accessId() + ":" + key.accessKey()).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            try {
                server.stop();
            } finally {
                database.close();
                store.close();
                metricStore.close();
            }
        }
    }

    @Test
    void dataIngestedThroughOneServerIsFoundThroughTheOther(OpenSearchNode node) throws Exception {
        OpenSearchSettings settings = OpenSearchSettings.of(List.of(node.url())).withIndexPrefix("shared")
                .withRefreshInterval(Duration.ofMillis(100));
        try (Server ingesting = Server.start(first, settings); Server searching = Server.start(second, settings)) {
            HttpResponse<String> posted = post(ingesting, "GET /api/orders 200 first\nPOST /api/orders 500 second\nGET /health 200 third");
            assertThat(posted.statusCode()).isEqualTo(200);
            JsonNode counted = search(searching, "_sourceCategory=* \"/api\" | count by _sourceHost");
            assertThat(counted.get("messageCount").asLong()).isEqualTo(2);
            assertThat(search(ingesting, "500").get("messageCount").asLong()).isEqualTo(1);
        }
    }

    @Test
    void keysSourcesMetricsAndAnInstalledAppMadeThroughOneServerAreUsedThroughTheOther(OpenSearchNode node) throws Exception {
        OpenSearchSettings settings = OpenSearchSettings.of(List.of(node.url())).withIndexPrefix("state")
                .withRefreshInterval(Duration.ofMillis(100));
        try (Server one = Server.startShared(first, settings, null); Server two = Server.startShared(second, settings, one.key())) {
            assertThat(two.key()).as("the second server found the first one's administrator").isSameAs(one.key());
            assertThat(get(two, "/api/v1/users").statusCode()).as("the first server's key works on the second").isEqualTo(200);
            assertThat(two.receiver()).as("both use the same default source").isEqualTo(two.base().resolve(one.receiver().getPath()));

            HttpResponse<String> source = send(one, "POST", "/api/v1/collectors/sources", "{\"name\":\"orders\",\"category\":\"shop/orders\"}");
            assertThat(source.statusCode()).as(source.body()).isIn(200, 201);
            String receiverPath = URI.create(MAPPER.readTree(source.body()).at("/source/url").asText()).getPath();
            HttpResponse<String> ingested = client.send(HttpRequest.newBuilder(two.base().resolve(receiverPath))
                    .POST(HttpRequest.BodyPublishers.ofString("order 42 shipped")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ingested.statusCode()).as("a source created on the first server takes data on the second").isEqualTo(200);
            assertThat(search(one, "_sourceCategory=shop/orders shipped").get("messageCount").asLong()).isEqualTo(1);

            long now = System.currentTimeMillis() / 60_000 * 60_000;
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(one.receiver()).header("Content-Type", "application/vnd.sumologic.carbon2")
                    .POST(HttpRequest.BodyPublishers.ofString("metric=orders shop=berlin  7 " + (now / 1000 - 120) + "\n"
                            + "metric=orders shop=berlin  9 " + (now / 1000 - 60) + "\n")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
            HttpResponse<String> queried = send(two, "POST", "/api/v1/metricsQueries", "{\"queries\":[{\"rowId\":\"A\",\"query\":"
                    + "\"metric=orders | sum by shop\",\"quantization\":60000,\"rollup\":\"Sum\"}],\"timeRange\":{\"type\":\"BeginBoundedTimeRange\","
                    + "\"from\":{\"type\":\"EpochTimeRangeBoundary\",\"epochMillis\":" + (now - 600_000) + "},\"to\":{\"type\":"
                    + "\"EpochTimeRangeBoundary\",\"epochMillis\":" + (now + 60_000) + "}}}");
            assertThat(queried.statusCode()).as(queried.body()).isEqualTo(200);
            JsonNode series = MAPPER.readTree(queried.body()).at("/queryResult/0/timeSeriesList/timeSeries/0");
            double total = 0;
            for (JsonNode value : series.at("/points/values")) {
                total += value.asDouble();
            }
            assertThat(total).as("metrics sent to the first server are read through the second: " + queried.body()).isEqualTo(16.0);

            JsonNode app = MAPPER.readTree(get(one, "/api/v1/apps").body()).at("/apps/0");
            String personal = MAPPER.readTree(get(one, "/api/v2/content/folders/personal").body()).get("id").asText();
            HttpResponse<String> started = send(one, "POST", "/api/v1/apps/" + app.at("/appDefinition/uuid").asText() + "/install",
                    "{\"name\":\"API Gateway (shared)\",\"description\":\"d\",\"destinationFolderId\":\"" + personal + "\","
                            + "\"dataSourceValues\":{\"logsrc\":\"_sourceCategory=aws/cloudtrail\",\"metricsrc\":\"_sourceCategory=aws/metrics\"}}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            String job = MAPPER.readTree(started.body()).get("id").asText();
            JsonNode status = MAPPER.readTree(get(one, "/api/v1/apps/install/" + job + "/status").body());
            for (int attempt = 0; attempt < 500 && status.get("status").asText().equals("InProgress"); attempt++) {
                Thread.sleep(20);
                status = MAPPER.readTree(get(one, "/api/v1/apps/install/" + job + "/status").body());
            }
            assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("Success");

            JsonNode folder = MAPPER.readTree(get(two, "/api/v2/content/folders/" + personal).body());
            JsonNode installed = folder.get("children").get(0);
            assertThat(installed.get("name").asText()).isEqualTo("API Gateway (shared)");
            JsonNode dashboards = MAPPER.readTree(get(two, "/api/v2/content/folders/" + installed.get("id").asText()).body()).get("children");
            assertThat(dashboards).hasSize(5);
            JsonNode dashboard = MAPPER.readTree(get(two, "/api/v2/dashboards").body()).get("dashboards").get(0);
            assertThat(get(two, "/api/v2/dashboards/" + dashboard.get("id").asText()).statusCode())
                    .as("an app dashboard installed through the first server is read through the second").isEqualTo(200);
            assertThat(two.server().fieldExtractionRules().list()).as("and the app's field extraction rule is in force there").isNotEmpty();
        }
    }

    @Test
    void killingTheNodeDuringIngestAnswers503AndLosesNothingAcknowledged(OpenSearchNode node) throws Exception {
        OpenSearchSettings settings = OpenSearchSettings.of(List.of(node.url())).withIndexPrefix("killed")
                .withRefreshInterval(Duration.ofMillis(100)).withRequestTimeout(Duration.ofSeconds(10));
        List<String> acknowledged = new ArrayList<>();
        List<Integer> refusals = new ArrayList<>();
        try (Server server = Server.start(first, settings)) {
            for (int request = 0; request < 5; request++) {
                String line = "before-kill line" + request;
                assertThat(post(server, line).statusCode()).isEqualTo(200);
                acknowledged.add(line);
            }
            node.kill();
            for (int request = 0; request < 3; request++) {
                HttpResponse<String> refused = post(server, "during-outage line" + request);
                refusals.add(refused.statusCode());
                if (refused.statusCode() == 200) {
                    acknowledged.add("during-outage line" + request);
                }
            }
            node.restart();
            for (int request = 0; request < 5; request++) {
                String line = "after-restart line" + request;
                assertThat(post(server, line).statusCode()).isEqualTo(200);
                acknowledged.add(line);
            }
            assertThat(refusals).allMatch(status -> status == 503 || status == 429);
            JsonNode all = search(server, "line*");
            assertThat(all.get("messageCount").asLong()).isEqualTo(acknowledged.size());
        }
    }

    private HttpResponse<String> get(Server server, String path) throws IOException, InterruptedException {
        return send(server, "GET", path, null);
    }

    private HttpResponse<String> send(Server server, String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.base().resolve(path)).header("Authorization", server.authorization())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Server server, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(server.receiver()).header("X-Sumo-Category", "test/shared")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a search job over the last hour and returns its final status. */
    private JsonNode search(Server server, String query) throws IOException, InterruptedException {
        long now = System.currentTimeMillis();
        String body = MAPPER.createObjectNode().put("query", query).put("from", now - 3_600_000).put("to", now + 60_000)
                .put("timeZone", "UTC").toString();
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(server.base().resolve("/api/v1/search/jobs"))
                .header("Authorization", server.authorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String id = MAPPER.readTree(created.body()).get("id").asText();
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            HttpResponse<String> status = client.send(HttpRequest.newBuilder(server.base().resolve("/api/v1/search/jobs/" + id))
                    .header("Authorization", server.authorization()).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = MAPPER.readTree(status.body());
            if (json.path("state").asText().equals("DONE GATHERING RESULTS")) {
                return json;
            }
            assertThat(System.currentTimeMillis()).as("search job " + query + " finishes: " + status.body()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
