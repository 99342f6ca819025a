package dev.loupe.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.LogMessage;
import dev.loupe.server.RunningServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchJobApiTest {
    /** 2026-01-01T00:00:00Z. */
    private static final long BASE = 1_767_225_600_000L;

    @TempDir
    Path dataDirectory;
    RunningServer running;

    @BeforeEach
    void start() {
        running = new RunningServer(dataDirectory);
        List<LogMessage> messages = new ArrayList<>();
        for (int index = 0; index < 25; index++) {
            String category = index % 5 == 0 ? "app/b" : "app/a";
            messages.add(new LogMessage("message " + index, BASE + index * 1000L, BASE + index * 1000L, category,
                    "name", "host", "default", "loupe", Map.of()));
        }
        running.store.append(messages);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private String create(String body) {
        HttpResponse<String> response = running.postJson("/api/v1/search/jobs", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = RunningServer.json(response).get("id").asText();
        assertThat(response.headers().firstValue("Location")).hasValue(running.uri("/api/v1/search/jobs/" + id).toString());
        assertThat(response.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie ->
                assertThat(cookie).startsWith("JSESSIONID=").contains("Path=/api"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache, no-store, max-age=0, must-revalidate");
        JsonNode link = RunningServer.json(response).get("link");
        assertThat(link.get("rel").asText()).isEqualTo("self");
        assertThat(link.get("href").asText()).endsWith("/api/v1/search/jobs/" + id);
        return id;
    }

    private JsonNode awaitDone(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            HttpResponse<String> response = running.get("/api/v1/search/jobs/" + id + "?");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/json"));
            JsonNode status = RunningServer.json(response);
            if (status.get("state").asText().equals("DONE GATHERING RESULTS")) {
                return status;
            }
            assertThat(status.get("state").asText()).isIn("NOT STARTED", "GATHERING RESULTS");
            assertThat(System.nanoTime()).as("job %s did not finish", id).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException exception) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(exception);
            }
        }
    }

    @Test
    void lifecycleWithIsoTimes() {
        String id = create("{\"query\":\"*\",\"from\":\"2026-01-01T00:00:00\",\"to\":\"2026-01-01T01:00:00\","
                + "\"timeZone\":\"UTC\",\"byReceiptTime\":\"false\",\"autoParsingMode\":\"Manual\"}");
        JsonNode status = awaitDone(id);
        assertThat(status.get("messageCount").asLong()).isEqualTo(25);
        assertThat(status.get("recordCount").asLong()).isZero();
        assertThat(status.get("pendingErrors")).isEmpty();
        assertThat(status.has("pendingErrorDetails")).as("Loupe's addition is absent without errors").isFalse();
        assertThat(status.has("histogramBuckets")).isTrue();
        assertThat(status.has("pendingWarnings")).isTrue();

        JsonNode page = RunningServer.json(running.get("/api/v1/search/jobs/" + id + "/messages?offset=0&limit=1"));
        JsonNode map = page.get("messages").get(0).get("map");
        assertThat(map.get("_raw").asText()).isEqualTo("message 24");
        assertThat(map.get("_messagetime").isTextual()).isTrue();
        assertThat(map.get("_messagetime").asText()).isEqualTo(Long.toString(BASE + 24_000));
        for (JsonNode field : page.get("fields")) {
            assertThat(field.get("name").asText()).isLowerCase();
            assertThat(field.get("fieldType").asText()).isIn("string", "long", "int", "double", "boolean");
        }
        map.properties().forEach(entry -> assertThat(entry.getValue().isTextual()).isTrue());

        HttpResponse<String> deleted = running.send(running.api("/api/v1/search/jobs/" + id).DELETE().build());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(RunningServer.json(deleted).get("id").asText()).isEqualTo(id);
        HttpResponse<String> gone = running.get("/api/v1/search/jobs/" + id);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(RunningServer.json(gone).get("code").asText()).isEqualTo("jobid.invalid");
    }

    @Test
    void epochTimesAsNumbersAndStringsGiveTheSameResult() {
        String numbers = create("{\"query\":\"*\",\"from\":" + BASE + ",\"to\":" + (BASE + 10_000)
                + ",\"byReceiptTime\":true}");
        String strings = create("{\"query\":\"*\",\"from\":\"" + BASE + "\",\"to\":\"" + (BASE + 10_000)
                + "\",\"byReceiptTime\":null}");
        String offset = create("{\"query\":\"*\",\"from\":\"2026-01-01T09:00:00+09:00\","
                + "\"to\":\"2026-01-01T09:00:10+09:00\",\"timezone\":\"Asia/Tokyo\"}");
        assertThat(awaitDone(numbers).get("messageCount").asLong()).isEqualTo(10);
        assertThat(awaitDone(strings).get("messageCount").asLong()).isEqualTo(10);
        assertThat(awaitDone(offset).get("messageCount").asLong()).isEqualTo(10);
    }

    @Test
    void pagesOfTenTenFiveNewestFirst() {
        String id = create("{\"query\":\"*\",\"from\":" + BASE + ",\"to\":" + (BASE + 3_600_000) + "}");
        awaitDone(id);
        List<String> raws = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 10) {
            JsonNode page = RunningServer.json(running.get("/api/v1/search/jobs/" + id + "/messages?offset=" + offset
                    + "&limit=10"));
            sizes.add(page.get("messages").size());
            for (JsonNode message : page.get("messages")) {
                raws.add(message.get("map").get("_raw").asText());
            }
        }
        assertThat(sizes).containsExactly(10, 10, 5);
        assertThat(raws).hasSize(25);
        assertThat(raws.getFirst()).isEqualTo("message 24");
        assertThat(raws.getLast()).isEqualTo("message 0");
        JsonNode beyond = RunningServer.json(running.get("/api/v1/search/jobs/" + id + "/messages?offset=100&limit=10"));
        assertThat(beyond.get("messages")).isEmpty();
    }

    @Test
    void recordsHaveKeyFieldsAndStringValues() {
        String id = create("{\"query\":\"* | count by _sourceCategory\",\"from\":" + BASE + ",\"to\":"
                + (BASE + 3_600_000) + "}");
        JsonNode status = awaitDone(id);
        assertThat(status.get("recordCount").asLong()).isEqualTo(2);
        JsonNode records = RunningServer.json(running.get("/api/v1/search/jobs/" + id + "/records?offset=0&limit=10"));
        Map<String, Boolean> keyFields = new HashMap<>();
        for (JsonNode field : records.get("fields")) {
            keyFields.put(field.get("name").asText(), field.get("keyField").asBoolean());
        }
        assertThat(keyFields).containsEntry("_sourcecategory", true).containsEntry("_count", false);
        Map<String, String> counts = new HashMap<>();
        for (JsonNode record : records.get("records")) {
            JsonNode map = record.get("map");
            assertThat(map.get("_count").isTextual()).isTrue();
            counts.put(map.get("_sourcecategory").asText(), map.get("_count").asText());
        }
        assertThat(counts).containsEntry("app/a", "20").containsEntry("app/b", "5");
    }

    @Test
    void queryErrorsArePendingErrorsOfADoneJob() {
        String id = create("{\"query\":\"* | nosuchoperator x\",\"from\":0,\"to\":1000}");
        JsonNode status = awaitDone(id);
        assertThat(status.get("pendingErrors")).hasSize(1);
        assertThat(status.get("pendingErrors").get(0).asText()).contains("line 1");
        assertThat(status.get("messageCount").asLong()).isZero();
        JsonNode again = RunningServer.json(running.get("/api/v1/search/jobs/" + id));
        assertThat(again.get("pendingErrors")).isEmpty();
        assertThat(again.has("pendingErrorDetails")).isFalse();
    }

    @Test
    void aQueryErrorSaysWhereItIsInMachineReadableFields() {
        String id = create("{\"query\":\"error\\n| jsn \\\"x\\\"\",\"from\":0,\"to\":1000}");
        JsonNode status = awaitDone(id);
        String text = status.get("pendingErrors").get(0).asText();
        JsonNode detail = status.get("pendingErrorDetails").get(0);
        assertThat(detail.get("line").asInt()).isEqualTo(2);
        assertThat(detail.get("column").asInt()).isEqualTo(3);
        assertThat(detail.get("start").asInt()).isEqualTo(8);
        assertThat(detail.get("end").asInt()).isEqualTo(11);
        assertThat(detail.get("code").asText()).isNotBlank();
        assertThat(text).isEqualTo("line 2, col 3: " + detail.get("message").asText());
        assertThat(detail.get("message").asText()).contains("jsn");
    }

    @Test
    void recordsOfANonAggregateQueryIsAnError() {
        String id = create("{\"query\":\"*\",\"from\":" + BASE + ",\"to\":" + (BASE + 1000) + "}");
        awaitDone(id);
        assertError(running.get("/api/v1/search/jobs/" + id + "/records?offset=0&limit=10"), 400,
                "no.records.not.an.aggregation.query");
    }

    @Test
    void createErrors() {
        String path = "/api/v1/search/jobs";
        assertError(running.postJson(path, "{\"from\":0,\"to\":1}"), 400, "searchjob.no.query");
        assertError(running.postJson(path, "{\"query\":\"*\",\"from\":\"-1h\",\"to\":1}"), 400,
                "searchjob.invalid.timestamp.from");
        assertError(running.postJson(path, "{\"query\":\"*\",\"from\":0,\"to\":\"now\"}"), 400,
                "searchjob.invalid.timestamp.to");
        assertError(running.postJson(path, "{\"query\":\"*\",\"from\":0}"), 400, "searchjob.invalid.timestamp.to");
        assertError(running.postJson(path, "{\"query\":\"*\",\"from\":1000,\"to\":0}"), 400,
                "searchjob.to.smaller.than.from");
        assertError(running.postJson(path, "{\"query\":\"*\",\"from\":0,\"to\":1,\"timeZone\":\"Mars/Olympus\"}"), 400,
                "searchjob.unknown.timezone");
        assertError(running.postJson(path, "{\"query\":\"*\",\"from\":0,\"to\":1,\"timeZone\":\"\"}"), 400,
                "searchjob.empty.timezone");
        assertError(running.postJson(path, "{not json"), 400, "searchjob.generic");
        assertError(running.send(running.api(path).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"*\",\"from\":0,\"to\":1}")).build()), 415,
                "contenttype.invalid");
    }

    @Test
    void pagingErrors() {
        String id = create("{\"query\":\"*\",\"from\":0,\"to\":1}");
        String messages = "/api/v1/search/jobs/" + id + "/messages";
        assertError(running.get(messages + "?limit=10"), 400, "offset.missing");
        assertError(running.get(messages + "?offset=-1&limit=10"), 400, "offset.negative");
        assertError(running.get(messages + "?offset=0"), 400, "limit.missing");
        assertError(running.get(messages + "?offset=0&limit=0"), 400, "limit.zero");
        assertError(running.get(messages + "?offset=0&limit=-5"), 400, "limit.negative");
        assertError(running.get("/api/v1/search/jobs/NOSUCHJOB/messages?offset=0&limit=10"), 404, "jobid.invalid");
        assertError(running.get("/api/v1/search/jobs/NOSUCHJOB"), 404, "jobid.invalid");
        assertError(running.send(running.api("/api/v1/search/jobs/NOSUCHJOB").DELETE().build()), 404, "jobid.invalid");
    }

    @Test
    void idleJobsExpire() {
        String id = create("{\"query\":\"*\",\"from\":0,\"to\":1}");
        running.clock.advance(Duration.ofMinutes(10));
        assertThat(running.get("/api/v1/search/jobs/" + id).statusCode()).isEqualTo(200);
        running.clock.advance(Duration.ofMinutes(14));
        assertThat(running.get("/api/v1/search/jobs/" + id).statusCode()).isEqualTo(200);
        running.clock.advance(Duration.ofMinutes(16));
        assertError(running.get("/api/v1/search/jobs/" + id), 404, "jobid.invalid");
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = RunningServer.json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("id").asText()).isNotBlank();
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache, no-store, max-age=0, must-revalidate");
    }
}
