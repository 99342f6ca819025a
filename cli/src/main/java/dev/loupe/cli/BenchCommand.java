package dev.loupe.cli;

import dev.loupe.ingest.CloudTrailEventGenerator;
import dev.loupe.ingest.extraction.FieldExtractionRule;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import dev.loupe.query.lookup.LookupCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loupe bench ingest}: measures durable ingest through the HTTP Source of a real server on loopback.
 * Generated CloudTrail events are posted by concurrent clients in batches; a batch counts once the server
 * answered 200, which it does only after the WAL is fsync'ed. Prints the median of several runs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: 'loupe bench ingest' (durable HTTP ingest), 'loupe bench check' (query checking), "
                + "'loupe bench metrics' (metric ingest, bytes per point, a 24-hour metrics query), "
                + "'loupe bench peers' (Loupe beside DuckDB, jq and rg on the same events).",
        subcommands = {BenchCommand.Ingest.class, BenchCommand.Check.class, MetricsBenchCommand.class, PeersBenchCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true, description = "Measure durable ingest (events/s) through the HTTP Source on loopback.")
    static final class Ingest implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--events", defaultValue = "200000", description = "Events per run (default: ${DEFAULT-VALUE}).")
        private int events;

        @Option(names = "--batch", defaultValue = "1000", description = "Events per request (default: ${DEFAULT-VALUE}).")
        private int batch;

        @Option(names = "--clients", defaultValue = "4", description = "Concurrent HTTP clients (default: ${DEFAULT-VALUE}).")
        private int clients;

        @Option(names = "--runs", defaultValue = "5", description = "Measured runs; the median is reported (default: ${DEFAULT-VALUE}).")
        private int runs;

        @Option(names = "--warmup", defaultValue = "1", description = "Runs before measuring, not reported (default: ${DEFAULT-VALUE}).")
        private int warmup;

        @Option(names = "--app-rule", description = "Install the AWS API Gateway app's field extraction rule first, as the "
                + "demo and an installed app do (every message is then checked against its scope).")
        private boolean appRule;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<byte[]> bodies = bodies();
            long bytes = bodies.stream().mapToLong(body -> body.length).sum();
            out.printf(Locale.ROOT, "ingest benchmark: %,d CloudTrail events (%,d bytes) per run, %d per request, %d clients, "
                    + "%d warm-up + %d measured runs, %d cores%n",
                    events, bytes, batch, clients, warmup, runs, Runtime.getRuntime().availableProcessors());
            if (appRule) {
                out.println("with the API Gateway app's field extraction rule");
            }
            for (int run = 0; run < warmup; run++) {
                out.printf(Locale.ROOT, "  warm-up %d: %s%n", run + 1, runOnce(bodies));
                out.flush();
            }
            double[] rates = new double[runs];
            double[] cpuPerEvent = new double[runs];
            for (int run = 0; run < runs; run++) {
                IngestRun measured = runOnce(bodies);
                rates[run] = measured.eventsPerSecond();
                cpuPerEvent[run] = measured.cpuMicrosPerEvent();
                out.printf(Locale.ROOT, "  run %d: %s%n", run + 1, measured);
                out.flush();
            }
            Arrays.sort(rates);
            Arrays.sort(cpuPerEvent);
            int cores = Runtime.getRuntime().availableProcessors();
            out.printf(Locale.ROOT, "median: %,.0f events/s (durable: acknowledged after fsync); %.1f µs of CPU per event "
                    + "(the whole process: server and clients), i.e. %,.0f events/s if %d cores were free for it%n",
                    rates[runs / 2], cpuPerEvent[runs / 2], cores * 1e6 / cpuPerEvent[runs / 2], cores);
            return 0;
        }

        /** One run: wall-clock rate, and the process's CPU time per event (robust to other work on the machine). */
        private record IngestRun(double eventsPerSecond, double cpuMicrosPerEvent) {
            @Override
            public String toString() {
                return String.format(Locale.ROOT, "%,.0f events/s, %.1f µs CPU per event", eventsPerSecond, cpuMicrosPerEvent);
            }
        }

        private List<byte[]> bodies() {
            CloudTrailEventGenerator generator = new CloudTrailEventGenerator(7, 0.05);
            long now = System.currentTimeMillis();
            List<String> all = generator.generate(events, now - 3_600_000L, now);
            List<byte[]> bodies = new ArrayList<>();
            for (int start = 0; start < all.size(); start += batch) {
                bodies.add((String.join("\n", all.subList(start, Math.min(all.size(), start + batch))) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return bodies;
        }

        private IngestRun runOnce(List<byte[]> bodies) throws Exception {
            Path directory = Files.createTempDirectory("loupe-bench-");
            try (RunningInstance instance = RunningInstance.start("127.0.0.1", 0, directory)) {
                if (appRule) {
                    instance.server().fieldExtractionRules().save(FieldExtractionRule.apiGatewayCloudTrail());
                }
                URI receiver = URI.create(instance.receiverUrl(instance.defaultSource()));
                AtomicInteger next = new AtomicInteger();
                com.sun.management.OperatingSystemMXBean process = (com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                long cpuStarted = process.getProcessCpuTime();
                long started = System.nanoTime();
                HttpIngestLoad.post(receiver, clients, "bench/cloudtrail", "", () -> {
                    int index = next.getAndIncrement();
                    return index < bodies.size() ? bodies.get(index) : null;
                });
                double seconds = (System.nanoTime() - started) / 1e9;
                double cpuMicros = (process.getProcessCpuTime() - cpuStarted) / 1e3;
                return new IngestRun(events / seconds, cpuMicros / events);
            } finally {
                TemporaryDirectory.delete(directory);
            }
        }
    }

    /**
     * {@code loupe bench check}: how many queries per second {@code loupe check} answers. The queries are every
     * log query of the apps in {@code ../shared/reference/apps} (their {@code {{var}}} replaced by {@code *}) as
     * JSON input lines, run through the same {@link QueryChecker} as {@code loupe check}.
     */
    @Command(name = "check", mixinStandardHelpOptions = true, description = "Measure loupe check throughput (queries/s).")
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--queries", defaultValue = "200000", description = "Queries checked per run (default: ${DEFAULT-VALUE}).")
        private int queries;

        @Option(names = "--runs", defaultValue = "5", description = "Measured runs; the median is reported (default: ${DEFAULT-VALUE}).")
        private int runs;

        @Option(names = "--apps", paramLabel = "DIR", description = "Folder of app JSON files (default: ../shared/reference/apps beside the checkout).")
        private Path apps;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<String> lines = AppQueries.logQueryLines(apps != null ? apps : AppQueries.defaultDirectory());
            QueryChecker checker = new QueryChecker(new dev.loupe.query.LogQueryEngine(new NoStorage(), LookupCatalog.virtualTableSchemas()),
                    new dev.loupe.query.metrics.MetricsQueryEngine(new NoMetricStorage()));
            long accepted = lines.stream().filter(line -> checker.check(line).path("ok").asBoolean()).count();
            out.printf(Locale.ROOT, "check benchmark: %d distinct app log queries (%d accepted), %,d checks per run, %d runs, 1 thread%n",
                    lines.size(), accepted, queries, runs);
            for (int index = 0; index < queries; index++) {
                checker.check(lines.get(index % lines.size()));
            }
            double[] rates = new double[runs];
            for (int run = 0; run < runs; run++) {
                long started = System.nanoTime();
                for (int index = 0; index < queries; index++) {
                    checker.check(lines.get(index % lines.size()));
                }
                rates[run] = queries / ((System.nanoTime() - started) / 1e9);
                out.printf(Locale.ROOT, "  run %d: %,.0f queries/s%n", run + 1, rates[run]);
                out.flush();
            }
            Arrays.sort(rates);
            out.printf(Locale.ROOT, "median: %,.0f queries/s (JSON line in, JSON line out, parse + analyze)%n", rates[runs / 2]);
            return 0;
        }
    }
}
