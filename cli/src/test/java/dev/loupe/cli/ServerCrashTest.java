package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.query.QueryResult;
import dev.loupe.query.metrics.MetricSeries;
import dev.loupe.query.metrics.MetricsQueryRow;
import dev.loupe.query.metrics.MetricsRowResult;
import dev.loupe.query.metrics.Rollup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 from the HTTP Source means the data survives {@code kill -9}: a real server process ({@code loupe serve})
 * receives a sustained ingest of logs and of metrics in the three HTTP Source formats (Graphite, Carbon 2.0,
 * Prometheus) from several clients at once and is killed with SIGKILL at a random moment, {@value #DEFAULT_ROUNDS}
 * rounds on the same data folder (the system property {@code loupe.crash.rounds} changes that). After each restart,
 * before new data arrives, every acknowledged message of every round so far is found exactly once, no message
 * (acknowledged or not) is found twice, every acknowledged point is found and no time of a series holds more than
 * one point.
 *
 * <p>Each metric request carries {@value #POINTS_PER_REQUEST} points of one series per round and format, one
 * second apart, at times the test chooses (hours in the past, distinct per round), so that a 1-second {@code count}
 * rollup over the round's range shows each stored point as a bucket holding exactly 1.
 */
class ServerCrashTest {
    private static final int DEFAULT_ROUNDS = 20;
    private static final int ROUNDS = Integer.getInteger("loupe.crash.rounds", DEFAULT_ROUNDS);
    private static final int LOG_CLIENTS = 2;
    private static final int LINES_PER_REQUEST = 10;
    private static final int POINTS_PER_REQUEST = 5;
    /** Each metric client sends at most this many requests per round, so a round's points fit its time span. */
    private static final int MAX_METRIC_REQUESTS_PER_ROUND = 200;
    private static final long ROUND_SPAN_MILLIS = 20 * 60_000L;
    /** Paces each client so that all rounds stay well under the verification query's 100,000-group limit. */
    private static final long PAUSE_BETWEEN_REQUESTS_MILLIS = 20;
    private static final Pattern RECEIVER = Pattern.compile("HTTP Source URL:\\s+(\\S+)");
    private static final Pattern ACCESS_ID = Pattern.compile("Access id:\\s+(\\S+)");
    private static final Pattern ACCESS_KEY = Pattern.compile("Access key:\\s+(\\S+)");

    @TempDir
    Path dataDirectory;

    /** The HTTP Source's metric formats, each with its content type, its series of a round and its line format. */
    enum PointFormat {
        GRAPHITE("application/vnd.sumologic.graphite") {
            @Override
            String line(int round, long timeMillis) {
                return "crashtest.graphite.r" + round + " 1 " + timeMillis / 1000;
            }

            @Override
            String selector(int round) {
                return "metric=crashtest.graphite.r" + round;
            }
        },
        CARBON2("application/vnd.sumologic.carbon2") {
            @Override
            String line(int round, long timeMillis) {
                return "metric=crashtest_carbon2 round=r" + round + "  team=reliability 1 " + timeMillis / 1000;
            }

            @Override
            String selector(int round) {
                return "metric=crashtest_carbon2 round=r" + round;
            }
        },
        PROMETHEUS("application/vnd.sumologic.prometheus; version=0.0.4") {
            @Override
            String line(int round, long timeMillis) {
                return "crashtest_prometheus{round=\"r" + round + "\",job=\"crash\"} 1 " + timeMillis;
            }

            @Override
            String selector(int round) {
                return "metric=crashtest_prometheus round=r" + round;
            }
        };

        final String contentType;

        PointFormat(String contentType) {
            this.contentType = contentType;
        }

        abstract String line(int round, long timeMillis);

        abstract String selector(int round);
    }

    /** What the clients were told was stored: log tokens, and per round and format the times of the points. */
    record Acknowledged(Set<String> messages, Map<String, Set<Long>> points) {
        Acknowledged() {
            this(ConcurrentHashMap.newKeySet(), new ConcurrentHashMap<>());
        }

        Set<Long> pointsOf(PointFormat format, int round) {
            return points.computeIfAbsent(format + "/" + round, key -> ConcurrentHashMap.newKeySet());
        }

        long pointCount() {
            long count = 0;
            for (Set<Long> times : points.values()) {
                count += times.size();
            }
            return count;
        }
    }

    @Test
    void acknowledgedMessagesAndPointsSurviveSigkill() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        long started = System.nanoTime();
        long firstPointMillis = (System.currentTimeMillis() - 12 * 3_600_000L) / 1000 * 1000;
        Acknowledged acknowledged = new Acknowledged();
        String accessId = null;
        String accessKey = null;
        for (int round = 0; round < ROUNDS; round++) {
            ServerProcess server = ServerProcess.start(dataDirectory);
            if (accessId == null) {
                accessId = server.accessId;
                accessKey = server.accessKey;
            }
            String context = "seed " + seed + ", before round " + round;
            verifyMessagesExactlyOnce(server.base, accessId, accessKey, acknowledged.messages(), context);
            verifyPointsExactlyOnce(server.base, accessId, accessKey, acknowledged, round, firstPointMillis, context);
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int client = 0; client < LOG_CLIENTS; client++) {
                int clientNumber = client;
                int roundNumber = round;
                clients.add(Thread.ofPlatform().start(() -> ingest(server.receiver, roundNumber, clientNumber, running,
                        acknowledged.messages())));
            }
            for (PointFormat format : PointFormat.values()) {
                long roundStart = firstPointMillis + round * ROUND_SPAN_MILLIS;
                Set<Long> times = acknowledged.pointsOf(format, round);
                int roundNumber = round;
                clients.add(Thread.ofPlatform().start(() -> send(server.receiver, format, roundNumber, roundStart, running,
                        times)));
            }
            Thread.sleep(500 + random.nextInt(1_500));
            server.kill();
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }
        }
        ServerProcess server = ServerProcess.start(dataDirectory);
        try {
            String context = "seed " + seed + ", after the last round";
            assertThat(acknowledged.messages()).as("seed %d: some log requests were acknowledged", seed)
                    .hasSizeGreaterThan(ROUNDS * 100);
            assertThat(acknowledged.pointCount()).as("seed %d: some metric requests were acknowledged", seed)
                    .isGreaterThan(ROUNDS * 20L);
            verifyMessagesExactlyOnce(server.base, accessId, accessKey, acknowledged.messages(), context);
            verifyPointsExactlyOnce(server.base, accessId, accessKey, acknowledged, ROUNDS, firstPointMillis, context);
            System.out.printf("ServerCrashTest: %d SIGKILL rounds in %d s; %d acknowledged messages and %d acknowledged "
                    + "points all found exactly once (seed %d)%n", ROUNDS,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), acknowledged.messages().size(),
                    acknowledged.pointCount(), seed);
        } finally {
            server.kill();
        }
    }

    private static void ingest(URI receiver, int round, int client, AtomicBoolean running, Set<String> acknowledged) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int request = 0; running.get(); request++) {
            List<String> tokens = new ArrayList<>();
            StringBuilder body = new StringBuilder();
            for (int line = 0; line < LINES_PER_REQUEST; line++) {
                String token = "r" + round + "c" + client + "q" + request + "l" + line;
                tokens.add(token);
                body.append("crashtest token=").append(token).append("; some payload to make the line longer\n");
            }
            if (!post(http, HttpRequest.newBuilder(receiver), body.toString(), tokens, acknowledged)) {
                return;
            }
        }
    }

    private static void send(URI receiver, PointFormat format, int round, long roundStart, AtomicBoolean running,
            Set<Long> acknowledged) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int request = 0; running.get() && request < MAX_METRIC_REQUESTS_PER_ROUND; request++) {
            List<Long> times = new ArrayList<>();
            StringBuilder body = new StringBuilder();
            for (int point = 0; point < POINTS_PER_REQUEST; point++) {
                long time = roundStart + (request * POINTS_PER_REQUEST + point) * 1000L;
                times.add(time);
                body.append(format.line(round, time)).append('\n');
            }
            if (!post(http, HttpRequest.newBuilder(receiver).header("Content-Type", format.contentType), body.toString(),
                    times, acknowledged)) {
                return;
            }
        }
    }

    /** Posts one body; on a 200 its items are acknowledged. False once the server is gone. */
    private static <T> boolean post(HttpClient http, HttpRequest.Builder request, String body, List<T> items,
            Set<T> acknowledged) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                acknowledged.addAll(items);
            }
            Thread.sleep(PAUSE_BETWEEN_REQUESTS_MILLIS);
            return true;
        } catch (IOException connectionLost) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void verifyMessagesExactlyOnce(String base, String accessId, String accessKey, Set<String> acknowledged,
            String context) throws Exception {
        QueryResult result = new SearchJobClient(URI.create(base), accessId, accessKey)
                .run("crashtest | parse \"token=*;\" as token | count by token", 0, System.currentTimeMillis() + 3_600_000L, "UTC", false);
        int tokenIndex = result.fieldIndex("token");
        int countIndex = result.fieldIndex("_count");
        Map<String, Long> found = new HashMap<>();
        for (Object[] row : result.rows()) {
            found.put((String) row[tokenIndex], ((Number) row[countIndex]).longValue());
        }
        for (Map.Entry<String, Long> entry : found.entrySet()) {
            assertThat(entry.getValue()).as("%s: message %s stored more than once", context, entry.getKey()).isEqualTo(1L);
        }
        for (String token : acknowledged) {
            assertThat(found).as("%s: acknowledged message %s is missing", context, token).containsKey(token);
        }
    }

    /*
     * One Metrics Query API call per round: a row per format, 1-second count rollup over the round's time span.
     * A bucket holding more than 1 is a point stored twice; an acknowledged time without a bucket is a lost point.
     */
    private static void verifyPointsExactlyOnce(String base, String accessId, String accessKey, Acknowledged acknowledged,
            int rounds, long firstPointMillis, String context) throws Exception {
        MetricsQueryClient client = new MetricsQueryClient(URI.create(base), accessId, accessKey);
        PointFormat[] formats = PointFormat.values();
        for (int round = 0; round < rounds; round++) {
            List<MetricsQueryRow> rows = new ArrayList<>();
            for (int index = 0; index < formats.length; index++) {
                rows.add(new MetricsQueryRow(String.valueOf((char) ('A' + index)), formats[index].selector(round), 1000,
                        Rollup.COUNT, 0));
            }
            long from = firstPointMillis + round * ROUND_SPAN_MILLIS;
            List<MetricsRowResult> results = client.run(rows, from, from + ROUND_SPAN_MILLIS);
            for (int index = 0; index < formats.length; index++) {
                Set<Long> found = new HashSet<>();
                for (MetricSeries series : results.get(index).series()) {
                    for (int point = 0; point < series.size(); point++) {
                        double count = series.values()[point];
                        if (!Double.isNaN(count) && count != 0) {
                            assertThat(count).as("%s: %s round %d holds %s points at %d", context, formats[index], round,
                                    count, series.timestamps()[point]).isEqualTo(1.0);
                            assertThat(found.add(series.timestamps()[point])).as("%s: %s round %d: two series", context,
                                    formats[index], round).isTrue();
                        }
                    }
                }
                Set<Long> missing = new TreeSet<>(acknowledged.pointsOf(formats[index], round));
                missing.removeAll(found);
                assertThat(missing).as("%s: acknowledged %s points of round %d are missing", context, formats[index], round)
                        .isEmpty();
            }
        }
    }

    /** {@code loupe serve} in its own JVM on the test classpath, so it can be killed for real. */
    static final class ServerProcess {
        private final Process process;
        final URI receiver;
        final String base;
        final String accessId;
        final String accessKey;

        private ServerProcess(Process process, URI receiver, String accessId, String accessKey) {
            this.process = process;
            this.receiver = receiver;
            this.base = receiver.resolve("/").toString();
            this.accessId = accessId;
            this.accessKey = accessKey;
        }

        static ServerProcess start(Path dataDirectory) throws IOException, InterruptedException {
            String java = ProcessHandle.current().info().command().orElseThrow();
            Process process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    LoupeCommand.class.getName(), "serve", "--port", "0", "--data", dataDirectory.toString())
                    .redirectErrorStream(true)
                    .start();
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String receiver = null;
            String accessId = null;
            String accessKey = null;
            StringBuilder seen = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            while (System.nanoTime() < deadline && (line = output.readLine()) != null) {
                seen.append(line).append('\n');
                receiver = match(RECEIVER, line, receiver);
                accessId = match(ACCESS_ID, line, accessId);
                accessKey = match(ACCESS_KEY, line, accessKey);
                if (line.startsWith("Stop with Ctrl-C")) {
                    break;
                }
            }
            if (receiver == null) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("the server did not start; it printed:\n" + seen);
            }
            Thread.ofPlatform().daemon().start(() -> output.lines().forEach(ignored -> { }));
            return new ServerProcess(process, URI.create(receiver), accessId, accessKey);
        }

        private static String match(Pattern pattern, String line, String current) {
            Matcher matcher = pattern.matcher(line);
            return matcher.find() ? matcher.group(1) : current;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
