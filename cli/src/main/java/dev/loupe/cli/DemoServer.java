package dev.loupe.cli;

import static java.util.Objects.requireNonNull;

import dev.loupe.ingest.IngestLimits;
import dev.loupe.ingest.LogFileReader;
import dev.loupe.ingest.SourceMetadata;
import dev.loupe.server.auth.CreatedAccessKey;
import dev.loupe.server.auth.User;
import dev.loupe.store.spi.LogStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

/**
 * A Loupe server with the demo data, as {@code loupe demo} runs it; public so the browser tests start the same
 * thing in their JVM. The first start of a data folder installs the API Gateway app's field extraction rule,
 * simulates {@code days} days of an API Gateway fleet (metrics and CloudTrail), loads the real public CloudTrail
 * samples from {@code ../shared/data/cloudtrail} (beside the {@code loupe.home} system property) when that folder
 * is there, creates a demo access key, installs the AWS API Gateway app into the administrator's Personal folder
 * and gives the administrator a password for the web UI; {@code demo-credentials.properties} keeps them for the next
 * start.
 */
public final class DemoServer implements AutoCloseable {
    private static final String CREDENTIALS_FILE = "demo-credentials.properties";
    private static final String CATEGORY = "aws/cloudtrail";
    /** The app the demo installs. */
    public static final String APP_NAME = "AWS API Gateway";

    private final RunningInstance instance;
    private final SimulateCommand.SimulationRun run;
    private final Properties credentials;
    private final long sampleMessages;
    private final boolean firstStart;
    private ScheduledExecutorService liveFeed;

    private DemoServer(RunningInstance instance, SimulateCommand.SimulationRun run, Properties credentials,
            long sampleMessages, boolean firstStart) {
        this.instance = instance;
        this.run = run;
        this.credentials = credentials;
        this.sampleMessages = sampleMessages;
        this.firstStart = firstStart;
    }

    /**
     * Starts the server on {@code host:port} (port 0 picks a free one) over {@code dataDirectory}, preparing the
     * demo data on a first start.
     *
     * @param days how many days the first start simulates (the demo uses 8)
     * @param progress where to say that a first start is simulating, or null
     */
    public static DemoServer start(String host, int port, Path dataDirectory, int days, PrintWriter progress)
            throws IOException, InterruptedException {
        return start(host, port, dataDirectory, RunningInstance.Options.defaults(), days, progress);
    }

    /** {@link #start(String, int, Path, int, PrintWriter)} with the store, TLS and lookup options of the command line. */
    static DemoServer start(String host, int port, Path dataDirectory, RunningInstance.Options options, int days,
            PrintWriter progress) throws IOException, InterruptedException {
        RunningInstance instance = RunningInstance.start(host, port, dataDirectory, options);
        try {
            Path credentialsFile = dataDirectory.resolve(CREDENTIALS_FILE);
            boolean firstStart = !Files.exists(credentialsFile);
            SimulateCommand.SimulationRun run;
            long samples = 0;
            Properties credentials;
            if (firstStart) {
                if (progress != null) {
                    progress.println("First start: simulating " + days + " days of an API Gateway fleet into "
                            + dataDirectory.toAbsolutePath().normalize() + " ...");
                    progress.flush();
                }
                run = SimulateCommand.SimulationRun.backfill(instance, 42, 3, 5, days);
                samples = loadSamples(instance.ingestStore());
                CreatedAccessKey demoKey = instance.users().createKey(instance.administrator().id(), "demo");
                String appFolder = new AppInstallClient(URI.create(instance.baseUrl()), demoKey.accessId(),
                        demoKey.accessKey()).installIntoPersonalFolder(APP_NAME);
                credentials = new Properties();
                credentials.setProperty("accessId", demoKey.accessId());
                credentials.setProperty("accessKey", demoKey.accessKey());
                credentials.setProperty("appFolderId", appFolder);
            } else {
                run = SimulateCommand.SimulationRun.backfill(instance, 42, 3, 5, 0);
                credentials = readCredentials(credentialsFile);
            }
            if (credentials.getProperty("password") == null) {
                // Folders made before the UI existed have no demo password: give the administrator one.
                User administrator = instance.administrator();
                String password = randomPassword();
                instance.users().setPassword(administrator.id(), password);
                credentials.setProperty("userName", administrator.name());
                credentials.setProperty("password", password);
            }
            writeCredentials(credentialsFile, credentials);
            return new DemoServer(instance, run, credentials, samples, firstStart);
        } catch (Exception failure) {
            instance.close();
            throw failure;
        }
    }

    /** Simulates every new minute from now on (1-minute metrics and events) until closed. */
    public synchronized void startLiveFeed() {
        if (liveFeed == null) {
            liveFeed = run.feed().live(run.simulator(), run.endMillis());
        }
    }

    /** Whether this start prepared the data folder. */
    public boolean firstStart() {
        return firstStart;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:8080}; the web UI is at {@code baseUrl() + "/ui/"}. */
    public String baseUrl() {
        return instance.baseUrl();
    }

    /** The web UI's sign-in name (the administrator). */
    public String userName() {
        return credentials.getProperty("userName");
    }

    /** The web UI's sign-in password. */
    public String password() {
        return credentials.getProperty("password");
    }

    /** The demo access id (HTTP Basic for the APIs). */
    public String accessId() {
        return credentials.getProperty("accessId");
    }

    /** The demo access key. */
    public String accessKey() {
        return credentials.getProperty("accessKey");
    }

    /** The content id of the app folder installed on the first start, or null. */
    public String appFolderId() {
        return credentials.getProperty("appFolderId");
    }

    /** The URL of the default HTTP source's receiver. */
    public String receiverUrl() {
        return instance.receiverUrl(instance.defaultSource());
    }

    /** What the first start simulated (zero on later starts). */
    public long simulatedSamples() {
        return run.feed().samples();
    }

    /** CloudTrail events the first start simulated. */
    public long simulatedMessages() {
        return run.feed().messages();
    }

    /** Real CloudTrail sample events the first start loaded. */
    public long sampleMessages() {
        return sampleMessages;
    }

    /** Milliseconds the first start's simulation took. */
    public long simulationMillis() {
        return run.millis();
    }

    RunningInstance instance() {
        return instance;
    }

    /** Blocks until the process is asked to stop (Ctrl-C, SIGTERM), then closes everything. */
    void awaitShutdown() throws InterruptedException {
        instance.awaitShutdown();
    }

    @Override
    public synchronized void close() {
        if (liveFeed != null) {
            liveFeed.shutdownNow();
        }
        instance.close();
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
            for (Path file : files.filter(DemoServer::isEventFile).sorted().toList()) {
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

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writeCredentials(Path file, Properties properties) {
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "Loupe demo credentials (demo only: real keys are shown once and stored hashed)");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static Properties readCredentials(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(requireNonNull(file, "file is null"))) {
            properties.load(reader);
        }
        return properties;
    }
}
