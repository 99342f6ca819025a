package dev.loupe.store.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node OpenSearch cluster for tests: the runnable zip the build unpacks into {@code target/} (system
 * property {@code loupe.opensearch.home}), copied to a temporary folder and started on free loopback ports with a
 * 512 MB heap, on the test JVM's Java. OpenSearch refuses to run as root, so as root the copy is given to {@code
 * nobody} and started through {@code runuser}. {@link #stop()} kills it and deletes the copy; {@link #kill()} and
 * {@link #restart()} let tests take the cluster away and bring it back on the same port and data.
 */
final class OpenSearchNode implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path home;
    private final int httpPort;
    private final int transportPort;
    private Process process;

    private OpenSearchNode(Path home, int httpPort, int transportPort) {
        this.home = home;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    /** Copies the distribution and starts a node; returns when its HTTP port answers. */
    static OpenSearchNode start() throws IOException, InterruptedException {
        String distribution = System.getProperty("loupe.opensearch.home");
        if (distribution == null || !Files.isDirectory(Path.of(distribution))) {
            throw new IllegalStateException("no OpenSearch distribution at " + distribution
                    + " (the build unpacks it into target/ in process-test-resources)");
        }
        Path home = Files.createTempDirectory("loupe-opensearch-");
        copyTree(Path.of(distribution), home);
        if (isRoot()) {
            run(List.of("chown", "-R", "nobody", home.toString()));
            run(List.of("chmod", "755", home.toString()));
        }
        OpenSearchNode node = new OpenSearchNode(home, freePort(), freePort());
        node.launch();
        return node;
    }

    /** The node's base URL, {@code http://127.0.0.1:PORT}. */
    URI url() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** Kills the node at once (SIGKILL), as a crash would; its data stays for {@link #restart()}. */
    void kill() throws InterruptedException {
        stopProcess(true);
    }

    /** Starts the node again on the same ports and data. */
    void restart() throws IOException, InterruptedException {
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        command.addAll(List.of("env", "OPENSEARCH_JAVA_HOME=" + System.getProperty("java.home"),
                "OPENSEARCH_JAVA_OPTS=-Xms512m -Xmx512m", "OPENSEARCH_PATH_CONF=" + home.resolve("config"),
                home.resolve("bin/opensearch").toString(),
                "-Ediscovery.type=single-node", "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + httpPort, "-Etransport.port=" + transportPort,
                "-Ecluster.routing.allocation.disk.threshold_enabled=false",
                "-Epath.data=" + home.resolve("data"), "-Epath.logs=" + home.resolve("logs")));
        process = new ProcessBuilder(command).directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("console.log").toFile())
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (HttpClient client = HttpClient.newHttpClient()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("OpenSearch exited with " + process.exitValue() + ":\n" + consoleTail());
                }
                try {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(url().resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(250);
            }
        }
        stopProcess(true);
        throw new IllegalStateException("OpenSearch did not answer within " + START_TIMEOUT + ":\n" + consoleTail());
    }

    private String consoleTail() {
        try {
            List<String> lines = Files.readAllLines(home.resolve("console.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException unreadable) {
            return "(no console log: " + unreadable.getMessage() + ")";
        }
    }

    private void stopProcess(boolean forcibly) throws InterruptedException {
        if (process == null) {
            return;
        }
        // runuser and the start script sit between us and the JVM: signal every descendant, the JVM first.
        List<ProcessHandle> descendants;
        try (Stream<ProcessHandle> stream = process.descendants()) {
            descendants = stream.sorted(Comparator.comparingLong(ProcessHandle::pid).reversed()).toList();
        }
        for (ProcessHandle descendant : descendants) {
            if (forcibly) {
                descendant.destroyForcibly();
            } else {
                descendant.destroy();
            }
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        for (ProcessHandle descendant : descendants) {
            descendant.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(timeout -> {
                descendant.destroyForcibly();
                return descendant;
            }).join();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        process = null;
    }

    /** Stops the node (SIGTERM, then SIGKILL after 30 s) and deletes its copy and data. */
    void stop() throws IOException, InterruptedException {
        try {
            stopProcess(false);
        } finally {
            deleteTree(home);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping OpenSearch", interrupted);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IOException(command + " failed with " + process.exitValue());
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(directory).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException failure) {
                    throw new UncheckedIOException(failure);
                }
            });
        }
    }
}
