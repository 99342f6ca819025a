package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import dev.loupe.query.QueryResult;
import dev.loupe.server.auth.CreatedAccessKey;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The lookup options of {@code serve} and {@code demo}: threat files imported at start, a threat feed refreshed
 * on a schedule, and {@code GET /api/v1/lookups} describing them with their attributions.
 */
class LookupOptionsTest {
    @TempDir
    Path folder;

    @Test
    void threatFilesAndAFeedAnswerThreatLookupsAndAreDescribed() throws Exception {
        Path csv = folder.resolve("indicators.csv");
        Files.writeString(csv, "indicator,actor,malicious_confidence\n198.51.100.23,FANCY BEAR,high\n");
        Path stix = folder.resolve("bundle.json");
        Files.writeString(stix, """
                {"type":"bundle","id":"bundle--1","objects":[{"type":"indicator","id":"indicator--1",
                "pattern":"[ipv4-addr:value = '198.51.100.24']","pattern_type":"stix","confidence":90}]}""");
        AtomicReference<String> feedBody = new AtomicReference<>("indicator,malicious_confidence\n198.51.100.25,low\n");
        HttpServer feed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        feed.createContext("/feed.csv", exchange -> {
            byte[] body = feedBody.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        feed.start();
        try {
            String feedUrl = "http://127.0.0.1:" + feed.getAddress().getPort() + "/feed.csv";
            ServerOptions options = CommandLine.populateCommand(new ServerOptions(), "--data", folder.resolve("data").toString(),
                    "--threat-file", csv.toString(), "--threat-file", stix.toString(), "--threat-feed", feedUrl,
                    "--threat-feed-interval", "1s");
            try (RunningInstance instance = RunningInstance.start("127.0.0.1", 0, options.dataDirectory,
                    RunningInstance.Options.withLookups(options.lookupOptions()))) {
                long now = System.currentTimeMillis();
                instance.ingestStore().append(List.of(message("198.51.100.23", now), message("198.51.100.24", now),
                        message("198.51.100.25", now), message("192.0.2.1", now)));
                CreatedAccessKey key = instance.firstAdministrator().orElseThrow().key();
                SearchJobClient search = new SearchJobClient(URI.create(instance.baseUrl()), key.accessId(), key.accessKey());
                String query = "* | parse \"ip=*\" as ip | lookup malicious_confidence, actor from sumo://threat/cs on threat=ip"
                        + " | where !isNull(malicious_confidence) | count by ip, malicious_confidence, actor | sort by ip asc";
                waitFor(() -> rows(search.run(query, now - 60_000, now + 60_000, "UTC", false)).size() == 3);
                assertThat(rows(search.run(query, now - 60_000, now + 60_000, "UTC", false))).containsExactly(
                        List.of("198.51.100.23", "high", "FANCY BEAR"), List.of("198.51.100.24", "high", ""),
                        List.of("198.51.100.25", "low", ""));

                feedBody.set("indicator,malicious_confidence\n198.51.100.25,high\n");
                waitFor(() -> rows(search.run(query, now - 60_000, now + 60_000, "UTC", false))
                        .contains(List.of("198.51.100.25", "high", "")));

                JsonNode lookups = get(instance, key, "/api/v1/lookups");
                assertThat(lookups.at("/geoLocation/precision").asText()).isEqualTo("country");
                assertThat(lookups.at("/geoLocation/cityDatabase").isNull()).isTrue();
                assertThat(lookups.at("/threatIntel/indicators").asInt()).isGreaterThan(100_000);
                assertThat(lookups.at("/threatIntel/feed/url").asText()).isEqualTo(feedUrl);
                assertThat(lookups.at("/threatIntel/feed/intervalSeconds").asLong()).isEqualTo(1);
                assertThat(lookups.at("/threatIntel/feed/lastCount").asInt()).isEqualTo(1);
                assertThat(lookups.get("attributions").findValuesAsText("url")).contains("https://www.nro.net");
            }
        } finally {
            feed.stop(0);
        }
    }

    @Test
    void unreadableLookupDataAndBadIntervalsAreClearErrors() {
        ServerOptions options = CommandLine.populateCommand(new ServerOptions(), "--data", folder.resolve("data").toString(),
                "--geo-city-database", folder.resolve("missing.mmdb").toString());
        assertThatThrownBy(() -> RunningInstance.start("127.0.0.1", 0, options.dataDirectory,
                RunningInstance.Options.withLookups(options.lookupOptions())))
                .isInstanceOf(LoupeException.class).hasMessageContaining("missing.mmdb");
        assertThat(ServerOptions.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ServerOptions.duration("6h")).isEqualTo(Duration.ofHours(6));
        assertThat(ServerOptions.duration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(ServerOptions.duration("PT30M")).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> ServerOptions.duration("soon")).isInstanceOf(LoupeException.class);
    }

    private static LogMessage message(String ip, long time) {
        return new LogMessage("call from ip=" + ip, time, time, "test/threat", "test", "", "test", "test", Map.of());
    }

    private static List<List<String>> rows(QueryResult result) {
        return result.rows().stream().map(row -> List.of(String.valueOf(row[result.fieldIndex("ip")]),
                String.valueOf(row[result.fieldIndex("malicious_confidence")]),
                row[result.fieldIndex("actor")] == null ? "" : String.valueOf(row[result.fieldIndex("actor")]))).toList();
    }

    private static JsonNode get(RunningInstance instance, CreatedAccessKey key, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(instance.baseUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((key.accessId() + ":" + key.accessKey())
                        .getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    /** Polls with a 10 s bound. */
    private static void waitFor(Check check) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(100);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }
}
