package dev.loupe.server.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.ingest.extraction.FieldExtractionRule;
import dev.loupe.server.RunningServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Apps API over a real server: the shipped catalog, install as a job, the installed content. */
class AppsApiTest {
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
    void listGetInstallThenTheContentIsUnderTheDestination() {
        JsonNode apps = RunningServer.json(running.get("/api/v1/apps")).get("apps");
        assertThat(apps).hasSize(1);
        JsonNode app = apps.get(0);
        String uuid = app.at("/appDefinition/uuid").asText();
        assertThat(app.at("/appDefinition/name").asText()).isEqualTo("AWS API Gateway");
        assertThat(app.at("/appManifest/parameters")).extracting(parameter -> parameter.get("parameterId").asText())
                .containsExactly("logsrc", "metricsrc");
        assertThat(RunningServer.json(running.get("/api/v1/apps/" + uuid))).isEqualTo(app);

        String personal = RunningServer.json(running.get("/api/v2/content/folders/personal")).get("id").asText();
        HttpResponse<String> started = running.postJson("/api/v1/apps/" + uuid + "/install",
                "{\"name\":\"API Gateway (prod)\",\"description\":\"AWS API Gateway app\",\"destinationFolderId\":\""
                        + personal + "\",\"dataSourceValues\":{\"logsrc\":\"_sourceCategory=aws/cloudtrail\","
                        + "\"metricsrc\":\"_sourceCategory=aws/metrics\"}}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String job = RunningServer.json(started).get("id").asText();
        JsonNode status = RunningServer.json(running.get("/api/v1/apps/install/" + job + "/status"));
        for (int attempt = 0; attempt < 500 && status.get("status").asText().equals("InProgress"); attempt++) {
            status = RunningServer.json(running.get("/api/v1/apps/install/" + job + "/status"));
        }
        assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("Success");

        JsonNode destination = RunningServer.json(running.get("/api/v2/content/folders/" + personal));
        JsonNode installed = destination.get("children").get(0);
        assertThat(installed.get("name").asText()).isEqualTo("API Gateway (prod)");
        JsonNode folder = RunningServer.json(running.get("/api/v2/content/folders/" + installed.get("id").asText()));
        assertThat(folder.get("description").asText()).isEqualTo("AWS API Gateway app");
        assertThat(folder.get("children")).hasSize(5).allSatisfy(child -> assertThat(child.get("itemType").asText())
                .isEqualTo("Dashboard"));
        assertThat(running.server.fieldExtractionRules().list()).as("installing the app installs its rule")
                .containsExactly(FieldExtractionRule.apiGatewayCloudTrail());
    }

    @Test
    void theContentOfAnAppIsServedForPreviews() {
        String uuid = RunningServer.json(running.get("/api/v1/apps")).at("/apps/0/appDefinition/uuid").asText();
        JsonNode content = RunningServer.json(running.get("/api/v1/apps/" + uuid + "/content"));
        assertThat(content.get("type").asText()).isEqualTo("FolderSyncDefinition");
        assertThat(content.get("children")).hasSize(5).allSatisfy(dashboard -> {
            assertThat(dashboard.get("type").asText()).isEqualTo("DashboardV2SyncDefinition");
            assertThat(dashboard.get("panels")).isNotEmpty();
        });
        assertThat(running.get("/api/v1/apps/no-such-app/content").statusCode()).isEqualTo(404);
    }

    @Test
    void installRequestsAreChecked() {
        String uuid = RunningServer.json(running.get("/api/v1/apps")).at("/apps/0/appDefinition/uuid").asText();
        assertThat(running.get("/api/v1/apps/no-such-app").statusCode()).isEqualTo(404);
        HttpResponse<String> missingName = running.postJson("/api/v1/apps/" + uuid + "/install",
                "{\"description\":\"d\",\"destinationFolderId\":\"0000000000000001\"}");
        assertThat(missingName.statusCode()).isEqualTo(400);
        HttpResponse<String> missingFolder = running.postJson("/api/v1/apps/" + uuid + "/install",
                "{\"name\":\"n\",\"description\":\"d\",\"destinationFolderId\":\"0000000000000001\"}");
        assertThat(missingFolder.statusCode()).isEqualTo(404);
        assertThat(missingFolder.body()).contains("Content with the given ID does not exist.");
        assertThat(running.get("/api/v1/apps/install/0000000000000001/status").statusCode()).isEqualTo(404);
    }
}
