package dev.loupe.cli;

import dev.loupe.core.LogMessage;
import dev.loupe.ingest.CloudTrailEventGenerator;
import dev.loupe.ingest.IngestLimits;
import dev.loupe.ingest.LogFileReader;
import dev.loupe.ingest.SourceMetadata;
import dev.loupe.ingest.TimestampExtractor;
import dev.loupe.server.auth.CreatedAccessKey;
import dev.loupe.store.spi.LogStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code loupe demo}: the server on its embedded store with demo data. The first start of a data folder loads a
 * day of generated CloudTrail events (API Gateway management calls among other services' events), the real
 * public CloudTrail samples from {@code ../shared/data/cloudtrail} when that folder is there, and creates a demo
 * access key; every start adds a few fresh events every few seconds, so recent time ranges have data.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the server with demo data (CloudTrail events) until stopped.")
final class DemoCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
    private static final String CREDENTIALS_FILE = "demo-credentials.properties";
    private static final String CATEGORY = "aws/cloudtrail";
    private static final int GENERATED_EVENTS = 50_000;
    private static final long DAY_MILLIS = 86_400_000L;
    private static final int LIVE_EVENTS_PER_TICK = 10;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private ServerOptions server;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (RunningInstance instance = RunningInstance.start(server.host, server.port, server.dataDirectory)) {
            Path credentialsFile = server.dataDirectory.resolve(CREDENTIALS_FILE);
            boolean firstStart = !Files.exists(credentialsFile);
            if (firstStart) {
                out.println("First start: loading demo data into " + server.dataDirectory.toAbsolutePath().normalize() + " ...");
                out.flush();
                long loaded = loadGenerated(instance.store());
                long samples = loadSamples(instance.store());
                writeCredentials(credentialsFile, instance.users().createKey(instance.administrator().id(), "demo"));
                out.println("Loaded " + loaded + " generated CloudTrail events (last 24 hours) and " + samples
                        + " real CloudTrail sample events.");
            }
            Properties credentials = readCredentials(credentialsFile);
            ScheduledExecutorService feed = startLiveFeed(instance.store());
            try {
                printBanner(out, instance, credentials);
                instance.awaitShutdown();
            } finally {
                feed.shutdownNow();
            }
        }
        return 0;
    }

    private static long loadGenerated(LogStore store) {
        CloudTrailEventGenerator generator = new CloudTrailEventGenerator(42, 0.5);
        TimestampExtractor timestamps = new TimestampExtractor();
        long now = System.currentTimeMillis();
        SourceMetadata metadata = demoMetadata();
        List<LogMessage> batch = new ArrayList<>(1000);
        long[] count = {0};
        generator.generate(GENERATED_EVENTS, now - DAY_MILLIS, now, event -> {
            batch.add(message(event, timestamps.messageTime(event, now), now, metadata));
            if (batch.size() == 1000) {
                store.append(List.copyOf(batch));
                count[0] += batch.size();
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            store.append(batch);
            count[0] += batch.size();
        }
        return count[0];
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

    private static ScheduledExecutorService startLiveFeed(LogStore store) {
        CloudTrailEventGenerator generator = new CloudTrailEventGenerator(System.nanoTime(), 0.5);
        TimestampExtractor timestamps = new TimestampExtractor();
        SourceMetadata metadata = demoMetadata();
        ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("demo-live-feed").daemon().factory());
        feed.scheduleWithFixedDelay(() -> {
            long now = System.currentTimeMillis();
            List<LogMessage> batch = new ArrayList<>(LIVE_EVENTS_PER_TICK);
            for (int index = 0; index < LIVE_EVENTS_PER_TICK; index++) {
                String event = generator.next(now - index * 500L);
                batch.add(message(event, timestamps.messageTime(event, now), now, metadata));
            }
            try {
                store.append(batch);
            } catch (RuntimeException e) {
                LOG.warn("demo live feed could not append events: {}", e.getMessage());
            }
        }, 5, 5, TimeUnit.SECONDS);
        return feed;
    }

    private static SourceMetadata demoMetadata() {
        return new SourceMetadata(CATEGORY, "cloudtrail-demo", "demo", "demo", "loupe", Map.of());
    }

    private static LogMessage message(String raw, long messageTime, long receiptTime, SourceMetadata metadata) {
        return new LogMessage(raw, messageTime, receiptTime, metadata.category(), metadata.name(), metadata.host(),
                metadata.source(), metadata.collector(), metadata.fields());
    }

    private static void writeCredentials(Path file, CreatedAccessKey key) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("accessId", key.accessId());
        properties.setProperty("accessKey", key.accessKey());
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
                + " --from -1d '_sourceCategory=aws/cloudtrail | json \"eventSource\", \"eventName\" | count by eventSource, eventName | sort by _count | limit 10'");
        out.println("Stop with Ctrl-C (the data stays in " + server.dataDirectory + ").");
        out.flush();
    }
}
