package dev.loupe.server.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.TimeRange;
import dev.loupe.server.RunningServer;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.ScanOrder;
import dev.loupe.store.spi.TimeField;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiverApiTest {
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

    private HttpRequest.Builder receiver() {
        return HttpRequest.newBuilder(running.uri("/receiver/v1/http/" + running.source.token()));
    }

    private List<LogMessage> stored() {
        List<LogMessage> messages = new ArrayList<>();
        try (LogCursor cursor = running.store.scan(new LogScan(TimeRange.all(), TimeField.RECEIPT_TIME,
                new KeywordExpression.MatchAll(), ScanOrder.UNORDERED))) {
            while (cursor.next()) {
                messages.add(cursor.current().message());
            }
        }
        return messages;
    }

    private List<String> storedRaws() {
        return stored().stream().map(LogMessage::raw).toList();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] deflate(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void plainLinesAreStoredAndAnsweredWithAnEmpty200() {
        HttpResponse<String> response = running.send(receiver().header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("first line\nsecond line\n")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue(ReceiverController.REJECTED_HEADER)).isEmpty();
        assertThat(storedRaws()).containsExactlyInAnyOrder("first line", "second line");
        LogMessage message = stored().getFirst();
        assertThat(message.sourceCategory()).isEqualTo(HttpSourceRegistry.DEFAULT_SOURCE_CATEGORY);
        assertThat(message.sourceName()).isEqualTo(HttpSourceRegistry.DEFAULT_SOURCE_NAME);
        assertThat(message.source()).isEqualTo(HttpSourceRegistry.DEFAULT_SOURCE_NAME);
        assertThat(message.sourceHost()).isEqualTo("127.0.0.1");
        assertThat(message.receiptTime()).isEqualTo(RunningServer.START_MILLIS);
    }

    @Test
    void gzipAndDeflateBodies() throws IOException {
        assertThat(running.send(receiver().header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip("zipped one\nzipped two"))).build()).statusCode())
                .isEqualTo(200);
        assertThat(running.send(receiver().header("Content-Encoding", "deflate")
                .POST(HttpRequest.BodyPublishers.ofByteArray(deflate("deflated"))).build()).statusCode())
                .isEqualTo(200);
        assertThat(storedRaws()).containsExactlyInAnyOrder("zipped one", "zipped two", "deflated");
    }

    @Test
    void sumoHeadersBecomeMetadata() {
        HttpResponse<String> response = running.send(receiver().header("Content-Type", "application/json")
                .header("X-Sumo-Category", "aws/apigateway").header("X-Sumo-Name", "gateway")
                .header("X-Sumo-Host", "web-1").header("X-Sumo-Fields", "env=dev, cluster=k8s")
                .POST(HttpRequest.BodyPublishers.ofString("{\"msg\":\"hello\"}")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        LogMessage message = stored().getFirst();
        assertThat(message.sourceCategory()).isEqualTo("aws/apigateway");
        assertThat(message.sourceName()).isEqualTo("gateway");
        assertThat(message.sourceHost()).isEqualTo("web-1");
        assertThat(message.fields()).isEqualTo(Map.of("env", "dev", "cluster", "k8s"));
    }

    @Test
    void malformedFieldsAreA400NamingThePair() {
        HttpResponse<String> response = running.send(receiver().header("X-Sumo-Fields", "env=dev,broken")
                .POST(HttpRequest.BodyPublishers.ofString("line")).build());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("'broken'");
        assertThat(stored()).isEmpty();
    }

    @Test
    void corruptGzipIsA400AndStoresNothing() throws IOException {
        byte[] valid = gzip("good line\nanother good line\n".repeat(50));
        byte[] truncated = Arrays.copyOf(valid, valid.length / 2);
        HttpResponse<String> response = running.send(receiver().header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(truncated)).build());
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = RunningServer.json(response);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(stored()).isEmpty();
    }

    @Test
    void anOversizedLineIsRejectedAndTheOthersKept() {
        String huge = "x".repeat(10 * 1024 * 1024);
        HttpResponse<String> response = running.send(receiver()
                .POST(HttpRequest.BodyPublishers.ofString("good one\n" + huge + "\ngood two\n")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(ReceiverController.REJECTED_HEADER)).hasValue("1");
        JsonNode body = RunningServer.json(response);
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        assertThat(body.get("rejected").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(body.get("rejected").get(0).get("reason").asText()).isNotBlank();
        assertThat(storedRaws()).containsExactlyInAnyOrder("good one", "good two");
    }

    @Test
    void invalidUtf8IsKeptWithAWarning() {
        byte[] body = {'o', 'k', '\n', 'b', 'a', 'd', (byte) 0xC3, (byte) 0x28, '\n'};
        HttpResponse<String> response = running.send(receiver().POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(ReceiverController.REJECTED_HEADER)).hasValue("0");
        assertThat(RunningServer.json(response).get("warnings")).isNotEmpty();
        assertThat(storedRaws()).hasSize(2).contains("ok");
    }

    @Test
    void unknownTokenIs401() {
        HttpResponse<String> response = running.send(HttpRequest.newBuilder(running.uri("/receiver/v1/http/wrong"))
                .POST(HttpRequest.BodyPublishers.ofString("line")).build());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        HttpResponse<String> missing = running.send(HttpRequest.newBuilder(running.uri("/receiver/v1/http"))
                .POST(HttpRequest.BodyPublishers.ofString("line")).build());
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(stored()).isEmpty();
    }

    @Test
    void tokenInTheSumoTokenHeader() {
        HttpResponse<String> response = running.send(HttpRequest.newBuilder(running.uri("/receiver/v1/http"))
                .header("X-Sumo-Token", running.source.token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b&c=d")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(storedRaws()).containsExactly("a=b&c=d");
    }

    @Test
    void legacyGetUpload() {
        HttpResponse<String> response = running.send(HttpRequest.newBuilder(running.uri("/receiver/v1/http/"
                + running.source.token() + "?hello%20from%20get")).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(storedRaws()).containsExactly("hello from get");
    }

    @Test
    void corsPreflight() {
        HttpResponse<String> response = running.send(receiver().header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-sumo-category")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(response.statusCode()).isBetween(200, 204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(methods ->
                assertThat(methods).contains("POST"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(headers ->
                assertThat(headers).containsIgnoringCase("x-sumo-category"));
        HttpResponse<String> post = running.send(receiver().header("Origin", "https://app.example")
                .POST(HttpRequest.BodyPublishers.ofString("cors line")).build());
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
    }
}
