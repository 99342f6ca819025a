package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.query.metrics.MetricSeries;
import dev.loupe.query.metrics.MetricsQueryRow;
import dev.loupe.query.metrics.MetricsRowResult;
import dev.loupe.query.metrics.Rollup;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 from the Firehose endpoint means the points survive {@code kill -9}: a real {@code loupe serve} process
 * receives CloudWatch Metric Streams deliveries from several clients and is killed with SIGKILL at a random
 * moment, several rounds on the same data folder. After each restart every point of every acknowledged delivery is
 * found exactly once (one raw point per series), counted through the Metrics Query API.
 */
class FirehoseCrashTest {
    private static final int ROUNDS = 3;
    private static final int CLIENTS = 2;
    private static final long PAUSE_BETWEEN_REQUESTS_MILLIS = 60;

    @TempDir
    Path dataDirectory;

    @Test
    void acknowledgedDeliveriesSurviveSigkill() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        String accessId = null;
        String accessKey = null;
        for (int round = 0; round < ROUNDS; round++) {
            ServerCrashTest.ServerProcess server = ServerCrashTest.ServerProcess.start(dataDirectory);
            if (accessId == null) {
                accessId = server.accessId;
                accessKey = server.accessKey;
            }
            verifyExactlyOnce(server.base, accessId, accessKey, acknowledged, "seed " + seed + ", before round " + round);
            URI firehose = URI.create(server.receiver.toString().replace("/receiver/v1/http/", "/receiver/v1/firehose/"));
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                String prefix = "r" + round + "c" + client;
                clients.add(Thread.ofPlatform().start(() -> deliver(firehose, prefix, running, acknowledged)));
            }
            Thread.sleep(1_500 + random.nextInt(2_000));
            server.kill();
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }
        }
        ServerCrashTest.ServerProcess server = ServerCrashTest.ServerProcess.start(dataDirectory);
        try {
            assertThat(acknowledged).as("seed %d: some deliveries were acknowledged", seed).hasSizeGreaterThan(20);
            verifyExactlyOnce(server.base, accessId, accessKey, acknowledged, "seed " + seed + ", after the last round");
        } finally {
            server.kill();
        }
    }

    private static void deliver(URI firehose, String prefix, AtomicBoolean running, Set<String> acknowledged) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int request = 0; running.get(); request++) {
            String id = prefix + "q" + request;
            String record = "{\"metric_stream_name\":\"crash\",\"account_id\":\"1\",\"region\":\"us-east-1\","
                    + "\"namespace\":\"AWS/ApiGateway\",\"metric_name\":\"CrashCount\",\"dimensions\":{\"Request\":\"" + id
                    + "\"},\"timestamp\":" + System.currentTimeMillis()
                    + ",\"value\":{\"max\":2,\"min\":1,\"sum\":3,\"count\":2},\"unit\":\"Count\"}\n";
            String body = "{\"requestId\":\"" + id + "\",\"timestamp\":" + System.currentTimeMillis() + ",\"records\":[{\"data\":\""
                    + Base64.getEncoder().encodeToString(record.getBytes(StandardCharsets.UTF_8)) + "\"}]}";
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(firehose).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").header("X-Amz-Firehose-Request-Id", id)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    acknowledged.add(id);
                }
                Thread.sleep(PAUSE_BETWEEN_REQUESTS_MILLIS);
            } catch (IOException connectionLost) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /*
     * Count rollup over one bucket as long as the range: each series' value is its number of raw points. One row per
     * statistic keeps each row under the 1,000-series limit.
     */
    private static void verifyExactlyOnce(String base, String accessId, String accessKey, Set<String> acknowledged,
            String context) throws Exception {
        long now = System.currentTimeMillis();
        long from = now - 3_600_000L;
        long to = now + 3_600_000L;
        List<MetricsQueryRow> queries = new ArrayList<>();
        String[] statistics = {"Sum", "Average", "SampleCount", "Maximum", "Minimum"};
        for (int index = 0; index < statistics.length; index++) {
            queries.add(new MetricsQueryRow(String.valueOf((char) ('A' + index)),
                    "metric=CrashCount statistic=" + statistics[index], to - from, Rollup.COUNT, 0));
        }
        List<MetricSeries> all = new ArrayList<>();
        for (MetricsRowResult row : new MetricsQueryClient(URI.create(base), accessId, accessKey).run(queries, from, to)) {
            all.addAll(row.series());
        }
        Map<String, Integer> pointsPerStatistic = new HashMap<>();
        Map<String, Integer> seriesPerRequest = new HashMap<>();
        for (MetricSeries series : all) {
            double points = 0;
            for (double value : series.values()) {
                points += value;
            }
            String key = series.dimension("request") + "/" + series.dimension("statistic");
            assertThat(points).as("%s: series %s holds %s points", context, key, points).isEqualTo(1.0);
            pointsPerStatistic.merge(key, 1, Integer::sum);
            seriesPerRequest.merge(series.dimension("request"), 1, Integer::sum);
        }
        assertThat(pointsPerStatistic.values()).as("%s: a series appears twice", context).allMatch(count -> count == 1);
        for (String id : acknowledged) {
            assertThat(seriesPerRequest.get(id)).as("%s: acknowledged delivery %s has all five statistics", context, id)
                    .isEqualTo(5);
        }
    }
}
