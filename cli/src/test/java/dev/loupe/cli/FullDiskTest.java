package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.LoupeException;
import dev.loupe.query.QueryResult;
import dev.loupe.query.metrics.MetricSeries;
import dev.loupe.query.metrics.MetricsQueryRow;
import dev.loupe.query.metrics.MetricsRowResult;
import dev.loupe.query.metrics.Rollup;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, for real: the data folder of a {@code loupe serve} process lives on a 64 MB tmpfs mounted for the
 * test, filled up by a ballast file until a few MB are left, then by sustained log and metric ingest. Once the disk
 * is full the receivers answer an error (507 {@code storage.full}, or 503 once the store has stopped accepting
 * writes) and never a 200 for data they did not keep; the server keeps answering; every acknowledged message and
 * point is found exactly once. Then the ballast is deleted (space returns), the server is restarted, everything
 * acknowledged is still there exactly once, and ingest works again.
 *
 * <p>Mounting needs root (CI runs as root); elsewhere the test is skipped with that reason. {@code umount} runs
 * after the test whatever happens.
 */
class FullDiskTest {
    private static final long FILESYSTEM_BYTES = 64L << 20;
    private static final long LEFT_FREE_BYTES = 6L << 20;
    private static final int LINES_PER_REQUEST = 200;

    @TempDir
    Path temporary;

    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountSmallFilesystem() throws Exception {
        mount = temporary.resolve("small-disk");
        Files.createDirectories(mount);
        Process process = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + FILESYSTEM_BYTES, "tmpfs",
                mount.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        mounted = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "mounting a tmpfs needs root: " + output);
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            Process process = new ProcessBuilder("umount", "-l", mount.toString()).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFullDiskRefusesIngestKeepsWhatWasAcknowledgedAndRecoversWhenSpaceReturns() throws Exception {
        Path data = mount.resolve("data");
        Path ballast = mount.resolve("ballast");
        Set<String> messages = new HashSet<>();
        Set<Long> points = new HashSet<>();
        Map<Integer, Integer> refusals = new TreeMap<>();
        long firstPoint = (System.currentTimeMillis() - 6 * 3_600_000L) / 1000 * 1000;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        ServerCrashTest.ServerProcess server = ServerCrashTest.ServerProcess.start(data);
        String accessId = server.accessId;
        String accessKey = server.accessKey;
        try {
            fill(ballast, Files.getFileStore(mount).getUsableSpace() - LEFT_FREE_BYTES);
            int request = 0;
            int consecutiveRefusals = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (consecutiveRefusals < 20 && System.nanoTime() < deadline) {
                int logStatus = sendLogs(http, server.receiver, "full", request, messages, refusals);
                int metricStatus = sendPoints(http, server.receiver, firstPoint, request, points, refusals);
                consecutiveRefusals = logStatus != 200 && metricStatus != 200 ? consecutiveRefusals + 1 : 0;
                request++;
            }
            assertThat(consecutiveRefusals).as("the disk filled up within 90 s; refusals %s", refusals)
                    .isGreaterThanOrEqualTo(20);
            assertThat(refusals).as("a full disk is 507 storage.full (503 once the store stopped writing)")
                    .containsKey(507);
            assertThat(refusals.keySet()).allMatch(status -> status == 507 || status == 503);
            assertThat(messages).as("some data was acknowledged before the disk was full").isNotEmpty();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.base + "api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("the server keeps answering on a full disk").isEqualTo(200);
            verifyPoints(server.base, accessId, accessKey, points, firstPoint, "on the full disk");
            String searchOnFullDisk;
            try {
                verifyMessages(server.base, accessId, accessKey, messages, "on the full disk");
                searchOnFullDisk = "searches work";
            } catch (LoupeException refused) {
                // a scan refreshes Lucene's near-real-time reader, which writes: refused with the reason; or Lucene
                // closed the index writer after a failed write, and the store says how it recovers
                assertThat(refused.getMessage()).containsAnyOf("disk full", "cannot be searched until the server restarts")
                        .doesNotContain("Exception");
                searchOnFullDisk = "log searches refused (" + refused.getMessage() + ")";
            }

            Files.delete(ballast);
            int afterSpaceReturned = sendLogs(http, server.receiver, "freed", 0, messages, refusals);
            int pointsAfterSpaceReturned = sendPoints(http, server.receiver, firstPoint, 1_400, points, refusals);
            String searchAfterSpaceReturned;
            try {
                verifyMessages(server.base, accessId, accessKey, messages, "once space returned");
                searchAfterSpaceReturned = "searches work";
            } catch (LoupeException refused) {
                searchAfterSpaceReturned = "log searches refused (" + refused.getMessage() + ")";
            }
            System.out.printf("FullDiskTest: %d messages and %d points acknowledged until the disk was full; refusals "
                    + "%s; on the full disk: %s; once space returned, without a restart: log ingest %d, metric ingest %d, %s%n",
                    messages.size(), points.size(), refusals, searchOnFullDisk, afterSpaceReturned,
                    pointsAfterSpaceReturned, searchAfterSpaceReturned);
        } finally {
            server.kill();
        }

        ServerCrashTest.ServerProcess restarted = ServerCrashTest.ServerProcess.start(data);
        try {
            verify(restarted.base, accessId, accessKey, messages, points, firstPoint, "after the restart");
            Map<Integer, Integer> none = new TreeMap<>();
            for (int request = 0; request < 5; request++) {
                assertThat(sendLogs(http, restarted.receiver, "recovered", request, messages, none)).isEqualTo(200);
                assertThat(sendPoints(http, restarted.receiver, firstPoint, 1_500 + request, points, none))
                        .isEqualTo(200);
            }
            verify(restarted.base, accessId, accessKey, messages, points, firstPoint, "after new ingest");
        } finally {
            restarted.kill();
        }
    }

