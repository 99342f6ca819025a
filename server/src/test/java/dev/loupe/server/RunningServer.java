package dev.loupe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.TimeRange;
import dev.loupe.server.auth.CreatedAccessKey;
import dev.loupe.server.auth.SecretHasher;
import dev.loupe.server.auth.UserDirectory;
import dev.loupe.server.persistence.Database;
import dev.loupe.server.receiver.HttpSource;
import dev.loupe.server.receiver.HttpSourceRegistry;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.spi.ScanOrder;
import dev.loupe.store.spi.TimeField;
import dev.loupe.testing.InMemoryLogStore;
import dev.loupe.testing.InMemoryMetricStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A real server on a loopback ephemeral port over an {@link InMemoryLogStore} and an {@link InMemoryMetricStore}
 * and a real database in the data folder, with the first administrator (whose access key is {@link #key} and
 * password {@link #administratorPassword}) and the default HTTP source, plus small request helpers for tests.
 * Secrets are hashed at bcrypt's lowest cost to keep tests fast.
 */
public final class RunningServer implements AutoCloseable {
    public static final long START_MILLIS = 1_767_225_600_000L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public final InMemoryLogStore store = new InMemoryLogStore();
    public final LogStore servedStore;
    public final InMemoryMetricStore metricStore = new InMemoryMetricStore();
    public final MutableClock clock = new MutableClock(START_MILLIS);
    public final Database database;
    public final UserDirectory users;
    public final HttpSourceRegistry sources;
    public final String administratorPassword;
    public final CreatedAccessKey key;
    public final HttpSource source;
    public final LoupeServer server;
    public final HttpClient client = HttpClient.newHttpClient();

    public RunningServer(Path dataDirectory) {
        this(ServerConfig.of("127.0.0.1", 0, dataDirectory));
    }

    public RunningServer(ServerConfig config) {
        this(config, null);
    }

    /** A server over {@code logStore} instead of {@link #store} (a hand-written fake), when not null. */
    public RunningServer(ServerConfig config, LogStore logStore) {
        servedStore = logStore == null ? store : logStore;
        database = Database.open(config.dataDirectory());
        server = new LoupeServer(config, servedStore, metricStore, database, new SecretHasher(4), clock);
        users = server.users();
        sources = server.sources();
        UserDirectory.FirstAdministrator administrator = users.createFirstAdministrator().orElseThrow();
        key = administrator.key();
        administratorPassword = administrator.password();
        source = sources.list().getFirst();
        server.start();
    }

    /** The {@code Authorization} header of an access key. */
    public static String authorization(CreatedAccessKey accessKey) {
        return "Basic " + Base64.getEncoder().encodeToString((accessKey.accessId() + ":" + accessKey.accessKey())
                .getBytes(StandardCharsets.UTF_8));
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public String authorization() {
        return authorization(key);
    }

    public HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", authorization());
    }

    public HttpResponse<String> send(HttpRequest request) {
        return send(client, request);
    }

    public HttpResponse<String> send(HttpClient httpClient, HttpRequest request) {
        try {
            return httpClient.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
    }

    /** Sends a request and keeps the response body as bytes (binary protocols such as OTLP). */
    public HttpResponse<byte[]> sendBytes(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
    }

    public HttpResponse<String> get(String path) {
        return send(api(path).GET().build());
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(api(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** How many messages the in-memory log store holds. */
    public int storedMessageCount() {
        int count = 0;
        try (LogCursor cursor = store.scan(new LogScan(TimeRange.all(), TimeField.RECEIPT_TIME,
                new KeywordExpression.MatchAll(), ScanOrder.UNORDERED))) {
            while (cursor.next()) {
                count++;
            }
        }
        return count;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException exception) {
            throw new UncheckedIOException("not JSON: " + response.body(), exception);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            database.close();
        }
    }
}
