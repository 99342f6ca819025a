package dev.loupe.cli;

import dev.loupe.core.LogMessage;
import dev.loupe.ingest.IngestLimits;
import dev.loupe.ingest.LogFileReader;
import dev.loupe.ingest.SourceMetadata;
import dev.loupe.server.auth.CreatedAccessKey;
import dev.loupe.store.spi.LogStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code loupe demo}: the server on its embedded store with demo data. The first start of a data folder installs
 * the API Gateway app's field extraction rule and simulates 8 days of an API Gateway fleet (metrics and CloudTrail), the real
 * public CloudTrail samples from {@code ../shared/data/cloudtrail} when that folder is there, and creates a demo
 * access key; while it runs every new minute is simulated, so recent time ranges have data.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the server with 8 simulated days of an API Gateway fleet and a live stream until stopped.")
final class DemoCommand implements Callable<Integer> {
    private static final String CREDENTIALS_FILE = "demo-credentials.properties";
    private static final String CATEGORY = "aws/cloudtrail";
    private static final String APP_NAME = "AWS API Gateway";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private ServerOptions server;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (RunningInstance instance = RunningInstance.start(server.host, server.port, server.dataDirectory,
                new RunningInstance.Options(DataStores.EMBEDDED, server.tls(), server.lookupOptions()))) {
            Path credentialsFile = server.dataDirectory.resolve(CREDENTIALS_FILE);
            boolean firstStart = !Files.exists(credentialsFile);
            SimulateCommand.SimulationRun run;
            if (firstStart) {
                out.println("First start: simulating 8 days of an API Gateway fleet into "
                        + server.dataDirectory.toAbsolutePath().normalize() + " ...");
                out.flush();
                run = SimulateCommand.SimulationRun.backfill(instance, 42, 3, 5, 8);
                long samples = loadSamples(instance.ingestStore());
                CreatedAccessKey demoKey = instance.users().createKey(instance.administrator().id(), "demo");
                String appFolder = new AppInstallClient(URI.create(instance.baseUrl()), demoKey.accessId(), demoKey.accessKey())
                        .installIntoPersonalFolder(APP_NAME);
                writeCredentials(credentialsFile, demoKey, appFolder);
                out.println("Simulated 8 days (" + run.feed().samples() + " metric samples, " + run.feed().messages()
                        + " CloudTrail events) in " + run.millis() + " ms, and loaded " + samples
                        + " real CloudTrail sample events.");
            } else {
                run = SimulateCommand.SimulationRun.backfill(instance, 42, 3, 5, 0);
            }
            Properties credentials = readCredentials(credentialsFile);
            ScheduledExecutorService feed = run.feed().live(run.simulator(), run.endMillis());
            try {
                printBanner(out, instance, credentials);
                instance.awaitShutdown();
            } finally {
                feed.shutdownNow();
            }
        }
        return 0;
    }

    private static long loadSamples(LogStore store) throws IOException {
        Path samples = sampleDirectory();
        if (samples == null) {
            return 0;
        }
        LogFileReader reader = new LogFileReader(IngestLimits.defaults().maxMessageBytes());
        SourceMetadata metadata = new SourceMetadata(CATEGORY + "/samples", "cloudtrail-samples", "demo", "demo", "loupe", Map.of());
        long total = 0;
        try (Stream<Path> files = Files.walk(samples)) {
            for (Path file : files.filter(DemoCommand::isEventFile).sorted().toList()) {
                total += reader.read(file, metadata, System.currentTimeMillis(), 1000, store::append).messages();
            }
        }
        return total;
    }

    private static boolean isEventFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".json") || name.endsWith(".jsonl"));
    }

    /** {@code ../shared/data/cloudtrail} beside the Loupe checkout, when it is there. */
    private static Path sampleDirectory() {
        String home = System.getProperty("loupe.home", ".");
        Path candidate = Path.of(home).toAbsolutePath().normalize().resolveSibling("shared").resolve("data").resolve("cloudtrail");
        return Files.isDirectory(candidate) ? candidate : null;
    }

    private static SourceMetadata demoMetadata() {
        return new SourceMetadata(CATEGORY, "cloudtrail-demo", "demo", "demo", "loupe", Map.of());
    }

    private static LogMessage message(String raw, long messageTime, long receiptTime, SourceMetadata metadata) {
        return new LogMessage(raw, messageTime, receiptTime, metadata.category(), metadata.name(), metadata.host(),
                metadata.source(), metadata.collector(), metadata.fields());
    }

    private static void writeCredentials(Path file, CreatedAccessKey key, String appFolder) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("accessId", key.accessId());
        properties.setProperty("accessKey", key.accessKey());
        properties.setProperty("appFolderId", appFolder);
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "Loupe demo access key (demo only: real keys are shown once and stored hashed)");
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static Properties readCredentials(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    private void printBanner(PrintWriter out, RunningInstance instance, Properties credentials) {
        String base = instance.baseUrl();
        String receiver = instance.receiverUrl(instance.defaultSource());
        String id = credentials.getProperty("accessId");
        String key = credentials.getProperty("accessKey");
        out.println();
        out.println("Loupe demo is running.");
        out.println("  Server / API:     " + base + "   (Search Job API: " + base + "/api/v1/search/jobs)");
        out.println("  HTTP Source URL:  " + receiver);
        out.println("  Access id:        " + id);
        out.println("  Access key:       " + key);
        out.println();
        out.println("Try:");
        out.println("  curl -X POST -H 'X-Sumo-Category: demo/app' --data-binary 'hello from curl' " + receiver);
        out.println("  ./loupe query --server " + base + " --access-id " + id + " --access-key " + key + " 'hello'");
        out.println("  ./loupe query --server " + base + " --access-id " + id + " --access-key " + key
                + " --from -1d '_sourceCategory=aws/observability/cloudtrail/logs | json \"eventSource\", \"eventName\" | count by eventSource, eventName | sort by _count | limit 10'");
        out.println();
        out.println("API Gateway metrics and CloudTrail audit events (8 days, a new minute every minute); the app's field");
        out.println("extraction rule gives CloudTrail events account, region, namespace, apiname and accountid:");
        out.println("  ./loupe query --server " + base + " --access-id " + id + " --access-key " + key
                + " --from -1d 'account=* namespace=aws/apigateway | count by region, apiname'");
        out.println("  ./loupe query --metrics --server " + base + " --access-id " + id + " --access-key " + key
                + " --from -1d 'Namespace=aws/apigateway metric=Count statistic=Sum apiname=* | quantize using sum | sum by apiname'");
        String appFolder = credentials.getProperty("appFolderId");
        if (appFolder != null) {
            out.println();
            out.println("The " + APP_NAME + " app (5 dashboards) is installed in your Personal folder, content id " + appFolder + ":");
            out.println("  curl -u " + id + ":" + key + " " + base + "/api/v2/content/folders/" + appFolder);
            out.println("  curl -u " + id + ":" + key + " '" + base + "/api/v2/dashboards?mode=allViewableByUser'");
        }
        out.println("Stop with Ctrl-C (the data stays in " + server.dataDirectory + ").");
        out.flush();
    }
}
