package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.query.QueryResult;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 from the HTTP Source means the data survives {@code kill -9}: a real server process ({@code loupe serve})
 * receives a sustained ingest from several clients and is killed with SIGKILL at a random moment, several rounds
 * on the same data folder. After each restart every acknowledged message is found exactly once, and no message
 * (acknowledged or not) is found twice.
 */
class ServerCrashTest {
    private static final int ROUNDS = 3;
    private static final int CLIENTS = 4;
    private static final int LINES_PER_REQUEST = 25;
    /** Paces each client so that all rounds stay well under the verification query's 100,000-group limit. */
    private static final long PAUSE_BETWEEN_REQUESTS_MILLIS = 20;
    private static final Pattern RECEIVER = Pattern.compile("HTTP Source URL:\\s+(\\S+)");
    private static final Pattern ACCESS_ID = Pattern.compile("Access id:\\s+(\\S+)");
    private static final Pattern ACCESS_KEY = Pattern.compile("Access key:\\s+(\\S+)");

    @TempDir
    Path dataDirectory;

    @Test
    void acknowledgedMessagesSurviveSigkill() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        String accessId = null;
        String accessKey = null;
        for (int round = 0; round < ROUNDS; round++) {
            ServerProcess server = ServerProcess.start(dataDirectory);
            if (accessId == null) {
                accessId = server.accessId;
                accessKey = server.accessKey;
            }
            verifyExactlyOnce(server.base, accessId, accessKey, acknowledged, "seed " + seed + ", before round " + round);
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int clientNumber = client;
                int roundNumber = round;
                clients.add(Thread.ofPlatform().start(() -> ingest(server.receiver, roundNumber, clientNumber, running, acknowledged)));
            }
            Thread.sleep(1_500 + random.nextInt(2_000));
            server.kill();
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }
        }
        ServerProcess server = ServerProcess.start(dataDirectory);
        try {
            assertThat(acknowledged).as("seed %d: some requests were acknowledged", seed).hasSizeGreaterThan(1000);
            verifyExactlyOnce(server.base, accessId, accessKey, acknowledged, "seed " + seed + ", after the last round");
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
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(receiver).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    acknowledged.addAll(tokens);
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

    private static void verifyExactlyOnce(String base, String accessId, String accessKey, Set<String> acknowledged, String context)
            throws Exception {
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
