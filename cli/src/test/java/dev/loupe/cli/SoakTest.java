package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.query.QueryResult;
import dev.loupe.query.metrics.MetricsQueryRow;
import dev.loupe.query.metrics.MetricsRowResult;
import dev.loupe.query.metrics.Rollup;
import dev.loupe.server.auth.CreatedAccessKey;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A soak on loopback: a real server on the embedded stores takes a steady ingest of logs (HTTP Source) and metrics
 * (Prometheus and Carbon 2.0) while other clients run search jobs and dashboard-style queries (a log timeslice
 * aggregate through the Search Job API, a metrics aggregate through {@code /api/v1/metricsQueries}) without pause.
 * At the end a burst of concurrent requests meets the receivers' back-pressure. It reports throughput and p50/p99
 * latency per kind of request, and checks that every acknowledged batch is searchable exactly once (a 429 is
 * resent, as Sumo clients do), that nothing but 200 and 429 was answered, and that the heap stayed bounded.
 *
 * <p>{@value #DEFAULT_SECONDS} s by default; {@code -Dloupe.soak.seconds=N} runs longer (docs/reliability.md has
 * the figures of a longer run).
 */
class SoakTest {
    private static final int DEFAULT_SECONDS = 60;
    private static final long SECONDS = Long.getLong("loupe.soak.seconds", DEFAULT_SECONDS);
    private static final int LOG_CLIENTS = 4;
    private static final int LINES_PER_BATCH = 50;
    private static final int POINTS_PER_BATCH = 20;
    /** Each ingest client's pause between batches: about 10 batches per second per client. */
    private static final long INGEST_PAUSE_MILLIS = 100;
    private static final int BURST_REQUESTS = 200;
    /** Counted in place of a status when the connection was reset after an early 429 (see {@link #deliver}). */
    private static final int CONNECTION_RESET = -1;

    @TempDir
    Path dataDirectory;

    /** Latencies of one kind of request, in microseconds. */
    static final class Latencies {
        private final List<Long> micros = new ArrayList<>();

        synchronized void add(long nanos) {
            micros.add(nanos / 1000);
        }

        synchronized String report(String name, long seconds) {
            long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                return name + ": none";
            }
            return String.format("%s: %d requests (%.1f/s), p50 %.1f ms, p99 %.1f ms, max %.1f ms", name, sorted.length,
                    (double) sorted.length / seconds, sorted[sorted.length / 2] / 1000.0,
                    sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1000.0,
                    sorted[sorted.length - 1] / 1000.0);
        }

