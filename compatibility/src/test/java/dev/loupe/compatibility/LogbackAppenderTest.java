package dev.loupe.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.sumologic.client.model.LogMessage;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sumo's official logback appender, {@code com.sumologic.plugins.logback:sumologic-logback-appender:1.7}, on its
 * own logback 1.2.3 and SLF4J 1.7 in a child JVM ({@link LogbackClientMain}; the jars are copied to
 * {@code target/logback-client} by the build, see the module's pom), against the server of this JVM.
 */
class LogbackAppenderTest {
    private static final String CATEGORY = "compat/logback";

    @TempDir
    static Path dataDirectory;
    static LoupeUnderTest loupe;

    @BeforeAll
    static void start() {
        loupe = new LoupeUnderTest(dataDirectory);
    }

    @AfterAll
    static void stop() {
        loupe.close();
    }

    @Test
    void infoAndErrorWithStackTrace_arriveAsTwoMessagesWithTheirSourceMetadata(@TempDir Path workDirectory)
            throws IOException, InterruptedException {
        Path config = workDirectory.resolve("logback.xml");
        Files.writeString(config, """
                <configuration>
                  <appender name="sumo" class="com.sumologic.logback.SumoLogicAppender">
                    <encoder><pattern>%%d{"yyyy-MM-dd HH:mm:ss,SSS Z"} [%%thread] %%-5level %%logger - %%msg%%n</pattern></encoder>
                    <url>%s</url>
                    <sourceCategory>%s</sourceCategory>
                    <sourceName>logback-app</sourceName>
                    <sourceHost>logback-host</sourceHost>
                    <maxFlushIntervalMs>200</maxFlushIntervalMs>
                    <flushingAccuracyMs>50</flushingAccuracyMs>
                    <flushAllBeforeStopping>true</flushAllBeforeStopping>
                  </appender>
                  <root level="INFO"><appender-ref ref="sumo"/></root>
                </configuration>
                """.formatted(loupe.httpSourceUrl(), CATEGORY));
        Path output = workDirectory.resolve("client-output.txt");
        Process client = new ProcessBuilder(javaExecutable(), "-Xmx128m",
                "-Dlogback.configurationFile=" + config, "-cp", clientClasspath(), LogbackClientMain.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!client.waitFor(30, TimeUnit.SECONDS)) {
            client.destroyForcibly().waitFor();
            throw new AssertionError("the logback client did not finish in 30 s:\n" + Files.readString(output));
        }
        assertThat(client.exitValue()).as("logback client output:%n%s", Files.readString(output)).isZero();

        List<LogMessage> found = loupe.awaitMessages("_sourceCategory=" + CATEGORY, messages -> messages.size() >= 2);
        AppenderMessages.assertInfoAndGroupedError(found, CATEGORY, "logback-app", "logback-host", "logback says hello",
                "logback failure", "logback boom");
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("cannot tell which java runs the tests"));
    }

    /** The appender's jars plus this module's test classes (for {@link LogbackClientMain}). */
    private static String clientClasspath() throws IOException {
        String directory = System.getProperty("loupe.logbackClientDirectory");
        if (directory == null) {
            throw new IllegalStateException("loupe.logbackClientDirectory is not set; run this test through Maven, "
                    + "which copies the logback client's jars");
        }
        List<String> entries = new ArrayList<>();
        try (Stream<Path> jars = Files.list(Path.of(directory))) {
            jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().forEach(jar -> entries.add(jar.toString()));
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException("no logback client jars in " + directory);
        }
        try {
            entries.add(Path.of(LogbackClientMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString());
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException("the test classes' location is not a file URI", impossible);
        }
        return String.join(File.pathSeparator, entries);
    }
}
