package dev.loupe.compatibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sumologic.client.SumoLogicClient;
import com.sumologic.client.model.LogMessage;
import com.sumologic.client.searchjob.model.GetSearchJobStatusResponse;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerConfig;
import dev.loupe.server.auth.CreatedAccessKey;
import dev.loupe.server.auth.SecretHasher;
import dev.loupe.server.receiver.HttpSource;
import dev.loupe.server.persistence.Database;
import dev.loupe.store.EmbeddedLogStore;
import dev.loupe.store.metrics.EmbeddedMetricStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real Loupe server for the client tests: the embedded log and metric stores in a folder, one access key, the
 * default HTTP source, on a loopback ephemeral port (what {@code loupe serve} wires, without the command line).
 * Also the polling the tests share: every wait is bounded by {@link #PATIENCE}, never a fixed sleep.
 */
final class LoupeUnderTest implements AutoCloseable {
    /** How long a test waits for data sent by an asynchronous client to become searchable. */
    static final Duration PATIENCE = Duration.ofSeconds(10);
    static final String DONE = "DONE GATHERING RESULTS";
    private static final DateTimeFormatter ISO_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final EmbeddedLogStore store;
    private final EmbeddedMetricStore metricStore;
    private final Database database;
    private final LoupeServer server;
    private final CreatedAccessKey key;
    private final HttpSource source;
    private final HttpClient http = HttpClient.newHttpClient();

    LoupeUnderTest(Path dataDirectory) {
        Clock clock = Clock.systemUTC();
        store = EmbeddedLogStore.open(dataDirectory.resolve("logs"));
        metricStore = EmbeddedMetricStore.open(dataDirectory.resolve("metrics"));
        database = Database.open(dataDirectory);
        server = new LoupeServer(ServerConfig.of("127.0.0.1", 0, dataDirectory), store, metricStore, database,
                new SecretHasher(4), clock);
        key = server.users().createFirstAdministrator().orElseThrow().key();
        source = server.sources().list().getFirst();
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The HTTP Source URL the Sumo appenders are configured with. */
    String httpSourceUrl() {
        return baseUrl() + source.receiverPath();
    }

    /** The OTLP/HTTP source URL; exporters append {@code /v1/logs} or {@code /v1/metrics}. */
    String otlpSourceUrl() {
        return baseUrl() + "/receiver/v1/otlp/" + source.token();
    }

    String accessId() {
        return key.accessId();
    }

    String accessKey() {
        return key.accessKey();
    }

    /** Sumo's Java client pointed at this server, as a user would configure it. */
    SumoLogicClient sumoClient() {
        return sumoClient(key.accessKey());
    }

    SumoLogicClient sumoClient(String accessKey) {
        SumoLogicClient client = new SumoLogicClient(key.accessId(), accessKey);
        try {
            client.setURL(baseUrl());
        } catch (MalformedURLException impossible) {
            throw new IllegalStateException(impossible);
        }
        return client;
    }

    /** A search window around now, as ISO local times for {@code timeZone=UTC}. */
    static String isoMinutesFromNow(long minutes) {
        return ISO_UTC.format(Instant.now().plus(minutes, ChronoUnit.MINUTES));
    }

    /**
     * Runs {@code query} over the last hour with Sumo's Java client until its messages satisfy {@code done}, at most
     * {@link #PATIENCE}; every job is cancelled after it is read.
     *
     * @return the messages (at most 100) of the last run
     */
    List<LogMessage> awaitMessages(String query, Predicate<List<LogMessage>> done) {
        SumoLogicClient client = sumoClient();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            String id = client.createSearchJob(query, isoMinutesFromNow(-60), isoMinutesFromNow(1), "UTC");
            GetSearchJobStatusResponse status = awaitDone(client, id);
            List<LogMessage> messages = status.getMessageCount() == 0 ? List.of()
                    : client.getMessagesForSearchJob(id, 0, 100).getMessages();
            client.cancelSearchJob(id);
            if (done.test(messages) || System.nanoTime() > deadline) {
                return messages;
            }
            pause();
        }
    }

    /** Polls a job's status until it is done gathering results, at most {@link #PATIENCE}. */
    static GetSearchJobStatusResponse awaitDone(SumoLogicClient client, String id) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            GetSearchJobStatusResponse status = client.getSearchJobStatus(id);
            if (DONE.equals(status.getState())) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("search job " + id + " still " + status.getState() + " after " + PATIENCE);
            }
            pause();
        }
    }

    /**
     * Runs a metrics query over the last hour through {@code POST /api/v1/metricsQueries} until {@code done}
     * accepts the response, at most {@link #PATIENCE} (no real client of that API exists; see the README).
     */
    JsonNode awaitMetrics(String query, Predicate<JsonNode> done) {
        String body = """
                {"queries":[{"rowId":"A","query":%s,"quantization":1000,"rollup":"Avg"}],
                 "timeRange":{"type":"BeginBoundedTimeRange","from":{"type":"RelativeTimeRangeBoundary","relativeTime":"-1h"},"to":null}}
                """.formatted(MAPPER.valueToTree(query).toString());
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/metricsQueries"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (key.accessId() + ":" + key.accessKey()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            JsonNode response = json(send(request));
            if (done.test(response) || System.nanoTime() > deadline) {
                return response;
            }
            pause();
        }
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the server", e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (status " + response.statusCode() + "): " + response.body(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling", e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            try {
                metricStore.close();
            } finally {
                try {
                    store.close();
                } finally {
                    database.close();
                }
            }
        }
    }
}