        synchronized int count() {
            return micros.size();
        }
    }

    @Test
    void steadyIngestWithConcurrentSearchesAndDashboards() throws Exception {
        try (RunningInstance instance = RunningInstance.start("127.0.0.1", 0, dataDirectory)) {
            CreatedAccessKey key = instance.firstAdministrator().orElseThrow().key();
            URI receiver = URI.create(instance.receiverUrl(instance.defaultSource()));
            URI base = URI.create(instance.baseUrl());
            long started = System.currentTimeMillis();
            AtomicBoolean running = new AtomicBoolean(true);
            Map<String, Integer> acknowledgedBatches = new ConcurrentHashMap<>();
            LongAdder acknowledgedPoints = new LongAdder();
            Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
            Latencies ingest = new Latencies();
            Latencies metricIngest = new Latencies();
            Latencies searches = new Latencies();
            Latencies dashboards = new Latencies();
            List<String> failures = new ArrayList<>();
            AtomicLong peakHeap = new AtomicLong();
            AtomicLong peakLive = new AtomicLong();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

            List<Thread> threads = new ArrayList<>();
            for (int client = 0; client < LOG_CLIENTS; client++) {
                String name = "c" + client;
                threads.add(Thread.ofPlatform().name("soak-logs-" + client).start(() -> logClient(receiver, name, running,
                        acknowledgedBatches, statuses, ingest, failures)));
            }
            for (String format : List.of("prometheus", "carbon2")) {
                threads.add(Thread.ofPlatform().name("soak-metrics-" + format).start(() -> metricClient(receiver, format,
                        running, acknowledgedPoints, statuses, metricIngest, failures)));
            }
            threads.add(Thread.ofPlatform().name("soak-search").start(() -> searchClient(base, key, started, running,
                    searches, failures)));
            threads.add(Thread.ofPlatform().name("soak-dashboard").start(() -> dashboardClient(base, key, started,
                    running, dashboards, failures)));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            while (System.nanoTime() < end) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                peakLive.accumulateAndGet(liveHeapAfterLastCollection(), Math::max);
                Thread.sleep(200);
            }
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
            int burstThrottled = burst(receiver, acknowledgedBatches, statuses);
            System.gc();
            long heapAfter = memory.getHeapMemoryUsage().getUsed();
            long maxHeap = memory.getHeapMemoryUsage().getMax();

            QueryResult batches = new SearchJobClient(base, key.accessId(), key.accessKey()).run(
                    "soak | parse \"batch=*;\" as batch | count by batch", started - 60_000,
                    System.currentTimeMillis() + 60_000, "UTC", false);
            Map<String, Long> found = new HashMap<>();
            int batchIndex = batches.fieldIndex("batch");
            int countIndex = batches.fieldIndex("_count");
            for (Object[] row : batches.rows()) {
                found.put((String) row[batchIndex], ((Number) row[countIndex]).longValue());
            }
            long lines = 0;
            for (Map.Entry<String, Integer> batch : acknowledgedBatches.entrySet()) {
                assertThat(found.get(batch.getKey())).as("batch %s", batch.getKey()).isEqualTo(batch.getValue().longValue());
                lines += batch.getValue();
            }
            assertThat(found).as("nothing that was not acknowledged, nothing twice").hasSameSizeAs(acknowledgedBatches);

            System.out.printf("SoakTest: %d s; logs %d lines acknowledged (%.0f lines/s), points %d (%.0f/s)%n  %s%n  %s%n"
                    + "  %s%n  %s%n  statuses %s (-1: connection reset after an early 429); burst of %d concurrent requests: %d "
                    + "throttled and resent%n"
                    + "  heap: peak %d MB used, peak %d MB live after a collection, %d MB after the run (max %d MB)%n",
                    SECONDS, lines, (double) lines / SECONDS,
                    acknowledgedPoints.sum(), (double) acknowledgedPoints.sum() / SECONDS,
                    ingest.report("log ingest", SECONDS), metricIngest.report("metric ingest", SECONDS),
                    searches.report("search jobs", SECONDS), dashboards.report("dashboard queries", SECONDS), statuses,
                    BURST_REQUESTS, burstThrottled, peakHeap.get() >> 20, peakLive.get() >> 20, heapAfter >> 20,
                    maxHeap >> 20);
            synchronized (failures) {
                assertThat(failures).isEmpty();
            }
            assertThat(statuses.keySet()).as("only 200 and 429 (and resets after an early 429)")
                    .allMatch(status -> status == 200 || status == 429 || status == CONNECTION_RESET);
            assertThat(searches.count()).as("searches ran throughout").isGreaterThanOrEqualTo((int) (SECONDS / 10));
            assertThat(dashboards.count()).as("dashboard queries ran throughout").isGreaterThanOrEqualTo((int) (SECONDS / 10));
            // no throughput floor (timings depend on the machine): only that ingest did not stall
            assertThat(lines).as("ingest kept going").isGreaterThan(SECONDS * LINES_PER_BATCH);
            assertThat(peakLive.get()).as("live heap after collections stayed bounded").isLessThan(maxHeap / 2);
            assertThat(heapAfter).as("nothing accumulates").isLessThan(maxHeap / 2);
        }
    }

    /** What the heap held after the last collection of each of its pools: the live data, without garbage. */
    private static long liveHeapAfterLastCollection() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterCollection = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && afterCollection != null) {
                live += afterCollection.getUsed();
            }
        }
        return live;
    }

    private static void logClient(URI receiver, String client, AtomicBoolean running, Map<String, Integer> acknowledged,
            Map<Integer, LongAdder> statuses, Latencies latencies, List<String> failures) {
        HttpClient http = HttpClient.newHttpClient();
        for (int request = 0; running.get(); request++) {
            String batch = client + "b" + request;
            StringBuilder body = new StringBuilder();
            for (int line = 0; line < LINES_PER_BATCH; line++) {
                body.append("soak batch=").append(batch).append("; line=").append(line)
                        .append(" GET /api/orders/").append(request * 31 + line).append(" 200 12ms\n");
            }
            if (deliver(http, HttpRequest.newBuilder(receiver), body.toString(), statuses, latencies, failures)) {
                acknowledged.put(batch, LINES_PER_BATCH);
            }
            pause(INGEST_PAUSE_MILLIS);
        }
    }

    private static void metricClient(URI receiver, String format, AtomicBoolean running, LongAdder acknowledged,
            Map<Integer, LongAdder> statuses, Latencies latencies, List<String> failures) {
        HttpClient http = HttpClient.newHttpClient();
        for (int request = 0; running.get(); request++) {
            StringBuilder body = new StringBuilder();
            long now = System.currentTimeMillis();
            for (int point = 0; point < POINTS_PER_BATCH; point++) {
                if (format.equals("prometheus")) {
                    body.append("soak_latency{api=\"a").append(point).append("\"} ").append(request % 97).append(' ')
                            .append(now).append('\n');
                } else {
                    body.append("metric=soak_requests api=a").append(point).append("  unit=count ").append(request % 89)
                            .append(' ').append(now / 1000).append('\n');
                }
            }
            if (deliver(http, HttpRequest.newBuilder(receiver).header("Content-Type", "application/vnd.sumologic." + format),
                    body.toString(), statuses, latencies, failures)) {
                acknowledged.add(POINTS_PER_BATCH);
            }
            pause(INGEST_PAUSE_MILLIS);
        }
    }

    /** Sends until a 200, resending after a 429 as Sumo clients do. False when the request failed otherwise. */
    private static boolean deliver(HttpClient http, HttpRequest.Builder request, String body,
            Map<Integer, LongAdder> statuses, Latencies latencies, List<String> failures) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        for (int attempt = 0; attempt < 50; attempt++) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                latencies.add(System.nanoTime() - start);
                statuses.computeIfAbsent(response.statusCode(), status -> new LongAdder()).increment();
                if (response.statusCode() == 200) {
                    return true;
                }
                if (response.statusCode() != 429) {
                    fail(failures, "ingest answered " + response.statusCode() + ": " + response.body());
                    return false;
                }
                pause(1000);
            } catch (HttpTimeoutException timeout) {
                fail(failures, "ingest got no answer in 30 s");
                return false;
            } catch (IOException closedAfterEarlyAnswer) {
                // a 429 is sent before the body is read; Jetty may then reset the connection while the client still
                // sends, and the client sees no answer: nothing was acknowledged, so the batch is resent
                statuses.computeIfAbsent(CONNECTION_RESET, status -> new LongAdder()).increment();
                pause(1000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        fail(failures, "ingest was throttled 50 times in a row");
        return false;
    }

    private static void searchClient(URI base, CreatedAccessKey key, long started, AtomicBoolean running,
            Latencies latencies, List<String> failures) {
        SearchJobClient client = new SearchJobClient(base, key.accessId(), key.accessKey());
        List<String> queries = List.of("soak | parse \"line=*\" as line | count by line | sort by _count | limit 10",
                "soak \"GET\" | parse \"/api/orders/* \" as order | where order > \"5\" | count",
                "soak | parse \"batch=c*b\" as client | count by client");
        for (int index = 0; running.get(); index++) {
            long start = System.nanoTime();
            try {
                long now = System.currentTimeMillis();
                QueryResult result = client.run(queries.get(index % queries.size()), Math.max(started - 60_000,
                        now - 15 * 60_000), now + 1000, "UTC", false);
                latencies.add(System.nanoTime() - start);
                if (result.rows().isEmpty() && index > 3) {
                    fail(failures, "search " + queries.get(index % queries.size()) + " found nothing");
                }
            } catch (Exception failure) {
                fail(failures, "search failed: " + failure);
            }
        }
    }

    private static void dashboardClient(URI base, CreatedAccessKey key, long started, AtomicBoolean running,
            Latencies latencies, List<String> failures) {
        SearchJobClient logs = new SearchJobClient(base, key.accessId(), key.accessKey());
        MetricsQueryClient metrics = new MetricsQueryClient(base, key.accessId(), key.accessKey());
        for (int index = 0; running.get(); index++) {
            long start = System.nanoTime();
            long now = System.currentTimeMillis();
            try {
                if (index % 2 == 0) {
                    logs.run("soak | timeslice 1m | count by _timeslice", now - 15 * 60_000, now + 1000, "UTC", false);
                } else {
                    List<MetricsRowResult> rows = metrics.run(List.of(
                            new MetricsQueryRow("A", "metric=soak_latency | avg by api", 60_000, Rollup.AVG, 0),
                            new MetricsQueryRow("B", "metric=soak_requests | sum", 60_000, Rollup.SUM, 0)),
                            now - 15 * 60_000, now + 60_000);
                    if (index > 3 && rows.getFirst().series().isEmpty()) {
                        fail(failures, "the metrics dashboard query found no series");
                    }
                }
                latencies.add(System.nanoTime() - start);
            } catch (Exception failure) {
                fail(failures, "dashboard query failed: " + failure);
            }
            pause(100);
        }
    }

    /** {@value #BURST_REQUESTS} requests at once; a 429 is resent until accepted. Returns how many were throttled. */
    private static int burst(URI receiver, Map<String, Integer> acknowledged, Map<Integer, LongAdder> statuses)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        int throttled = 0;
        List<String> pending = new ArrayList<>();
        for (int request = 0; request < BURST_REQUESTS; request++) {
            pending.add("burst" + request);
        }
        for (int round = 0; !pending.isEmpty() && round < 30; round++) {
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (String batch : pending) {
                StringBuilder body = new StringBuilder();
                for (int line = 0; line < LINES_PER_BATCH; line++) {
                    body.append("soak batch=").append(batch).append("; line=").append(line).append(" burst\n");
                }
                responses.add(http.sendAsync(HttpRequest.newBuilder(receiver).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<String> again = new ArrayList<>();
            for (int index = 0; index < responses.size(); index++) {
                int status;
                try {
                    status = responses.get(index).get(60, TimeUnit.SECONDS).statusCode();
                } catch (ExecutionException reset) {
                    assertThat(reset.getCause()).isInstanceOf(IOException.class);
                    status = CONNECTION_RESET;
                }
                statuses.computeIfAbsent(status, code -> new LongAdder()).increment();
                if (status == 200) {
                    acknowledged.put(pending.get(index), LINES_PER_BATCH);
                } else {
                    assertThat(status).as("burst answer").isIn(429, CONNECTION_RESET);
                    throttled++;
                    again.add(pending.get(index));
                }
            }
            pending = again;
            if (!pending.isEmpty()) {
                pause(1000);
            }
        }
        assertThat(pending).as("every throttled burst request was accepted when resent").isEmpty();
        return throttled;
    }

    private static void fail(List<String> failures, String failure) {
        synchronized (failures) {
            if (failures.size() < 20) {
                failures.add(failure);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
