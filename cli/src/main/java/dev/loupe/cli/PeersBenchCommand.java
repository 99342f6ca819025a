package dev.loupe.cli;

import dev.loupe.app.lookups.ShippedLookups;
import dev.loupe.cli.peers.AppMetricsBenchmark;
import dev.loupe.cli.peers.BenchData;
import dev.loupe.cli.peers.CommandLinePeer;
import dev.loupe.cli.peers.Comparison;
import dev.loupe.cli.peers.ComparisonTable;
import dev.loupe.cli.peers.DuckDbPeer;
import dev.loupe.cli.peers.LoupePeer;
import dev.loupe.cli.peers.Peer;
import dev.loupe.cli.peers.Workload;
import dev.loupe.ingest.extraction.FieldExtractionRule;
import dev.loupe.core.TimeRange;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.store.metrics.EmbeddedMetricStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loupe bench peers}: Loupe beside DuckDB (over the raw NDJSON and over a native table), {@code jq} and
 * {@code rg}, in one process run, on one data set ({@link BenchData}) and the same work ({@link Workload}):
 * durable bulk ingest, then every task on every peer, each peer's answer checked against Loupe's. Prints a
 * Markdown section (machine, data size, command, medians, ratios) and, with {@code --benchmarks FILE}, puts it into
 * that file between markers, replacing the previous section for the same number of events.
 *
 * <p>Loupe ingests through the HTTP Source of a real server on loopback (the app's field extraction rule installed,
 * {@code --clients} concurrent clients, {@code --batch} events per request, counted when the server answered 200,
 * i.e. after the WAL fsync); DuckDB loads its table with {@code CREATE TABLE AS SELECT * FROM read_json(...)} and a
 * {@code CHECKPOINT} into a database file. A missing {@code jq} or {@code rg} is skipped with a message. All data
 * lives in a temporary folder, deleted at the end unless {@code --directory} names one.
 */
@Command(name = "peers", mixinStandardHelpOptions = true,
        description = "Run Loupe beside DuckDB (raw JSON and native table), jq and rg on the same CloudTrail events.")
