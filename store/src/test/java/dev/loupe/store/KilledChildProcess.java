package dev.loupe.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an appender {@code main} in a child JVM on the test classpath and kills it with SIGKILL, collecting what it
 * acknowledged. The child prints {@code OPEN} once its store is open, then {@code ACK k1,k2,... END} after each
 * acknowledged append.
 *
 * <p>Killing the child closes its output under the reading thread ("Stream closed"): once the kill has begun, that
 * is the expected end of the output, not a failure. Acknowledgements the child printed but the reader had not read
 * yet are simply not counted, which can only make the check weaker, never wrong.
 */
public final class KilledChildProcess {
    private KilledChildProcess() {}

    /**
     * Starts {@code mainClass} with {@code arguments}, waits until it acknowledged at least {@code minimumNew} more
     * keys (or 10 s), waits {@code delayMillis} more, kills it and adds every key it acknowledged to {@code acknowledged}.
     */
    public static void runAndKill(Class<?> mainClass, List<String> arguments, int minimumNew, int delayMillis,
            Set<String> acknowledged) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-ea", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(arguments);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int before = acknowledged.size();
        CountDownLatch opened = new CountDownLatch(1);
        AtomicBoolean killing = new AtomicBoolean();
        Set<IOException> failures = ConcurrentHashMap.newKeySet();
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.equals("OPEN")) {
                        opened.countDown();
                    } else if (line.startsWith("ACK ") && line.endsWith(" END")) {
                        for (String key : line.substring(4, line.length() - 4).split(",")) {
                            acknowledged.add(key);
                        }
                    }
                }
            } catch (IOException readFailure) {
                if (!killing.get()) {
                    failures.add(readFailure);
                }
            }
        });
        try {
            assertThat(opened.await(20, TimeUnit.SECONDS)).as("child opened the store").isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (acknowledged.size() < before + minimumNew && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            // Then kill at a random moment of steady appending, commits and segment rolls.
            Thread.sleep(delayMillis);
        } finally {
            killing.set(true);
            child.destroyForcibly();
            child.waitFor(20, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(failures).as("errors reading the child's output before it was killed").isEmpty();
    }
}
