package dev.loupe.server.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.ingest.IngestLimits;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.MutableClock;
import dev.loupe.server.RunningServer;
import dev.loupe.server.ServerConfig;
import dev.loupe.server.auth.SecretHasher;
import dev.loupe.server.persistence.Database;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.spi.ScanOrder;
import dev.loupe.store.spi.TimeField;
import dev.loupe.testing.InMemoryLogStore;
import dev.loupe.testing.InMemoryMetricStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiverLimitsTest {
    @TempDir
    Path dataDirectory;

    /** A store whose disk is full. */
    private static final class FullLogStore implements LogStore {
        @Override
        public void append(List<LogMessage> messages) {
            throw new LoupeException(ErrorCode.STORAGE_FULL, "no space left on the data volume");
        }

        @Override
        public LogCursor scan(LogScan scan) {
            throw new UnsupportedOperationException("not needed");
        }

        @Override
        public void close() {}
    }

    private HttpResponse<String> post(LogStore store, long maxBodyBytes, String body) throws Exception {
        MutableClock clock = new MutableClock(RunningServer.START_MILLIS);
        ServerConfig config = new ServerConfig("127.0.0.1", 0, dataDirectory, IngestLimits.defaults(), maxBodyBytes,
                Duration.ofMinutes(15));
        try (Database database = Database.open(dataDirectory)) {
            LoupeServer server = new LoupeServer(config, store, new InMemoryMetricStore(), database,
                    new SecretHasher(4), clock);
            server.start();
            HttpSourceRegistry sources = server.sources();
            try {
                URI uri = URI.create("http://127.0.0.1:" + server.port() + sources.list().getFirst().receiverPath());
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void fullStoreIsA5xxSoAppendersRetry() throws Exception {
        HttpResponse<String> response = post(new FullLogStore(), 1024, "line");
        assertThat(response.statusCode()).isEqualTo(507);
        JsonNode body = RunningServer.json(response);
        assertThat(body.get("code").asText()).isEqualTo("storage.full");
        assertThat(body.get("message").asText()).contains("no space left");
    }

    @Test
    void bodyOverTheLimitIs413AndStoresNothing() throws Exception {
        InMemoryLogStore store = new InMemoryLogStore();
        HttpResponse<String> response = post(store, 100, "line\n".repeat(100));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(RunningServer.json(response).get("message").asText()).isEqualTo("the request body exceeds the 100-byte limit");
        try (LogCursor cursor = store.scan(new LogScan(TimeRange.all(),
                TimeField.RECEIPT_TIME, new KeywordExpression.MatchAll(),
                ScanOrder.UNORDERED))) {
            assertThat(cursor.next()).isFalse();
        }
    }
}
