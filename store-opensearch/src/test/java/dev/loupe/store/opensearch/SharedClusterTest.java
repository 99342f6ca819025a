package dev.loupe.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerConfig;
import dev.loupe.server.auth.CreatedAccessKey;
import dev.loupe.server.persistence.Database;
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
 * Two real Loupe servers (each with its own data folder for users and sources) on one OpenSearch node: what one
 * ingests the other finds through the Search Job API; and when the node is killed during ingest, the servers answer
 * 503 and lose nothing they acknowledged, and ingest resumes when the node is back.
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
    private record Server(LoupeServer server, Database database, OpenSearchLogStore store, CreatedAccessKey key,
            URI receiver) implements AutoCloseable {
        static Server start(Path folder, OpenSearchSettings settings) {
            OpenSearchLogStore store = OpenSearchLogStore.open(settings);
            Database database = Database.open(folder);
            LoupeServer server = new LoupeServer(ServerConfig.of("127.0.0.1", 0, folder), store, new InMemoryMetricStore(),
                    database, Clock.systemUTC());
            CreatedAccessKey key = server.users().createFirstAdministrator().orElseThrow().key();
            server.start();
            URI base = URI.create("http://127.0.0.1:" + server.port());
            return new Server(server, database, store, key, base.resolve(server.sources().list().getFirst().receiverPath()));
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
