package dev.loupe.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.sumologic.client.model.LogMessage;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

/**
 * What the two Sumo appender tests expect to find after logging one INFO line and one ERROR with an exception:
 * exactly two messages (the stack trace grouped with its ERROR line), the source metadata from the appender's
 * configuration, and {@code _messagetime} parsed from the layout's {@code yyyy-MM-dd HH:mm:ss,SSS Z} prefix.
 */
final class AppenderMessages {
    /** The layout both appenders are configured with (logback needs the comma-bearing date quoted). */
    static final DateTimeFormatter LAYOUT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS Z");

    private AppenderMessages() {}

    static void assertInfoAndGroupedError(List<LogMessage> found, String category, String name, String host,
            String infoText, String errorText, String exceptionText) {
        assertThat(found).hasSize(2);
        List<LogMessage> oldestFirst = found.stream().sorted(Comparator.comparing(LogMessage::getTime)).toList();
        LogMessage info = oldestFirst.get(0);
        LogMessage error = oldestFirst.get(1);
        assertThat(info.getLogLine()).contains("INFO").endsWith(infoText).doesNotContain("\n");
        assertThat(error.getLogLine()).contains("ERROR").contains(errorText + "\njava.lang.IllegalStateException: "
                + exceptionText + "\n\tat ");
        for (LogMessage message : found) {
            assertThat(message.getSourceCategory()).isEqualTo(category);
            assertThat(message.getSourceName()).isEqualTo(name);
            assertThat(message.getSourceHost()).isEqualTo(host);
            OffsetDateTime prefix = OffsetDateTime.parse(message.getLogLine().substring(0, 29), LAYOUT_TIME);
            assertThat(message.getTime().toInstant()).isEqualTo(prefix.toInstant());
        }
    }
}
