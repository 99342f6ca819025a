package dev.loupe.server.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.server.RunningServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Dashboards API v2 over a real server: CRUD, paging, stored-as-given panels, and the library link. */
class DashboardsApiTest {
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

    /** The first dashboard of the real app, as a {@code DashboardRequest}. */
    static ObjectNode overviewRequest(String title) {
        ObjectNode dashboard = (ObjectNode) RequestSequence.app().path("children").get(0).deepCopy();
        dashboard.remove("type");
        dashboard.remove("name");
        dashboard.put("title", title);
        return dashboard;
    }

    @Test
    void createReadUpdateDelete() {
        HttpResponse<String> created = running.postJson("/api/v2/dashboards", overviewRequest("Overview").toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode dashboard = RunningServer.json(created);
        String id = dashboard.get("id").asText();
        assertThat(id).hasSize(60);
        assertThat(dashboard.get("contentId").asText()).matches("[0-9A-F]{16}");
        String personal = RunningServer.json(running.get("/api/v2/content/folders/personal")).get("id").asText();
        assertThat(dashboard.get("folderId").asText()).isEqualTo(personal);

        JsonNode read = RunningServer.json(running.get("/api/v2/dashboards/" + id));
        assertThat(read.at("/panels/1/visualSettings").isTextual()).isTrue();
        assertThat(read.at("/layout/layoutStructures/0/structure").isTextual()).isTrue();
        assertThat(read.get("panels")).isEqualTo(overviewRequest("x").get("panels"));
        assertThat(read.get("variables")).isEqualTo(overviewRequest("x").get("variables"));
        assertThat(read.get("timeRange")).isEqualTo(overviewRequest("x").get("timeRange"));

        ObjectNode change = overviewRequest("Renamed");
        change.put("refreshInterval", 300);
        HttpResponse<String> updated = running.send(running.api("/api/v2/dashboards/" + id)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(change.toString())).build());
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(RunningServer.json(updated).get("title").asText()).isEqualTo("Renamed");
        assertThat(RunningServer.json(updated).get("refreshInterval").asInt()).isEqualTo(300);
        JsonNode folder = RunningServer.json(running.get("/api/v2/content/folders/" + personal));
        assertThat(folder.at("/children/0/name").asText()).isEqualTo("Renamed");
        assertThat(folder.at("/children/0/itemType").asText()).isEqualTo("Dashboard");

        HttpResponse<String> deleted = running.send(running.api("/api/v2/dashboards/" + id).DELETE().build());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        HttpResponse<String> gone = running.get("/api/v2/dashboards/" + id);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(RunningServer.json(gone).at("/errors/0/code").asText()).isEqualTo("dashboard:not_found");
    }

    @Test
    void pagesWithLimitAndToken() {
        Set<String> created = new HashSet<>();
        for (int index = 0; index < 5; index++) {
            created.add(RunningServer.json(running.postJson("/api/v2/dashboards",
                    overviewRequest("Dashboard " + index).toString())).get("id").asText());
        }
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode page = RunningServer.json(running.get("/api/v2/dashboards?limit=2"
                    + (token == null ? "" : "&token=" + token)));
            assertThat(page.get("dashboards").size()).isLessThanOrEqualTo(2);
            page.get("dashboards").forEach(dashboard -> seen.add(dashboard.get("id").asText()));
            token = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).isEqualTo(created);
        assertThat(running.get("/api/v2/dashboards?limit=101").statusCode()).isEqualTo(400);
    }

    @Test
    void importedDashboardsAreListedAndRequestsAreChecked() {
        String personal = RunningServer.json(running.get("/api/v2/content/folders/personal")).get("id").asText();
        String job = RunningServer.json(running.postJson("/api/v2/content/folders/" + personal + "/import",
                RequestSequence.app().toString())).get("id").asText();
        for (int attempt = 0; attempt < 500 && RunningServer.json(running.get("/api/v2/content/folders/" + personal
                + "/import/" + job + "/status")).get("status").asText().equals("InProgress"); attempt++) {
            Thread.onSpinWait();
        }
        JsonNode page = RunningServer.json(running.get("/api/v2/dashboards?mode=allViewableByUser&limit=100"));
        assertThat(page.get("dashboards")).hasSize(5);
        assertThat(page.get("next").isNull()).isTrue();
        HttpResponse<String> untitled = running.postJson("/api/v2/dashboards", "{\"timeRange\":{}}");
        assertThat(untitled.statusCode()).isEqualTo(400);
        assertThat(RunningServer.json(untitled).at("/errors/0/message").asText()).contains("title");
    }
}