final class PeersBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--events", defaultValue = "1000000", description = "CloudTrail events (default: ${DEFAULT-VALUE}).")
    private int events;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs of Loupe and the DuckDB table; the median is reported (default: ${DEFAULT-VALUE}). Peers that read the whole file per run (DuckDB raw JSON, jq, rg) run once.")
    private int runs;

    @Option(names = "--warmup", defaultValue = "1", description = "Unreported runs before measuring (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--clients", defaultValue = "4", description = "Concurrent HTTP clients for Loupe's ingest (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--batch", defaultValue = "1000", description = "Events per ingest request (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--seed", defaultValue = "7", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--peers", split = ",", paramLabel = "PEER", defaultValue = "duckdb-table,duckdb-json,jq,rg",
            description = "Peers beside Loupe: duckdb-table, duckdb-json, jq, rg, or none (default: ${DEFAULT-VALUE}).")
    private List<String> peers;

    @Option(names = "--peer-time-limit", defaultValue = "300", paramLabel = "SECONDS",
            description = "Longest run of jq or rg before it is killed and reported as failed (default: ${DEFAULT-VALUE}).")
    private int peerTimeLimitSeconds;

    @Option(names = "--directory", paramLabel = "DIR", description = "Keep the data in DIR (default: a temporary folder, deleted at the end).")
    private Path directory;

    @Option(names = "--metrics", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also time the app's 30 metrics queries over 24 h of about 10,000 series (default: ${DEFAULT-VALUE}).")
    private boolean metrics;

    @Option(names = "--reuse", description = "With --directory: query the data a previous run kept there (no generation; ingest not measured).")
    private boolean reuse;

    @Option(names = "--benchmarks", paramLabel = "FILE", description = "Write the Markdown section into FILE (e.g. BENCHMARKS.md).")
    private Path benchmarks;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (reuse && directory == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--reuse needs --directory");
        }
        Settings settings = new Settings(events, runs, warmup, clients, batch, seed, PeerChoice.parse(peers), reuse,
                Duration.ofSeconds(peerTimeLimitSeconds), metrics);
        Report report;
        try (TemporaryDirectory folder = directory != null ? TemporaryDirectory.kept(directory)
                : TemporaryDirectory.create("loupe-bench-peers-")) {
            report = run(settings, folder.path(), out);
        }
        String section = report.markdown(commandLine(settings));
        out.println();
        out.println(section);
        if (benchmarks != null) {
            BenchmarksFile.replaceSection(benchmarks, "bench peers " + events + " events", section);
            out.println("Written into " + benchmarks);
        }
        return report.allAgree() ? 0 : 1;
    }

    /**
     * What one run is asked to do.
     *
     * @param reuse query the data set kept in the folder by an earlier run instead of generating and ingesting one
     * @param peerTimeLimit the longest run of a command-line peer
     * @param metrics also run the app's metrics queries ({@link AppMetricsBenchmark})
     */
    record Settings(int events, int runs, int warmup, int clients, int batch, long seed, Set<PeerChoice> peers,
            boolean reuse, Duration peerTimeLimit, boolean metrics) {
        Settings {
            peers = Set.copyOf(peers);
        }
    }

    /** The peers that can run beside Loupe, by their option names. */
    enum PeerChoice {
        DUCKDB_TABLE("duckdb-table"),
        DUCKDB_JSON("duckdb-json"),
        JQ("jq"),
        RG("rg");

        private final String optionName;

        PeerChoice(String optionName) {
            this.optionName = optionName;
        }

        static Set<PeerChoice> parse(List<String> names) {
            Set<PeerChoice> choices = EnumSet.noneOf(PeerChoice.class);
            for (String name : names) {
                if (name.isBlank() || name.strip().equals("none")) {
                    continue;
                }
                choices.add(Arrays.stream(values()).filter(choice -> choice.optionName.equalsIgnoreCase(name.strip()))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown peer '" + name
                                + "'; choose among duckdb-table, duckdb-json, jq, rg")));
            }
            return choices;
        }
    }

    /**
     * What one run measured.
     *
     * @param loupeIngestNanos Loupe's durable HTTP ingest of every event
     * @param duckDbLoadNanos DuckDB's native table load and checkpoint
     * @param loadBefore the load average when the run started ({@code /proc/loadavg}), or empty
     * @param loadAfter the load average when it ended
     */
    record Report(BenchData data, long loupeIngestNanos, long duckDbLoadNanos, List<Comparison.TaskResult> results,
            Optional<AppMetricsBenchmark.Report> metrics, List<String> skipped, String loadBefore, String loadAfter) {

        /** Whether every peer that answered agreed with Loupe, and Loupe answered every task. */
        boolean allAgree() {
            return results.stream().flatMap(result -> result.measurements().stream())
                    .noneMatch(measurement -> measurement.status() == Comparison.Status.DISAGREES
                            || measurement.status() == Comparison.Status.UNCHECKED);
        }

        String markdown(String command) {
            StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "### Side by side: %,d CloudTrail events (%s)%n%n", data.events(),
                    LocalDate.now(ZoneOffset.UTC)));
            text.append("**Command:** `").append(command).append("`\n\n");
            text.append(String.format(Locale.ROOT, "Data: %,d events (%,d bytes of NDJSON, %.0f%% API Gateway, the rest "
                    + "EC2/S3/IAM/STS/Lambda noise) over 24 h. Machine: %d cores, %s. Load average (1, 5, 15 min) at the "
                    + "start: %s; at the end: %s.%n%n", data.events(), data.bytes(), BenchData.API_GATEWAY_SHARE * 100,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                            + Runtime.version(), loadBefore, loadAfter));
            if (loupeIngestNanos >= 0) {
                double seconds = loupeIngestNanos / 1e9;
                text.append("| ingest (durable) | events/s | time |\n|---|---|---|\n");
                text.append(String.format(Locale.ROOT, "| Loupe: HTTP Source, %s | **%,.0f** | %.1f s |%n",
                        "field extraction rule, fsync'ed WAL + Lucene", data.events() / seconds, seconds));
                if (duckDbLoadNanos >= 0) {
                    double duckSeconds = duckDbLoadNanos / 1e9;
                    text.append(String.format(Locale.ROOT, "| DuckDB: `CREATE TABLE AS SELECT * FROM read_json(...)` + `CHECKPOINT` | %,.0f | %.1f s |%n",
                            data.events() / duckSeconds, duckSeconds));
                }
                text.append('\n');
            } else {
                text.append("Ingest: not measured (the data set of an earlier run was reused).\n\n");
            }
            text.append("Queries: median wall time; in brackets, the peer's wall time over Loupe's (above 1× Loupe is "
                    + "faster); under it, for Loupe and DuckDB (in the benchmark's JVM), the median CPU time of the "
                    + "process, which other work on the machine disturbs far less. Every peer's answer (events reaching "
                    + "the first aggregate, and groups where the peer groups) is checked against Loupe's.\n\n");
            text.append(ComparisonTable.markdown(results));
            for (String line : skipped) {
                text.append('\n').append(line).append('\n');
            }
            metrics.ifPresent(report -> text.append('\n').append(AppMetricsBenchmark.markdown(report)));
            return text.toString();
        }
    }

    /** Generates the data in {@code folder}, ingests it into Loupe and DuckDB, and runs every task on every peer. */
    static Report run(Settings settings, Path folder, PrintWriter out) throws Exception {
        String loadBefore = loadAverage();
        long end = Math.floorDiv(System.currentTimeMillis(), 60_000L) * 60_000L;
        BenchData data;
        if (settings.reuse()) {
            data = BenchData.read(folder.resolve("events.ndjson"));
        } else {
            out.printf(Locale.ROOT, "Generating %,d CloudTrail events ...%n", settings.events());
            out.flush();
            data = BenchData.write(folder.resolve("events.ndjson"), settings.events(), settings.seed(), end);
        }
        out.printf(Locale.ROOT, "  %,d bytes of NDJSON; needle requestID %s%n", data.bytes(), data.needleRequestId());
        List<String> skipped = new ArrayList<>();
        try (RunningInstance instance = RunningInstance.start("127.0.0.1", 0, folder.resolve("loupe"))) {
            long loupeIngest = -1;
            if (!settings.reuse()) {
                instance.server().fieldExtractionRules().save(FieldExtractionRule.apiGatewayCloudTrail());
                out.printf(Locale.ROOT, "Loupe: ingesting over HTTP (%d clients, %d events per request) ...%n",
                        settings.clients(), settings.batch());
                out.flush();
                loupeIngest = ingest(instance, data.file(), settings);
                out.printf(Locale.ROOT, "  %,.0f events/s durable%n", data.events() / (loupeIngest / 1e9));
            }
            long[] duckDbLoad = {-1};
            List<Peer> peers = new ArrayList<>();
            try {
                peers.add(new LoupePeer(new LogQueryEngine(instance.store(), ShippedLookups.shippedCatalog()), data.range()));
                if (settings.peers().contains(PeerChoice.DUCKDB_TABLE)) {
                    out.println("DuckDB: loading a native table ...");
                    out.flush();
                    peers.add(DuckDbPeer.overTable(data.file(), folder.resolve("duckdb.db"), nanos -> duckDbLoad[0] = nanos));
                    if (duckDbLoad[0] >= 0) {
                        out.printf(Locale.ROOT, "  %,.0f events/s%n", data.events() / (duckDbLoad[0] / 1e9));
                    }
                }
                if (settings.peers().contains(PeerChoice.DUCKDB_JSON)) {
                    peers.add(DuckDbPeer.overRawJson(data.file(), true));
                }
                for (CommandLinePeer.Tool tool : CommandLinePeer.Tool.values()) {
                    if (settings.peers().contains(tool == CommandLinePeer.Tool.JQ ? PeerChoice.JQ : PeerChoice.RG)) {
                        if (tool.installed()) {
                            peers.add(new CommandLinePeer(tool, data.file(), settings.peerTimeLimit()));
                        } else {
                            skipped.add("`" + tool.name().toLowerCase(Locale.ROOT) + "` is not installed: skipped "
                                    + "(Debian: `apt-get install jq ripgrep`).");
                            out.println(skipped.getLast());
                        }
                    }
                }
                out.println("Running the tasks ...");
                out.flush();
                List<Comparison.TaskResult> results = new Comparison(settings.warmup(), settings.runs(), out)
                        .run(Workload.tasks(data.needleRequestId()), peers);
                Optional<AppMetricsBenchmark.Report> metricsReport = Optional.empty();
                if (settings.metrics()) {
                    metricsReport = Optional.of(metrics(folder.resolve("bench-metrics"), data.range(), settings, out));
                }
                return new Report(data, loupeIngest, duckDbLoad[0], results, metricsReport, skipped, loadBefore,
                        loadAverage());
            } finally {
                for (Peer peer : peers) {
                    peer.close();
                }
            }
        }
    }

    /** The app's metrics queries over a fresh metric store in {@code directory} (emptied first). */
    private static AppMetricsBenchmark.Report metrics(Path directory, TimeRange day, Settings settings, PrintWriter out)
            throws IOException {
        if (Files.exists(directory)) {
            TemporaryDirectory.delete(directory);
        }
        out.println("Metrics: writing 24 h of CloudWatch series ...");
        out.flush();
        try (EmbeddedMetricStore store = EmbeddedMetricStore.open(directory)) {
            return AppMetricsBenchmark.run(store, day, settings.warmup(), settings.runs(), out);
        }
    }

    /** Posts the file's lines to the instance's HTTP Source; returns how long until the last one was durable. */
    private static long ingest(RunningInstance instance, Path file, Settings settings) throws IOException, InterruptedException {
        URI receiver = URI.create(instance.receiverUrl(instance.defaultSource()));
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long started = System.nanoTime();
            HttpIngestLoad.post(receiver, settings.clients(), "aws/cloudtrail", "account=benchmark", () -> {
                StringBuilder body = new StringBuilder(settings.batch() * 1_300);
                synchronized (reader) {
                    for (int line = 0; line < settings.batch(); line++) {
                        String event = reader.readLine();
                        if (event == null) {
                            break;
                        }
                        body.append(event).append('\n');
                    }
                }
                return body.isEmpty() ? null : body.toString().getBytes(StandardCharsets.UTF_8);
            });
            return System.nanoTime() - started;
        }
    }

    private static String commandLine(Settings settings) {
        List<String> peers = new ArrayList<>();
        for (PeerChoice choice : PeerChoice.values()) {
            if (settings.peers().contains(choice)) {
                peers.add(choice.optionName);
            }
        }
        return "./loupe bench peers --events " + settings.events() + " --runs " + settings.runs() + " --warmup "
                + settings.warmup() + " --peers " + String.join(",", peers) + (settings.reuse() ? " --directory DIR --reuse" : "")
                + (settings.metrics() ? "" : " --no-metrics")
                + (settings.peerTimeLimit().toSeconds() == 300 ? "" : " --peer-time-limit " + settings.peerTimeLimit().toSeconds())
                + " --benchmarks BENCHMARKS.md";
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
