package dev.loupe.server.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.TimeRange;
import dev.loupe.ingest.extraction.FieldExtractionRule;
import dev.loupe.server.RunningServer;
import dev.loupe.server.auth.CreatedAccessKey;
import dev.loupe.server.auth.Role;
import dev.loupe.server.auth.User;
import dev.loupe.server.persistence.Database;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.ScanOrder;
import dev.loupe.store.spi.TimeField;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Field Extraction Rules API through a real server over HTTP, and the rules it manages at ingest. */
class ExtractionRulesApiTest {
    private static final String PATH = ExtractionRuleController.PATH;
    private static final String RULE = """
            {"name":"Web requests","scope":"_sourceCategory=web","parseExpression":"parse \\"status=* \\" as status","enabled":true}""";

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
    void createGetListUpdateAndDeleteARule() {
        HttpResponse<String> created = running.postJson(PATH, RULE);
        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode rule = RunningServer.json(created);
        String id = rule.get("id").asText();
        assertThat(id).matches("[0-9A-F]{16}");
        assertThat(rule.get("name").asText()).isEqualTo("Web requests");
        assertThat(rule.get("scope").asText()).isEqualTo("_sourceCategory=web");
        assertThat(rule.get("parseExpression").asText()).isEqualTo("parse \"status=* \" as status");
        assertThat(rule.get("enabled").asBoolean()).isTrue();
        assertThat(rule.get("fieldNames")).extracting(JsonNode::asText).containsExactly("status");
        assertThat(rule.get("createdAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        String administrator = running.users.findByName("admin").orElseThrow().id();
        assertThat(rule.get("createdBy").asText()).isEqualTo(administrator);
        assertThat(rule.get("modifiedBy").asText()).isEqualTo(administrator);

        assertThat(RunningServer.json(running.get(PATH + "/" + id))).isEqualTo(rule);
        assertThat(RunningServer.json(running.get(PATH + "/" + id.toLowerCase()))).as("hex in either case").isEqualTo(rule);
        JsonNode list = RunningServer.json(running.get(PATH));
        assertThat(list.get("data")).containsExactly(rule);
        assertThat(list.get("next").isNull()).isTrue();

        running.clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> updated = send("PUT", PATH + "/" + id, """
                {"name":"Web statuses","scope":"_sourceCategory=web","parseExpression":"parse \\"status=* \\" as code","enabled":false}""");
        assertThat(updated.statusCode()).isEqualTo(200);
        JsonNode changed = RunningServer.json(updated);
        assertThat(changed.get("id").asText()).isEqualTo(id);
        assertThat(changed.get("name").asText()).isEqualTo("Web statuses");
        assertThat(changed.get("enabled").asBoolean()).isFalse();
        assertThat(changed.get("fieldNames")).extracting(JsonNode::asText).containsExactly("code");
        assertThat(changed.get("createdAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(changed.get("modifiedAt").asText()).isEqualTo("2026-01-01T00:01:00Z");

        assertThat(send("DELETE", PATH + "/" + id, null).statusCode()).isEqualTo(204);
        assertThat(running.get(PATH + "/" + id).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", PATH + "/" + id, null).statusCode()).isEqualTo(404);
        assertThat(RunningServer.json(running.get(PATH)).get("data")).isEmpty();
    }

    @Test
    void listPagesWithLimitAndToken() {
        List<String> created = new ArrayList<>();
        for (int index = 0; index < 5; index++) {
            running.clock.advance(Duration.ofSeconds(1));
            created.add(RunningServer.json(running.postJson(PATH, RULE.replace("Web requests", "rule " + index)))
                    .get("id").asText());
        }
        List<String> listed = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode page = RunningServer.json(running.get(PATH + "?limit=2" + (token == null ? "" : "&token=" + token)));
            assertThat(page.get("data").size()).isLessThanOrEqualTo(2);
            page.get("data").forEach(rule -> listed.add(rule.get("id").asText()));
            token = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(listed).as("in order of creation").isEqualTo(created);
        assertError(running.get(PATH + "?limit=0"), 400, "fer:invalid_request");
        assertError(running.get(PATH + "?limit=1001"), 400, "fer:invalid_request");
        assertError(running.get(PATH + "?token=abc"), 400, "fer:invalid_request");
    }

    @Test
    void invalidRulesAreRefusedWithSumoErrorBodies() {
        assertError(running.postJson(PATH, "{\"name\":\"x\",\"scope\":\"\"}"), 400, "fer:invalid_request");
        assertError(running.postJson(PATH, "not json"), 400, "fer:invalid_request");
        assertError(running.postJson(PATH, "{\"name\":\"x\",\"scope\":\"\",\"parseExpression\":\"json \\\"a\\\"\","
                + "\"enabled\":\"yes\"}"), 400, "fer:invalid_request");
        HttpResponse<String> invalid = running.postJson(PATH, "{\"name\":\"x\",\"scope\":\"\",\"parseExpression\":"
                + "\"| count by a\"}");
        assertError(invalid, 400, "fer:invalid_extraction_rule");
        assertThat(RunningServer.json(invalid).get("errors").get(0).get("message").asText()).contains("aggregate");
        assertError(running.postJson(PATH, "{\"name\":\"x\",\"scope\":\"\",\"parseExpression\":\"| jsn \\\"a\\\"\"}"),
                400, "fer:invalid_extraction_rule");
        assertThat(running.postJson(PATH, RULE).statusCode()).isEqualTo(200);
        assertError(running.postJson(PATH, RULE.replace("Web requests", "WEB REQUESTS")), 400, "fer:duplicate_name");
        assertError(running.get(PATH + "/0000000000000001"), 404, "fer:not_found");
        assertError(running.get(PATH + "/not-an-id"), 404, "fer:not_found");
        assertError(send("PUT", PATH + "/0000000000000001", RULE), 404, "fer:not_found");
        assertThat(RunningServer.json(running.get(PATH)).get("data")).hasSize(1);
    }

    @Test
    void usersReadButOnlyAdministratorsChangeRules() {
        User user = running.users.createUser("ann", "ann@example.com", Role.USER, "ann's long password");
        CreatedAccessKey annKey = running.users.createKey(user.id(), "laptop");
        String id = RunningServer.json(running.postJson(PATH, RULE)).get("id").asText();
        String ann = RunningServer.authorization(annKey);
        assertThat(running.send(HttpRequest.newBuilder(running.uri(PATH)).header("Authorization", ann).GET().build())
                .statusCode()).isEqualTo(200);
        assertThat(running.send(HttpRequest.newBuilder(running.uri(PATH + "/" + id)).header("Authorization", ann).GET()
                .build()).statusCode()).isEqualTo(200);
        for (String method : List.of("POST", "PUT", "DELETE")) {
            String path = method.equals("POST") ? PATH : PATH + "/" + id;
            HttpResponse<String> response = running.send(HttpRequest.newBuilder(running.uri(path))
                    .header("Authorization", ann).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(RULE.replace("Web requests", "ann's"))).build());
            assertThat(response.statusCode()).as(method).isEqualTo(403);
        }
    }

    @Test
    void enabledRulesExtractAtIngestAndChangesTakeEffectForTheNextMessages() {
        String id = RunningServer.json(running.postJson(PATH, RULE)).get("id").asText();
        post("status=200 first", "web");
        post("status=404 elsewhere", "other");
        send("PUT", PATH + "/" + id, RULE.replace("\"enabled\":true", "\"enabled\":false"));
        post("status=500 while disabled", "web");
        send("PUT", PATH + "/" + id, RULE);
        post("status=503 enabled again", "web");
        send("DELETE", PATH + "/" + id, null);
        post("status=502 deleted", "web");
        assertThat(fieldOf("first")).isEqualTo("200");
        assertThat(fieldOf("elsewhere")).as("out of scope").isNull();
        assertThat(fieldOf("while disabled")).isNull();
        assertThat(fieldOf("enabled again")).isEqualTo("503");
        assertThat(fieldOf("deleted")).isNull();
    }

    @Test
    void rulesStoredBeforeMigrationFiveGetAnIdAndStayInForce() throws Exception {
        running.close();
        Path older = dataDirectory.resolve("older");
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + older.resolve("loupe")
                + ";DB_CLOSE_ON_EXIT=FALSE", "loupe", ""); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE schema_version (version INT PRIMARY KEY, applied_millis BIGINT NOT NULL)");
            for (int version = 1; version <= 4; version++) {
                for (String sql : migration(version).split(";\\s*\\n")) {
                    String withoutComments = sql.lines().filter(line -> !line.strip().startsWith("--"))
                            .reduce("", (text, line) -> text + line + "\n").strip();
                    if (!withoutComments.isEmpty()) {
                        statement.execute(withoutComments.endsWith(";")
                                ? withoutComments.substring(0, withoutComments.length() - 1) : withoutComments);
                    }
                }
                statement.execute("INSERT INTO schema_version VALUES (" + version + ", 0)");
            }
            statement.execute("INSERT INTO field_extraction_rules (name, scope, parse_expression, created_millis) "
                    + "VALUES ('Web requests', '_sourceCategory=web', 'parse \"status=*\" as status', 42)");
        }
        try (Database database = Database.open(older)) {
            FieldExtractionRuleStore store = new FieldExtractionRuleStore(database, Clock.systemUTC());
            assertThat(store.all()).singleElement().satisfies(rule -> {
                assertThat(rule.hexId()).matches("[0-9A-F]{16}");
                assertThat(rule.enabled()).isTrue();
                assertThat(rule.modifiedMillis()).isEqualTo(42);
                assertThat(rule.createdBy()).isNull();
            });
            assertThat(store.list()).extracting(FieldExtractionRule::name).containsExactly("Web requests");
        }
        running = null;
    }

    private static String migration(int version) throws IOException {
        try (InputStream script = Database.class.getResourceAsStream("migrations/V" + version + ".sql")) {
            return new String(script.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void post(String line, String category) {
        HttpResponse<String> response = running.send(HttpRequest.newBuilder(running.uri(running.source.receiverPath()))
                .header("X-Sumo-Category", category).POST(HttpRequest.BodyPublishers.ofString(line)).build());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private String fieldOf(String rawSuffix) {
        try (LogCursor cursor = running.store.scan(new LogScan(TimeRange.all(), TimeField.RECEIPT_TIME,
                new KeywordExpression.MatchAll(), ScanOrder.UNORDERED))) {
            while (cursor.next()) {
                LogMessage message = cursor.current().message();
                if (message.raw().endsWith(rawSuffix)) {
                    return message.fields().get("status");
                }
            }
        }
        throw new AssertionError("no message ending with " + rawSuffix);
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return running.send(running.api(path).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = RunningServer.json(response);
        assertThat(body.get("id").asText()).isNotBlank();
        assertThat(body.get("errors").get(0).get("code").asText()).isEqualTo(code);
    }
}
