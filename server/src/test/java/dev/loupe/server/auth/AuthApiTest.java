package dev.loupe.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.server.RunningServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials on every API route, roles, sign-in with CSRF, and secrets stored only as hashes. */
class AuthApiTest {
    @TempDir
    static Path dataDirectory;
    static RunningServer running;
    static User ann;
    static CreatedAccessKey annKey;
    static final String ANN_PASSWORD = "ann's long password";

    @BeforeAll
    static void start() {
        running = new RunningServer(dataDirectory);
        ann = running.users.createUser("ann", "ann@example.com", Role.USER, ANN_PASSWORD);
        annKey = running.users.createKey(ann.id(), "ann's laptop");
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void everyApiRouteWithoutCredentialsIs401WithTheChallenge() {
        List<String> endpoints = running.server.endpoints();
        assertThat(endpoints).contains("GET /api/v1/users", "POST /api/v1/collectors/sources",
                "GET /api/v1/search/jobs/{id}");
        List<String> checked = new ArrayList<>();
        for (String endpoint : endpoints) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "X1");
            if (!path.startsWith("/api/") || path.equals("/api/health")
                    || (method.equals("POST") && path.equals(SessionController.PATH)) || method.equals("BEFORE")
                    || method.equals("AFTER") || method.equals("BEFORE_MATCHED") || method.equals("AFTER_MATCHED")) {
                continue;
            }
            HttpResponse<String> response = running.send(HttpRequest.newBuilder(running.uri(path))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")
                    .build());
            assertThat(response.statusCode()).as(endpoint).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(endpoint).hasValue("Basic realm=\"Loupe\"");
            checked.add(endpoint);
        }
        assertThat(checked).hasSizeGreaterThan(15);
    }

    @Test
    void theWebUisScriptCallsGetNoBasicChallengeSoTheBrowserOpensNoPasswordDialog() {
        HttpResponse<String> response = running.send(HttpRequest.newBuilder(running.uri(SessionController.PATH))
                .header("X-Requested-With", "XMLHttpRequest").GET().build());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void usersSeeThemselvesButNotTheAdministration() {
        assertThat(send("GET", "/api/v1/users", annKey, null).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/users", annKey, "{\"name\":\"eve\",\"role\":\"administrator\"}").statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/api/v1/collectors/sources", annKey, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/accessKeys", annKey, null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/users/" + running.users.findByName("admin").orElseThrow().id(), annKey, null)
                .statusCode()).isEqualTo(403);
        HttpResponse<String> self = send("GET", "/api/v1/users/" + ann.id(), annKey, null);
        assertThat(self.statusCode()).isEqualTo(200);
        assertThat(RunningServer.json(self).get("role").asText()).isEqualTo("user");
        HttpResponse<String> forbidden = send("GET", "/api/v1/users", annKey, null);
        assertThat(RunningServer.json(forbidden).get("errors").get(0).get("code").asText()).isEqualTo("forbidden");
    }

    @Test
    void administratorsManageUsersAndKeys() {
        HttpResponse<String> created = running.postJson("/api/v1/users",
                "{\"name\":\"bob\",\"email\":\"bob@example.com\",\"role\":\"user\",\"password\":\"bob password 1\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String bobId = RunningServer.json(created).get("id").asText();
        assertThat(bobId).matches("[0-9A-F]{16}");
        HttpResponse<String> key = running.postJson("/api/v1/accessKeys", "{\"label\":\"ci\",\"userId\":\"" + bobId + "\"}");
        assertThat(key.statusCode()).isEqualTo(201);
        JsonNode keyBody = RunningServer.json(key);
        CreatedAccessKey bobKey = new CreatedAccessKey(keyBody.get("id").asText(), keyBody.get("key").asText(), "ci");
        HttpResponse<String> personal = send("GET", "/api/v1/accessKeys/personal", bobKey, null);
        assertThat(personal.statusCode()).isEqualTo(200);
        assertThat(RunningServer.json(personal).get("data")).singleElement()
                .satisfies(entry -> assertThat(entry.has("key") && !entry.get("key").isNull()).isFalse());
        assertThat(send("GET", "/api/v1/users", running.key, null).body()).contains("\"bob\"");
        assertThat(send("DELETE", "/api/v1/users/" + bobId, running.key, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/accessKeys/personal", bobKey, null).statusCode()).isEqualTo(401);
    }

    @Test
    void usersManageOnlyTheirOwnKeys() {
        HttpResponse<String> own = send("POST", "/api/v1/accessKeys", annKey, "{\"label\":\"second\"}");
        assertThat(own.statusCode()).isEqualTo(201);
        String adminId = running.users.findByName("admin").orElseThrow().id();
        assertThat(send("POST", "/api/v1/accessKeys", annKey, "{\"label\":\"x\",\"userId\":\"" + adminId + "\"}")
                .statusCode()).isEqualTo(403);
        assertThat(send("DELETE", "/api/v1/accessKeys/" + running.key.accessId(), annKey, null).statusCode())
                .isEqualTo(403);
        assertThat(send("DELETE", "/api/v1/accessKeys/" + RunningServer.json(own).get("id").asText(), annKey, null)
                .statusCode()).isEqualTo(204);
    }

    @Test
    void signInSetsAStrictHttpOnlyCookieAndUnsafeRequestsNeedTheCsrfHeader() {
        HttpResponse<String> wrong = running.send(HttpRequest.newBuilder(running.uri(SessionController.PATH))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ann\",\"password\":\"nope\"}")).build());
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> signedIn = running.send(HttpRequest.newBuilder(running.uri(SessionController.PATH))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ann\",\"password\":\"" + ANN_PASSWORD + "\"}"))
                .build());
        assertThat(signedIn.statusCode()).isEqualTo(200);
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(Authenticator.SESSION_COOKIE + "=").contains("HttpOnly", "SameSite=Strict");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = RunningServer.json(signedIn).get("csrfToken").asText();
        assertThat(RunningServer.json(signedIn).get("user").get("name").asText()).isEqualTo("ann");

        HttpResponse<String> read = running.send(HttpRequest.newBuilder(running.uri("/api/v1/session"))
                .header("Cookie", cookie).GET().build());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(RunningServer.json(read).get("csrfToken").asText()).as("a new tab learns the CSRF token").isEqualTo(csrf);
        String search = "{\"query\":\"*\",\"from\":0,\"to\":1000}";
        HttpResponse<String> withoutCsrf = running.send(HttpRequest.newBuilder(running.uri("/api/v1/search/jobs"))
                .header("Cookie", cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(search)).build());
        assertThat(withoutCsrf.statusCode()).isEqualTo(403);
        HttpResponse<String> wrongCsrf = running.send(HttpRequest.newBuilder(running.uri("/api/v1/search/jobs"))
                .header("Cookie", cookie).header(Authenticator.CSRF_HEADER, csrf + "x")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(search)).build());
        assertThat(wrongCsrf.statusCode()).isEqualTo(403);
        HttpResponse<String> withCsrf = running.send(HttpRequest.newBuilder(running.uri("/api/v1/search/jobs"))
                .header("Cookie", cookie).header(Authenticator.CSRF_HEADER, csrf)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(search)).build());
        assertThat(withCsrf.statusCode()).isEqualTo(202);

        HttpResponse<String> signedOut = running.send(HttpRequest.newBuilder(running.uri(SessionController.PATH))
                .header("Cookie", cookie).header(Authenticator.CSRF_HEADER, csrf).DELETE().build());
        assertThat(signedOut.statusCode()).isEqualTo(204);
        assertThat(signedOut.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        HttpResponse<String> afterSignOut = running.send(HttpRequest.newBuilder(running.uri("/api/v1/session"))
                .header("Cookie", cookie).GET().build());
        assertThat(afterSignOut.statusCode()).isEqualTo(401);
    }

    @Test
    void passwordsKeysAndSessionTokensAreStoredOnlyAsHashes() {
        List<String> stored = running.database.read(connection -> {
            List<String> values = new ArrayList<>();
            for (String sql : List.of("SELECT password_hash FROM users", "SELECT key_hash FROM access_keys",
                    "SELECT token_hash FROM sessions")) {
                try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        values.add(rows.getString(1));
                    }
                }
            }
            return values;
        });
        String everything = String.join("\n", stored.stream().map(String::valueOf).toList());
        assertThat(everything).doesNotContain(ANN_PASSWORD, annKey.accessKey(), running.key.accessKey(),
                running.administratorPassword);
        assertThat(stored).filteredOn(value -> value != null && value.startsWith("$2b$")).hasSizeGreaterThanOrEqualTo(4);
    }

    private static HttpResponse<String> send(String method, String path, CreatedAccessKey key, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(running.uri(path))
                .header("Authorization", RunningServer.authorization(key));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return running.send(builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build());
    }
}