    private static void fill(Path ballast, long bytes) throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream output = Files.newOutputStream(ballast)) {
            for (long written = 0; written < bytes; written += block.length) {
                output.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
    }

    private static int sendLogs(HttpClient http, URI receiver, String prefix, int request, Set<String> acknowledged,
            Map<Integer, Integer> refusals) throws Exception {
        List<String> tokens = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (int line = 0; line < LINES_PER_REQUEST; line++) {
            String token = prefix + "q" + request + "l" + line;
            tokens.add(token);
            body.append("diskfull token=").append(token).append("; ").append("padding ".repeat(12)).append('\n');
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(receiver).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        return record(response, tokens, acknowledged, refusals);
    }

    private static int sendPoints(HttpClient http, URI receiver, long firstPoint, int request, Set<Long> acknowledged,
            Map<Integer, Integer> refusals) throws Exception {
        List<Long> times = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (int point = 0; point < 10; point++) {
            long time = firstPoint + (request * 10L + point) * 1000L;
            times.add(time);
            body.append("diskfull.points 1 ").append(time / 1000).append('\n');
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(receiver).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/vnd.sumologic.graphite")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        return record(response, times, acknowledged, refusals);
    }

    private static <T> int record(HttpResponse<String> response, List<T> items, Set<T> acknowledged,
            Map<Integer, Integer> refusals) {
        if (response.statusCode() == 200) {
            acknowledged.addAll(items);
        } else {
            refusals.merge(response.statusCode(), 1, Integer::sum);
            assertThat(response.body()).doesNotContain("\tat ", "Exception", ".java:");
        }
        return response.statusCode();
    }

    private static void verify(String base, String accessId, String accessKey, Set<String> messages, Set<Long> points,
            long firstPoint, String context) throws Exception {
        verifyMessages(base, accessId, accessKey, messages, context);
        verifyPoints(base, accessId, accessKey, points, firstPoint, context);
    }

    private static void verifyMessages(String base, String accessId, String accessKey, Set<String> messages,
            String context) throws Exception {
        QueryResult result = new SearchJobClient(URI.create(base), accessId, accessKey).run(
                "diskfull | parse \"token=*;\" as token | count by token", 0, System.currentTimeMillis() + 3_600_000L,
                "UTC", false);
        int tokenIndex = result.fieldIndex("token");
        int countIndex = result.fieldIndex("_count");
        Map<String, Long> found = new HashMap<>();
        for (Object[] row : result.rows()) {
            found.put((String) row[tokenIndex], ((Number) row[countIndex]).longValue());
        }
        assertThat(found.values()).as("%s: no message stored twice", context).allMatch(count -> count == 1L);
        assertThat(found.keySet()).as("%s: every acknowledged message", context).containsAll(messages);
    }

    private static void verifyPoints(String base, String accessId, String accessKey, Set<Long> points, long firstPoint,
            String context) throws Exception {
        long to = firstPoint + 6 * 3_600_000L;
        List<MetricsRowResult> rows = new MetricsQueryClient(URI.create(base), accessId, accessKey)
                .run(List.of(new MetricsQueryRow("A", "metric=diskfull.points", 1000, Rollup.COUNT, 0)), firstPoint, to);
        Set<Long> foundPoints = new HashSet<>();
        for (MetricSeries series : rows.getFirst().series()) {
            for (int index = 0; index < series.size(); index++) {
                double count = series.values()[index];
                if (!Double.isNaN(count) && count != 0) {
                    assertThat(count).as("%s: points at %d", context, series.timestamps()[index]).isEqualTo(1.0);
                    foundPoints.add(series.timestamps()[index]);
                }
            }
        }
        Set<Long> expected = new HashSet<>();
        for (long time : points) {
            if (time < to) {
                expected.add(time);
            }
        }
        assertThat(foundPoints).as("%s: every acknowledged point", context).containsAll(expected);
    }
}
