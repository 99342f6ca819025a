package dev.loupe.compatibility;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logback side of {@link LogbackAppenderTest}, run in a child JVM on logback 1.2.3 and SLF4J 1.7 (the
 * appender's own versions, which clash with the server's): logs an INFO line and an ERROR with an exception,
 * then stops the logger context, which makes the appender flush everything ({@code flushAllBeforeStopping}).
 * The configuration comes from {@code -Dlogback.configurationFile}. Uses only APIs SLF4J 1.7 and logback 1.2 have.
 */
public final class LogbackClientMain {
    private LogbackClientMain() {}

    public static void main(String[] arguments) {
        Logger logger = LoggerFactory.getLogger("compat.logback");
        logger.info("logback says hello");
        logger.error("logback failure", new IllegalStateException("logback boom"));
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }
}
