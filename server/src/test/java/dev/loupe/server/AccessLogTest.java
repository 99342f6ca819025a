package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class AccessLogTest {
    @TempDir
    Path dataDirectory;

    @Test
    void redactPathHidesReceiverTokens() {
        assertThat(AccessLog.redactPath("/receiver/v1/http/SECRET-token_1")).isEqualTo("/receiver/v1/http/REDACTED");
        assertThat(AccessLog.redactPath("/receiver/v1/otlp/SECRET/v1/logs")).isEqualTo("/receiver/v1/otlp/REDACTED/v1/logs");
        assertThat(AccessLog.redactPath("/receiver/v1/http")).isEqualTo("/receiver/v1/http");
        assertThat(AccessLog.redactPath("/api/v1/search/jobs/ABC")).isEqualTo("/api/v1/search/jobs/ABC");
    }

    @Test
    void accessLogLineNeverContainsSecrets() {
        Logger logger = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level previous = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        try (RunningServer running = new RunningServer(dataDirectory)) {
            String token = running.source.token();
            running.send(HttpRequest.newBuilder(running.uri("/receiver/v1/http/" + token + "?payload-" + token))
                    .GET().build());
            running.send(HttpRequest.newBuilder(running.uri("/receiver/v1/http")).header("X-Sumo-Token", token)
                    .POST(HttpRequest.BodyPublishers.ofString("line")).build());
            running.get("/api/v1/search/jobs/UNKNOWN");

            List<ILoggingEvent> events = awaitEvents(appender, 3);
            for (ILoggingEvent event : events) {
                String rendered = event.getFormattedMessage() + " " + event.getKeyValuePairs();
                assertThat(rendered).doesNotContain(token, running.key.accessKey(), running.authorization());
            }
            assertThat(events).anySatisfy(event -> assertThat(event.getKeyValuePairs()).anySatisfy(pair -> {
                assertThat(pair.key).isEqualTo("path");
                assertThat(pair.value).isEqualTo("/receiver/v1/http/REDACTED");
            }));
            assertThat(events).anySatisfy(event -> assertThat(event.getKeyValuePairs()).anySatisfy(pair -> {
                assertThat(pair.key).isEqualTo("responseBytes");
                assertThat((Long) pair.value).isPositive();
            }));
            ILoggingEvent first = events.getFirst();
            assertThat(first.getKeyValuePairs()).extracting(pair -> pair.key)
                    .contains("method", "path", "status", "durationMillis", "requestBytes", "responseBytes");
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(previous);
        }
    }

    /** Jetty logs a request after the response completed, which may be after the client saw it. */
    private static List<ILoggingEvent> awaitEvents(ListAppender<ILoggingEvent> appender, int count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (appender.list.size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException exception) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(exception);
            }
        }
        assertThat(appender.list).hasSizeGreaterThanOrEqualTo(count);
        return List.copyOf(appender.list);
    }
}
