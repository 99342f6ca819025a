package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthAndAuthTest {
    @TempDir
    static Path dataDirectory;
    static RunningServer running;

    @BeforeAll
    static void start() {
        running = new RunningServer(dataDirectory);
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void healthNeedsNoCredentials() {
        HttpResponse<String> response = running.send(HttpRequest.newBuilder(running.uri("/api/health")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RunningServer.json(response).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void rootSendsBrowsersToTheUserInterface() {
        HttpResponse<String> response = running.send(HttpRequest.newBuilder(running.uri("/")).build());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/ui/");
    }

    @Test
    void userInterfaceAndEchartsAreServedWithoutCredentials() {
        HttpResponse<String> page = running.send(HttpRequest.newBuilder(running.uri("/ui/")).build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("js/main.js");
        HttpResponse<String> script = running.send(HttpRequest.newBuilder(running.uri("/ui/js/main.js")).build());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        HttpResponse<String> echarts = running.send(HttpRequest.newBuilder(
                running.uri("/webjars/echarts/5.5.0/echarts.min.js")).build());
        assertThat(echarts.statusCode()).isEqualTo(200);
    }

    @Test
    void endpointsPageListsTheEndpointsWithoutCredentials() {
        HttpResponse<String> response = running.send(HttpRequest.newBuilder(running.uri("/endpoints")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("/receiver/v1/http/").contains("/api/v1/search/jobs");
    }

    @Test
    void noCredentialsGetsChallenge() {
        HttpResponse<String> response = running.send(HttpRequest.newBuilder(running.uri("/api/v1/search/jobs/ABC")).build());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Loupe\"");
        JsonNode body = RunningServer.json(response);
        assertThat(body.get("status").asInt()).isEqualTo(401);
        assertThat(body.get("code").asText()).isEqualTo("unauthorized");
        assertThat(body.get("id").asText()).isNotBlank();
        assertThat(body.get("message").asText()).isNotBlank();
    }

    @Test
    void wrongKeyIsRejected() {
        String wrong = "Basic " + Base64.getEncoder().encodeToString((running.key.accessId() + ":nope").getBytes());
        HttpResponse<String> response = running.send(HttpRequest.newBuilder(running.uri("/api/v1/search/jobs/ABC"))
                .header("Authorization", wrong).build());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void goodKeyIsAccepted() {
        HttpResponse<String> response = running.postJson("/api/v1/search/jobs",
                "{\"query\":\"*\",\"from\":0,\"to\":1000}");
        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void challengeThenCredentials() {
        List<String> challenges = new ArrayList<>();
        HttpClient challenged = HttpClient.newBuilder().authenticator(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                challenges.add(getRequestingScheme() + " " + getRequestingPrompt());
                return new PasswordAuthentication(running.key.accessId(), running.key.accessKey().toCharArray());
            }
        }).build();
        HttpResponse<String> response = running.send(challenged,
                HttpRequest.newBuilder(running.uri("/api/v1/search/jobs")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"*\",\"from\":0,\"to\":1000}")).build());
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(challenges).hasSize(1);
        assertThat(challenges.getFirst()).containsIgnoringCase("basic").contains("Loupe");
    }

    @Test
    void internalDetailsNeverReachTheClient() {
        HttpResponse<String> response = running.send(HttpRequest.newBuilder(running.uri("/no/such/route")).build());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("at dev.loupe", "Exception");
    }
}
