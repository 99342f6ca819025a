package dev.loupe.server.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.TimeRange;
import dev.loupe.server.RunningServer;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.ScanOrder;
import dev.loupe.store.spi.TimeField;
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

/** HTTP sources through the API, and their defaults under the X-Sumo-* headers. */
class SourcesApiTest {
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
    void createListGetAndDeleteASource() {
        HttpResponse<String> created = running.postJson(SourceController.PATH, "{\"source\":{\"name\":\"web\","
                + "\"category\":\"prod/web\",\"hostName\":\"web-1\",\"fields\":{\"team\":\"infra\"},"
                + "\"timeZone\":\"Europe/Berlin\",\"timestampFormat\":\"dd/MM/yyyy HH:mm:ss\"}}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode source = RunningServer.json(created).get("source");
        assertThat(source.get("id").asText()).matches("[0-9A-F]{16}");
        assertThat(source.get("sourceType").asText()).isEqualTo("HTTP");
        assertThat(source.get("url").asText()).startsWith(running.uri("/receiver/v1/http/").toString());
        assertThat(source.get("fields").get("team").asText()).isEqualTo("infra");
        assertThat(RunningServer.json(running.get(SourceController.PATH)).get("sources")).hasSize(2);
        assertThat(running.get(SourceController.PATH + "/" + source.get("id").asText()).statusCode()).isEqualTo(200);
        HttpResponse<String> posted = post(source.get("url").asText(), "hello", List.of());
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(running.send(running.api(SourceController.PATH + "/" + source.get("id").asText()).DELETE().build())
                .statusCode()).isEqualTo(204);
        assertThat(post(source.get("url").asText(), "hello", List.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void invalidSourcesAre400() {
        assertThat(running.postJson(SourceController.PATH, "{\"source\":{\"name\":\"x\"}}").statusCode()).isEqualTo(400);
        assertThat(running.postJson(SourceController.PATH, "{\"name\":\"x\",\"category\":\"c\",\"timeZone\":\"Nowhere/City\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void sourceDefaultsApplyAndHeadersOverrideThem() {
        JsonNode source = RunningServer.json(running.postJson(SourceController.PATH, "{\"name\":\"web\","
                + "\"category\":\"prod/web\",\"hostName\":\"web-1\",\"fields\":{\"team\":\"infra\",\"tier\":\"front\"},"
                + "\"timeZone\":\"America/New_York\",\"timestampFormat\":\"dd/MM/yyyy HH:mm:ss\"}")).get("source");
        String url = source.get("url").asText();
        assertThat(post(url, "01/08/2024 13:33:28 defaults", List.of()).statusCode()).isEqualTo(200);
        assertThat(post(url, "2024-08-01 13:33:28 overridden", List.of("X-Sumo-Category", "override/cat",
                "X-Sumo-Name", "other-name", "X-Sumo-Host", "other-host", "X-Sumo-Fields", "team=web")).statusCode())
                .isEqualTo(200);
        List<LogMessage> messages = allMessages();
        LogMessage defaults = messages.stream().filter(message -> message.raw().endsWith("defaults")).findFirst().orElseThrow();
        assertThat(defaults.sourceCategory()).isEqualTo("prod/web");
        assertThat(defaults.sourceName()).isEqualTo("web");
        assertThat(defaults.sourceHost()).isEqualTo("web-1");
        assertThat(defaults.fields()).containsEntry("team", "infra").containsEntry("tier", "front");
        assertThat(defaults.messageTime()).isEqualTo(Instant.parse("2024-08-01T17:33:28Z").toEpochMilli());
        LogMessage overridden = messages.stream().filter(message -> message.raw().endsWith("overridden")).findFirst()
                .orElseThrow();
        assertThat(overridden.sourceCategory()).isEqualTo("override/cat");
        assertThat(overridden.sourceName()).isEqualTo("other-name");
        assertThat(overridden.sourceHost()).isEqualTo("other-host");
        assertThat(overridden.fields()).containsEntry("team", "web").containsEntry("tier", "front");
        assertThat(overridden.messageTime()).as("a zoneless ISO time, read in the source's zone")
                .isEqualTo(Instant.parse("2024-08-01T17:33:28Z").toEpochMilli());
    }

    private HttpResponse<String> post(String url, String body, List<String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(java.net.URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int index = 0; index < headers.size(); index += 2) {
            builder.header(headers.get(index), headers.get(index + 1));
        }
        return running.send(builder.build());
    }

    private List<LogMessage> allMessages() {
        List<LogMessage> messages = new ArrayList<>();
        try (LogCursor cursor = running.store.scan(new LogScan(TimeRange.all(), TimeField.RECEIPT_TIME,
                new KeywordExpression.MatchAll(), ScanOrder.UNORDERED))) {
            while (cursor.next()) {
                messages.add(cursor.current().message());
            }
        }
        return messages;
    }
}
