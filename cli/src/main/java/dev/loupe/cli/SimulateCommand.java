package dev.loupe.cli;

import dev.loupe.ingest.extraction.FieldExtractionRule;
import dev.loupe.ingest.simulation.Fleet;
import dev.loupe.ingest.simulation.FleetSimulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loupe simulate}: writes a simulated API Gateway fleet (CloudWatch metrics and CloudTrail events, see
 * {@link FleetSimulator}) into a data folder no server runs on, with the API Gateway app's field extraction rule
 * in force; {@code --live} then keeps adding each new minute until stopped.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate an AWS API Gateway fleet (metrics and CloudTrail events) into a data folder.")
final class SimulateCommand implements Callable<Integer> {
    private static final long DAY = 86_400_000L;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", description = "The data folder (default: ${DEFAULT-VALUE}).", defaultValue = "loupe-data")
    private Path dataDirectory;

    @Option(names = "--accounts", description = "AWS accounts (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    private int accounts;

    @Option(names = "--apis", description = "REST APIs (default: ${DEFAULT-VALUE}).", defaultValue = "5")
    private int apis;

    @Option(names = "--days", description = "Days of history to backfill (default: ${DEFAULT-VALUE}).", defaultValue = "8")
    private int days;

    @Option(names = "--seed", description = "The seed: the same seed gives the same data (default: ${DEFAULT-VALUE}).",
            defaultValue = "42")
    private long seed;

    @Option(names = "--live", description = "After the backfill, simulate every new minute until stopped.")
    private boolean live;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
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
