package dev.loupe.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.sumologic.client.model.LogMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sumo's official log4j2 appender, {@code com.sumologic.plugins.log4j:sumologic-log4j2-appender:1.9} (on log4j
 * 2.24.3), configured with the HTTP Source URL as its users do: an INFO line and an ERROR with a stack trace,
 * flushed by stopping the logger context, then found with Sumo's Java client.
 */
class Log4j2AppenderTest {
    private static final String CATEGORY = "compat/log4j2";

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
    void infoAndErrorWithStackTrace_arriveAsTwoMessagesWithTheirSourceMetadata(@TempDir Path configDirectory)
            throws IOException {
        Path config = configDirectory.resolve("log4j2.xml");
        Files.writeString(config, """
                <Configuration status="warn">
                  <Appenders>
                    <SumoLogicAppender name="sumo" url="%s" sourceCategory="%s" sourceName="log4j2-app"
                        sourceHost="log4j2-host" maxFlushInterval="200" flushingAccuracy="50"
                        flushAllBeforeStopping="true">
                      <PatternLayout pattern="%%d{yyyy-MM-dd HH:mm:ss,SSS Z} [%%t] %%-5p %%c - %%m%%n"/>
                    </SumoLogicAppender>
                  </Appenders>
                  <Loggers>
                    <Root level="info"><AppenderRef ref="sumo"/></Root>
                  </Loggers>
                </Configuration>
                """.formatted(loupe.httpSourceUrl(), CATEGORY));
        LoggerContext context = new LoggerContext("compatibility-log4j2");
        Configuration configuration = ConfigurationFactory.getInstance().getConfiguration(context,
                ConfigurationSource.fromUri(config.toUri()));
        context.start(configuration);
        assertThat(context.getConfiguration().getAppenders()).containsKey("sumo");
        Logger logger = context.getLogger("compat.log4j2");

        logger.info("log4j2 says hello");
        logger.error("log4j2 failure", new IllegalStateException("log4j2 boom"));
        context.stop();

        List<LogMessage> found = loupe.awaitMessages("_sourceCategory=" + CATEGORY, messages -> messages.size() >= 2);
        AppenderMessages.assertInfoAndGroupedError(found, CATEGORY, "log4j2-app", "log4j2-host", "log4j2 says hello",
                "log4j2 failure", "log4j2 boom");
    }
}
