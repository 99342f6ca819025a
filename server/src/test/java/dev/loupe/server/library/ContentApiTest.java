package dev.loupe.server.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.RunningServer;
import dev.loupe.server.ServerConfig;
import dev.loupe.server.auth.Role;
import dev.loupe.server.auth.SecretHasher;
import dev.loupe.server.auth.User;
import dev.loupe.server.auth.UserDirectory;
import dev.loupe.server.persistence.Database;
import dev.loupe.testing.InMemoryLogStore;
import dev.loupe.testing.InMemoryMetricStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Content API v2 over a real server: the replayed client sequences, the app round trip, durability. */
class ContentApiTest {
    @TempDir
    Path dataDirectory;
    RunningServer running;

    @BeforeEach
    void start() {
        running = new RunningServer(dataDirectory);
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void pythonSdkSequence() {
        new RequestSequence(running).replay("python-sdk-sequence.json");
    }

    @Test
    void terraformSequence() {
        new RequestSequence(running).replay("terraform-sequence.json");
    }

    @Test
    void apiGatewayAppRoundTripsThroughImportAndExport() {
        String personal = RunningServer.json(running.get("/api/v2/content/folders/personal")).get("id").asText();
        String app = importApp(personal);
        JsonNode exported = export(app);
        assertThat(exported.path("children")).hasSize(5);
        assertThat(exported.at("/children/0/panels/1/visualSettings").isTextual()).isTrue();
        assertThat(exported.at("/children/0/layout/layoutStructures/0/structure").isTextual()).isTrue();
        assertThat(exported.at("/children/0/panels/1").has("id")).isTrue();
        assertThat(exported.at("/children/0/panels/1/id").isNull()).isTrue();
        assertThat(exported).isEqualTo(RequestSequence.app());
    }

    @Test
    void contentIdsAreSixteenUpperCaseHexDigitsAndPathsResolve() {
        JsonNode personal = RunningServer.json(running.get("/api/v2/content/folders/personal"));
        String app = importApp(personal.get("id").asText());
        assertThat(app).matches("[0-9A-F]{16}");
        String path = RunningServer.json(running.get("/api/v2/content/" + app + "/path")).get("path").asText();
        assertThat(path).isEqualTo("/Library/Users/" + UserDirectory.FIRST_ADMINISTRATOR + "/AWS API Gateway");
        JsonNode item = RunningServer.json(running.get("/api/v2/content/path?path="
                + path.replace(" ", "%20")));
        assertThat(item.get("id").asText()).isEqualTo(app);
        assertThat(item.get("permissions")).hasSize(6);
    }

    @Test
    void copyAndMoveKeepTheDefinitions() {
        String personal = RunningServer.json(running.get("/api/v2/content/folders/personal")).get("id").asText();
        String app = importApp(personal);
        String target = RunningServer.json(running.postJson("/api/v2/content/folders",
                "{\"name\":\"Target\",\"parentId\":\"" + personal + "\"}")).get("id").asText();
        String job = RunningServer.json(running.postJson("/api/v2/content/" + app + "/copy?destinationFolder="
                + target, "")).get("id").asText();
        pollSuccess("/api/v2/content/" + app + "/copy/" + job + "/status");
        String copy = RunningServer.json(running.get("/api/v2/content/" + app + "/copy/" + job + "/result"))
                .get("id").asText();
        assertThat(export(copy)).isEqualTo(RequestSequence.app());
        HttpResponse<String> moved = running.postJson("/api/v2/content/" + copy + "/move?destinationFolderId="
                + personal, "");
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(RunningServer.json(moved).get("parentId").asText()).isEqualTo(personal);
        HttpResponse<String> intoItself = running.postJson("/api/v2/content/" + personal
                + "/move?destinationFolderId=" + target, "");
        assertThat(intoItself.statusCode()).isEqualTo(400);
    }

    @Test
    void globalAndAdminRecommendedFoldersAreAsyncJobs() {
        for (String view : new String[] {"global", "adminRecommended"}) {
            String job = RunningServer.json(running.get("/api/v2/content/folders/" + view)).get("id").asText();
            assertThat(job).matches("[0-9A-F]{16}");
            pollSuccess("/api/v2/content/folders/" + view + "/" + job + "/status");
            JsonNode result = RunningServer.json(running.get("/api/v2/content/folders/" + view + "/" + job
                    + "/result"));
            assertThat(result.get("data").isArray()).as(result.toString()).isTrue();
        }
    }

    @Test
    void invalidDefinitionsAreRejectedWithTheV2ErrorBody() {
        String personal = RunningServer.json(running.get("/api/v2/content/folders/personal")).get("id").asText();
        HttpResponse<String> response = running.postJson("/api/v2/content/folders/" + personal + "/import",
                "{\"type\":\"NoSuchSyncDefinition\",\"name\":\"x\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = RunningServer.json(response);
        assertThat(body.has("id")).isTrue();
        assertThat(body.at("/errors/0/code").asText()).isEqualTo("content:invalid_definition");
        assertThat(running.get("/api/v2/content/folders/00000000000000AB").body())
                .contains("Content with the given ID does not exist.");
    }

    @Test
    void anotherUsersPersonalFolderIsForbiddenUnlessAnAdministratorUsesAdminMode() {
        String adminPersonal = RunningServer.json(running.get("/api/v2/content/folders/personal")).get("id")
                .asText();
        User bob = running.users.createUser("bob", "bob@example.com", Role.USER, "a long enough password 1");
        String bobAuthorization = RunningServer.authorization(running.users.createKey(bob.id(), "bob's key"));
        String bobPersonal = RunningServer.json(send("/api/v2/content/folders/personal", bobAuthorization, false))
                .get("id").asText();
        importApp(bobPersonal, bobAuthorization);

        HttpResponse<String> bobReadsAdmin = send("/api/v2/content/folders/" + adminPersonal, bobAuthorization, true);
        assertThat(bobReadsAdmin.statusCode()).isEqualTo(403);
        assertThat(RunningServer.json(bobReadsAdmin).at("/errors/0/code").asText())
                .isEqualTo("content:access_denied");
        assertThat(send("/api/v2/content/folders/" + bobPersonal, running.authorization(), false).statusCode())
                .isEqualTo(403);
        HttpResponse<String> adminMode = send("/api/v2/content/folders/" + bobPersonal, running.authorization(),
                true);
        assertThat(adminMode.statusCode()).isEqualTo(200);
        assertThat(RunningServer.json(adminMode).at("/children/0/name").asText()).isEqualTo("AWS API Gateway");
    }

    @Test
    void contentSurvivesARestart() {
        String personal = RunningServer.json(running.get("/api/v2/content/folders/personal")).get("id").asText();
        String app = importApp(personal, running.authorization());
        String authorization = running.authorization();
        running.close();
        try (Database database = Database.open(dataDirectory)) {
            LoupeServer server = new LoupeServer(ServerConfig.of("127.0.0.1", 0, dataDirectory),
                    new InMemoryLogStore(), new InMemoryMetricStore(), database, new SecretHasher(4),
                    Clock.systemUTC());
            server.start();
            try {
                HttpResponse<String> again = running.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + "/api/v2/content/folders/personal")).header("Authorization",
                                authorization).build());
                assertThat(RunningServer.json(again).get("id").asText()).isEqualTo(personal);
                assertThat(RunningServer.json(again).at("/children/0/id").asText()).isEqualTo(app);
                assertThat(RunningServer.json(again).at("/children/0/name").asText()).isEqualTo("AWS API Gateway");
            } finally {
                server.stop();
            }
        }
        running = null;
    }

    HttpResponse<String> send(String path, String authorization, boolean adminMode) {
        HttpRequest.Builder request = HttpRequest.newBuilder(running.uri(path)).header("Authorization", authorization);
        if (adminMode) {
            request.header("isAdminMode", "true");
        }
        return running.send(request.build());
    }

    String importApp(String folder) {
        return importApp(folder, running.authorization());
    }

    String importApp(String folder, String authorization) {
        HttpResponse<String> started = running.send(HttpRequest.newBuilder(running.uri("/api/v2/content/folders/"
                + folder + "/import?overwrite=false")).header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RequestSequence.app().toString())).build());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String job = RunningServer.json(started).get("id").asText();
        String statusPath = "/api/v2/content/folders/" + folder + "/import/" + job + "/status";
        for (int attempt = 0; attempt < 500; attempt++) {
            JsonNode status = RunningServer.json(send(statusPath, authorization, false));
            if (!status.get("status").asText().equals("InProgress")) {
                assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("Success");
                return status.get("statusMessage").asText().split(":")[1];
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("import job " + job + " did not finish");
    }

    JsonNode export(String content) {
        HttpResponse<String> started = running.send(running.api("/api/v2/content/" + content + "/export")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String job = RunningServer.json(started).get("id").asText();
        pollSuccess("/api/v2/content/" + content + "/export/" + job + "/status");
        return RunningServer.json(running.get("/api/v2/content/" + content + "/export/" + job + "/result"));
    }

    JsonNode pollSuccess(String statusPath) {
        for (int attempt = 0; attempt < 500; attempt++) {
            JsonNode status = RunningServer.json(running.get(statusPath));
            if (!status.get("status").asText().equals("InProgress")) {
                assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("Success");
                return status;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException exception) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(exception);
            }
        }
        throw new AssertionError("job at " + statusPath + " did not finish");
    }
}
