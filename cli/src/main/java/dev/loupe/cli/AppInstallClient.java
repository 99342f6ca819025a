package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Installs a catalog app into the caller's Personal folder through a server's Apps API, exactly as a user or
 * script would (personal folder, app list, install job, status), so the demo exercises the real path.
 */
final class AppInstallClient {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    AppInstallClient(URI base, String accessId, String accessKey) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((accessId + ":" + accessKey).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Installs the catalog app named {@code appName} into the Personal folder and waits for the job.
     *
     * @return the content id of the installed app's folder
     * @throws LoupeException when the app is not in the catalog or the install fails, with the server's message
     */
    String installIntoPersonalFolder(String appName) throws IOException, InterruptedException {
        String personal = send("GET", "/api/v2/content/folders/personal", null).path("id").asText();
        String uuid = null;
        for (JsonNode app : send("GET", "/api/v1/apps", null).path("apps")) {
            if (app.path("appDefinition").path("name").asText().equals(appName)) {
                uuid = app.path("appDefinition").path("uuid").asText();
            }
        }
        if (uuid == null) {
            throw new LoupeException(ErrorCode.NOT_FOUND, "the app catalog has no app named '" + appName + "'");
        }
        String request = mapper.createObjectNode().put("name", appName).put("description", appName + " app")
                .put("destinationFolderId", personal).toString();
        String job = send("POST", "/api/v1/apps/" + uuid + "/install", request).path("id").asText();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            JsonNode status = send("GET", "/api/v1/apps/install/" + job + "/status", null);
            switch (status.path("status").asText()) {
                case "Success" -> {
                    String message = status.path("statusMessage").asText();
                    return message.substring(message.indexOf(':') + 1);
                }
                case "Failed" -> throw new LoupeException(ErrorCode.INTERNAL, "installing " + appName + " failed: "
                        + status.path("error"));
                default -> {
                    if (System.nanoTime() > deadline) {
                        throw new LoupeException(ErrorCode.INTERNAL, "installing " + appName + " did not finish within "
                                + PATIENCE.toSeconds() + " s");
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    private JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new LoupeException(ErrorCode.INTERNAL, "the server answered " + response.statusCode() + " to " + method
                    + " " + path + ": " + response.body());
        }
        return mapper.readTree(response.body());
    }
}
