package dev.loupe.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.LogMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Multiline grouping of stack traces inside one request body (through {@link LogPayloadDecoder}). */
class MultilineGrouperTest {
    private static final long RECEIPT = 1_722_519_208_000L;
    private static final SourceMetadata METADATA = new SourceMetadata("app", "name", "host", "source", "loupe", Map.of());

    private final LogPayloadDecoder decoder = new LogPayloadDecoder(IngestLimits.defaults());

    @Test
    void stackTrace_joinsTheTimestampedLineBeforeIt() {
        String body = """
                2024-08-01 10:00:00,123 +0000 [main] INFO  app - started
                2024-08-01 10:00:01,456 +0000 [main] ERROR app - boom
                java.lang.IllegalStateException: broken
                \tat app.Main.run(Main.java:10)
                \tat app.Main.main(Main.java:3)
                Caused by: java.io.IOException: disk
                \t... 2 more
                2024-08-01 10:00:02,000 +0000 [main] INFO  app - after
                """;

        List<LogMessage> messages = decode(body).messages();

        assertThat(messages).extracting(LogMessage::raw).containsExactly(
                "2024-08-01 10:00:00,123 +0000 [main] INFO  app - started",
                "2024-08-01 10:00:01,456 +0000 [main] ERROR app - boom\njava.lang.IllegalStateException: broken\n"
                        + "\tat app.Main.run(Main.java:10)\n\tat app.Main.main(Main.java:3)\n"
                        + "Caused by: java.io.IOException: disk\n\t... 2 more",
                "2024-08-01 10:00:02,000 +0000 [main] INFO  app - after");
        assertThat(messages.get(1).messageTime()).isEqualTo(1_722_506_401_456L);
    }

    @Test
    void firstLineWithoutTimestamp_keepsOneMessagePerLine() {
        String body = "plain first\n\tindented\njava.lang.RuntimeException: x\n";

        assertThat(decode(body).messages()).extracting(LogMessage::raw)
                .containsExactly("plain first", "\tindented", "java.lang.RuntimeException: x");
    }

    @Test
    void plainAndJsonLinesAfterATimestampedLine_stayMessagesOfTheirOwn() {
        String body = "2024-08-01T10:00:00Z first\n{\"a\":1}\nno time here\nsome.dotted.Name: not an exception\n";

        assertThat(decode(body).messages()).hasSize(4);
    }

    @Test
    void continuationPastTheMessageLimit_startsANewMessage() {
        LogPayloadDecoder small = new LogPayloadDecoder(new IngestLimits(1 << 20, 40));
        String body = "2024-08-01T10:00:00Z error here\n\tat a.B.c(B.java:1)\n\tat a.B.d(B.java:2)\n";

        List<String> raws = new ArrayList<>();
        for (LogMessage message : small.decode(new ByteArrayInputStream(body.getBytes(UTF_8)), null, METADATA, RECEIPT)
                .messages()) {
            raws.add(message.raw());
        }
        assertThat(raws).containsExactly("2024-08-01T10:00:00Z error here", "\tat a.B.c(B.java:1)\n\tat a.B.d(B.java:2)");
        assertThat(raws).allSatisfy(raw -> assertThat(raw.getBytes(UTF_8).length).isLessThanOrEqualTo(40));
    }

    @Test
    void isContinuation_recognisesStackTraceLinesOnly() {
        assertThat(MultilineGrouper.isContinuation("\tat x.Y.z(Y.java:1)")).isTrue();
        assertThat(MultilineGrouper.isContinuation("    at x")).isTrue();
        assertThat(MultilineGrouper.isContinuation("Caused by: a.b.C: m")).isTrue();
        assertThat(MultilineGrouper.isContinuation("java.lang.OutOfMemoryError")).isTrue();
        assertThat(MultilineGrouper.isContinuation("com.acme.PaymentException: declined")).isTrue();
        assertThat(MultilineGrouper.isContinuation("2024-08-01T10:00:00Z x")).isFalse();
        assertThat(MultilineGrouper.isContinuation("Exception: no package")).isFalse();
        assertThat(MultilineGrouper.isContinuation("user.name changed Exception")).isFalse();
        assertThat(MultilineGrouper.isContinuation("{\"eventTime\":1}")).isFalse();
    }

    private DecodedPayload decode(String body) {
        return decoder.decode(new ByteArrayInputStream(body.getBytes(UTF_8)), null, METADATA, RECEIPT);
    }
}
