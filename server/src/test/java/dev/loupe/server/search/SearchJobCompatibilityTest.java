package dev.loupe.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.LogMessage;
import dev.loupe.server.RunningServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Search Job scenarios of apis-and-clients.md §5.2 that sumo-java-client 2.5 cannot send (loose types, time
 * zones, paging edges, cookies, rate limits), plus AutoParse and the messages of aggregate queries, over raw HTTP.
 */
class SearchJobCompatibilityTest {
    /** 2026-01-01T00:00:00Z. */
    private static final long BASE = 1_767_225_600_000L;
    private static final long HOUR = 3_600_000L;

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

    private void add(String raw, long messageTime, long receiptTime) {
        running.store.append(List.of(new LogMessage(raw, messageTime, receiptTime, "app/a", "name", "host", "default",
                "loupe", Map.of())));
    }

    private String create(String body) {
        HttpResponse<String> response = running.postJson("/api/v1/search/jobs", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return RunningServer.json(response).get("id").asText();
    }

    private JsonNode awaitDone(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            JsonNode status = RunningServer.json(running.get("/api/v1/search/jobs/" + id));
            if (status.get("state").asText().equals("DONE GATHERING RESULTS")) {
                return status;
            }
            assertThat(System.nanoTime()).as("job %s did not finish", id).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException exception) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(exception);
            }
        }
    }

    private List<String> raws(String id, int offset, int limit) {
        JsonNode page = RunningServer.json(running.get("/api/v1/search/jobs/" + id + "/messages?offset=" + offset
                + "&limit=" + limit));
        List<String> raws = new ArrayList<>();
        page.get("messages").forEach(message -> raws.add(message.get("map").get("_raw").asText()));
        return raws;
    }

    private long count(String body) {
        return awaitDone(create(body)).get("messageCount").asLong();
    }

    @Test
    void byReceiptTimeInEveryShapeClientsSend() {
        add("late arrival", BASE - 48 * HOUR, BASE + 1000);
        add("on time", BASE + 2000, BASE + 2000);
        String window = "\"from\":" + BASE + ",\"to\":" + (BASE + HOUR);
        assertThat(count("{\"query\":\"*\"," + window + ",\"byReceiptTime\":\"true\"}")).isEqualTo(2);
        assertThat(count("{\"query\":\"*\"," + window + ",\"byReceiptTime\":true}")).isEqualTo(2);
        assertThat(count("{\"query\":\"*\"," + window + ",\"byReceiptTime\":\"False\"}")).isEqualTo(1);
        assertThat(count("{\"query\":\"*\"," + window + ",\"byReceiptTime\":null}")).isEqualTo(1);
    }

    @Test
    void isoLocalTimesAreReadInTheTimeZone() {
        long losAngelesMidnight = BASE + 8 * HOUR;
        add("la midnight", losAngelesMidnight, losAngelesMidnight);
        add("one ms before", losAngelesMidnight - 1, losAngelesMidnight);
        String window = "\"from\":\"2026-01-01T00:00:00\",\"to\":\"2026-01-01T00:00:01\"";
        String losAngeles = create("{\"query\":\"*\"," + window + ",\"timeZone\":\"America/Los_Angeles\"}");
        awaitDone(losAngeles);
        assertThat(raws(losAngeles, 0, 10)).containsExactly("la midnight");
        assertThat(count("{\"query\":\"*\"," + window + ",\"timeZone\":\"UTC\"}")).isZero();
        String endExclusive = "\"from\":\"2026-01-01T07:59:59\",\"to\":\"2026-01-01T08:00:00\"";
        String utc = create("{\"query\":\"*\"," + endExclusive + ",\"timeZone\":\"UTC\"}");
        awaitDone(utc);
        assertThat(raws(utc, 0, 10)).containsExactly("one ms before");
    }

    @Test
    void pagesOfTenTenFiveNewestFirstThenNothingPastTheEnd() {
        for (int index = 0; index < 25; index++) {
            add("message " + index, BASE + index * 1000L, BASE + index * 1000L);
        }
        String id = create("{\"query\":\"message\",\"from\":" + BASE + ",\"to\":" + (BASE + HOUR) + "}");
        awaitDone(id);
        List<String> all = new ArrayList<>();
        for (int offset = 0; offset < 25; offset += 10) {
            List<String> page = raws(id, offset, 10);
            assertThat(page).hasSize(offset == 20 ? 5 : 10);
            all.addAll(page);
        }
        assertThat(all.getFirst()).isEqualTo("message 24");
        assertThat(all.getLast()).isEqualTo("message 0");
        assertThat(raws(id, 25, 10)).isEmpty();
        assertThat(raws(id, 1000, 10)).isEmpty();
    }

    @Test
    void followUpCallsNeedNoCookie() {
        add("x", BASE, BASE);
        HttpResponse<String> created = running.postJson("/api/v1/search/jobs",
                "{\"query\":\"*\",\"from\":" + BASE + ",\"to\":" + (BASE + HOUR) + "}");
        assertThat(created.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie ->
                assertThat(cookie).startsWith("JSESSIONID="));
        String id = RunningServer.json(created).get("id").asText();
        assertThat(awaitDone(id).get("messageCount").asLong()).isEqualTo(1);
        HttpResponse<String> withCookie = running.send(running.api("/api/v1/search/jobs/" + id)
                .header("Cookie", "JSESSIONID=someone-elses").GET().build());
        assertThat(withCookie.statusCode()).isEqualTo(200);
    }

    @Test
    void aggregateQueriesPageTheMessagesThatMatched() {
        for (int index = 0; index < 12; index++) {
            add("event " + index, BASE + index * 1000L, BASE + index * 1000L);
        }
        String window = "\"from\":" + BASE + ",\"to\":" + (BASE + HOUR);
        String id = create("{\"query\":\"event | count by _sourceCategory\"," + window + "}");
        JsonNode status = awaitDone(id);
        assertThat(status.get("recordCount").asLong()).isEqualTo(1);
        assertThat(raws(id, 0, 5)).containsExactly("event 11", "event 10", "event 9", "event 8", "event 7");
        assertThat(raws(id, 10, 5)).containsExactly("event 1", "event 0");
        JsonNode fields = RunningServer.json(running.get("/api/v1/search/jobs/" + id + "/messages?offset=0&limit=1"))
                .get("fields");
        assertThat(fields.findValuesAsText("name")).contains("_raw", "_messagetime").doesNotContain("_count");

        String recordsOnly = create("{\"query\":\"event | count\"," + window + ",\"requiresRawMessages\":false}");
        awaitDone(recordsOnly);
        assertThat(raws(recordsOnly, 0, 5)).isEmpty();
    }

    @Test
    void autoParseFindsJsonFieldsManualDoesNot() {
        add("{\"event\":\"login\",\"user\":\"ann\"}", BASE + 1000, BASE + 1000);
        add("{\"event\":\"logout\",\"user\":\"ann\"}", BASE + 2000, BASE + 2000);
        String window = "\"from\":" + BASE + ",\"to\":" + (BASE + HOUR);
        String auto = create("{\"query\":\"event=login\"," + window + ",\"autoParsingMode\":\"AutoParse\"}");
        assertThat(awaitDone(auto).get("messageCount").asLong()).isEqualTo(1);
        JsonNode map = RunningServer.json(running.get("/api/v1/search/jobs/" + auto + "/messages?offset=0&limit=1"))
                .get("messages").get(0).get("map");
        assertThat(map.get("event").asText()).isEqualTo("login");
        assertThat(count("{\"query\":\"event=login\"," + window + ",\"autoParsingMode\":\"Manual\"}")).isZero();
        assertThat(count("{\"query\":\"event=login\"," + window + ",\"autoParsingMode\":\"intelligent\"}"))
                .isEqualTo(1);
    }

    @Test
    void tooManyRequestsAreAnswered429WithRetryAfter() {
        add("x", BASE, BASE);
        String id = create("{\"query\":\"*\",\"from\":" + BASE + ",\"to\":" + (BASE + HOUR) + "}");
        HttpResponse<String> refused = null;
        for (int attempt = 0; attempt < 3_000 && refused == null; attempt++) {
            HttpResponse<String> response = running.get("/api/v1/search/jobs/" + id);
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
        assertThat(refused).as("no 429 within 3000 requests").isNotNull();
        JsonNode body = RunningServer.json(refused);
        assertThat(body.get("status").asInt()).isEqualTo(429);
        assertThat(body.get("code").asText()).isEqualTo("rate.limit.exceeded");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.headers().firstValue("Cache-Control")).isPresent();
    }
}
