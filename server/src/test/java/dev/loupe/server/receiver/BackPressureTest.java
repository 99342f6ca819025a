package dev.loupe.server.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.LogMessage;
import dev.loupe.ingest.IngestLimits;
import dev.loupe.server.RunningServer;
import dev.loupe.server.ServerConfig;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.LogStore;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that cannot keep up makes the receivers answer 429 at once, and nothing acknowledged is lost. */
class BackPressureTest {
    @TempDir
    Path dataDirectory;

    /** A slow disk: every append waits until the test opens the gate, then keeps the batch. */
    static final class BlockingLogStore implements LogStore {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(2);
        final List<LogMessage> kept = new CopyOnWriteArrayList<>();

        @Override
        public void append(List<LogMessage> messages) {
            entered.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the store");
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
            kept.addAll(messages);
        }

        @Override
        public LogCursor scan(LogScan scan) {
            throw new UnsupportedOperationException("not needed");
        }

        @Override
        public void close() {}
    }

    @Test
    void aSaturatedStoreGets429WithSumosTextAndAcknowledgedDataIsKept() throws Exception {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, dataDirectory, IngestLimits.defaults(),
                ServerConfig.DEFAULT_MAX_REQUEST_BODY_BYTES, Duration.ofMinutes(15), 2);
        BlockingLogStore store = new BlockingLogStore();
        try (RunningServer running = new RunningServer(config, store)) {
            HttpClient client = HttpClient.newHttpClient();
            String url = running.uri(running.source.receiverPath()).toString();
            CompletableFuture<HttpResponse<String>> first = client.sendAsync(post(url, "first"),
                    HttpResponse.BodyHandlers.ofString());
            CompletableFuture<HttpResponse<String>> second = client.sendAsync(post(url, "second"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(store.entered.await(10, TimeUnit.SECONDS)).isTrue();

            HttpResponse<String> throttled = running.send(post(url, "third"));
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(RunningServer.json(throttled).get("message").asText()).isEqualTo(AppendGate.THROTTLED_MESSAGE);
            assertThat(RunningServer.json(throttled).get("code").asText()).isEqualTo(AppendGate.THROTTLED_CODE);
            HttpResponse<String> otlpThrottled = running.send(HttpRequest.newBuilder(
                    running.uri("/receiver/v1/otlp/" + running.source.token() + "/v1/logs"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(otlpLogs("otlp")))
                    .build());
            assertThat(otlpThrottled.statusCode()).as("the OTLP source shares the log store's gate").isEqualTo(429);
            assertThat(otlpThrottled.headers().firstValue("Retry-After")).hasValue("1");

            store.release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(running.send(post(url, "fourth")).statusCode()).as("permits come back").isEqualTo(200);
            assertThat(running.send(HttpRequest.newBuilder(running.uri("/receiver/v1/otlp/" + running.source.token()
                    + "/v1/logs")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(otlpLogs("fifth"))).build()).statusCode()).isEqualTo(200);
            assertThat(store.kept).extracting(LogMessage::raw)
                    .containsExactlyInAnyOrder("first", "second", "fourth", "fifth");
        }
    }

    private static String otlpLogs(String body) {
        return "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":{\"stringValue\":\"" + body + "\"}}]}]}]}";
    }

    private static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(java.net.URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
