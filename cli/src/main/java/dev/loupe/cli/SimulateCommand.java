package dev.loupe.cli;

import dev.loupe.ingest.extraction.FieldExtractionRule;
import dev.loupe.ingest.simulation.Fleet;
import dev.loupe.ingest.simulation.FleetSimulator;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loupe simulate}: writes a simulated API Gateway fleet (CloudWatch metrics and CloudTrail events, see
 * {@link FleetSimulator}) into a data folder no server runs on, with the API Gateway app's field extraction rule
 * in force; or, with {@code --server} and {@code --token}, sends it to a running server's HTTP Source
 * ({@link HttpFleetFeed}), whose own field extraction rules apply (installing the app installs its rule). The
 * HTTP Source refuses metric points more than 24 hours old, so a backfill to a server covers one day at most.
 * {@code --live} then keeps adding each new minute until stopped.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate an AWS API Gateway fleet (metrics and CloudTrail events) into a data folder or to a server.")
final class SimulateCommand implements Callable<Integer> {
    private static final long DAY = 86_400_000L;
    private static final long PERIOD = 300_000L;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", description = "The data folder (default: ${DEFAULT-VALUE}).", defaultValue = "loupe-data")
    private Path dataDirectory;

    @Option(names = "--accounts", description = "AWS accounts (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    private int accounts;

    @Option(names = "--apis", description = "REST APIs (default: ${DEFAULT-VALUE}).", defaultValue = "5")
    private int apis;

    @Option(names = "--days", description = "Days of history to backfill (default: 8 into a data folder, 1 to a "
            + "server, at most 1 to a server).")
    private Integer days;

    @Option(names = "--server", paramLabel = "URL", description = "Send to this running server's HTTP Source instead "
            + "of writing a data folder.")
    private URI server;

    @Option(names = "--token", paramLabel = "T", description = "HTTP Source token for --server (the last part of the "
            + "source URL).")
    private String token;

    @Option(names = "--seed", description = "The seed: the same seed gives the same data (default: ${DEFAULT-VALUE}).",
            defaultValue = "42")
    private long seed;

    @Option(names = "--live", description = "After the backfill, simulate every new minute until stopped.")
    private boolean live;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (server != null) {
            return toServer(out);
        }
        int days = this.days == null ? 8 : this.days;
        try (RunningInstance instance = RunningInstance.start("127.0.0.1", 0, dataDirectory)) {
            SimulationRun run = SimulationRun.backfill(instance, seed, accounts, apis, days);
            out.println("Simulated " + days + " days of " + apis + " APIs in " + accounts + " accounts: " + run.feed().samples()
                    + " metric samples, " + run.feed().messages() + " CloudTrail events in " + run.millis() + " ms.");
            out.flush();
            if (live) {
                ScheduledExecutorService feed = run.feed().live(run.simulator(), run.endMillis());
                try {
                    out.println("Adding every new minute; stop with Ctrl-C.");
                    out.flush();
                    instance.awaitShutdown();
                } finally {
                    feed.shutdownNow();
                }
            }
        }
        return 0;
    }

    private int toServer(PrintWriter out) throws InterruptedException {
        if (token == null || token.isBlank()) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "--server needs --token (the last part of the HTTP Source URL)");
        }
        int backfillDays = days == null ? 1 : days;
        if (backfillDays < 0 || backfillDays > 1) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "--days must be 0 or 1 with --server: the HTTP Source "
                    + "refuses metric points more than 24 hours old (write older history into a data folder instead)");
        }
        long began = System.nanoTime();
        FleetSimulator simulator = new FleetSimulator(Fleet.generate(seed, accounts, apis), seed, 12);
        HttpFleetFeed feed = new HttpFleetFeed(new HttpSourceClient(server, token));
        long now = System.currentTimeMillis();
        long end = Math.floorDiv(now, PERIOD) * PERIOD;
        /* The first period starts a minute inside the last 24 hours, so none of its points is refused as too old. */
        simulator.simulate(now - backfillDays * DAY + 60_000L, end, PERIOD, now, feed);
        out.println("Sent " + backfillDays + " day(s) of " + apis + " APIs in " + accounts + " accounts to " + server
                + ": " + feed.samples() + " metric samples (" + feed.rejected() + " rejected), " + feed.messages()
                + " CloudTrail events in " + (System.nanoTime() - began) / 1_000_000 + " ms.");
        out.flush();
        if (live) {
            ScheduledExecutorService stream = FleetFeed.live(simulator, end, feed);
            try {
                out.println("Sending every new minute; stop with Ctrl-C.");
                out.flush();
                new java.util.concurrent.CountDownLatch(1).await();
            } finally {
                stream.shutdownNow();
            }
        }
        return feed.rejected() > 0 ? CommandErrorHandler.USER_ERROR : 0;
    }

    /** A backfill done: the simulator (for the live stream), where it stopped, and what it wrote. */
    record SimulationRun(FleetSimulator simulator, FleetFeed feed, long endMillis, long millis) {
        /**
         * Installs the API Gateway app's field extraction rule, then simulates {@code days} days up to the current
         * minute at 5-minute resolution into the instance's stores.
         */
        static SimulationRun backfill(RunningInstance instance, long seed, int accounts, int apis, int days) {
            long began = System.nanoTime();
            instance.server().fieldExtractionRules().save(FieldExtractionRule.apiGatewayCloudTrail());
            FleetSimulator simulator = new FleetSimulator(Fleet.generate(seed, accounts, apis), seed, 12);
            FleetFeed feed = new FleetFeed(instance.ingestStore(), instance.metricStore());
            long end = Math.floorDiv(System.currentTimeMillis(), 300_000L) * 300_000L;
            simulator.simulate(end - days * DAY, end, 300_000L, end, feed);
            return new SimulationRun(simulator, feed, end, (System.nanoTime() - began) / 1_000_000);
        }
    }
}
