package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** A source's time zone and timestamp format, as {@link TimestampExtractor} applies them. */
class TimestampExtractorSourceSettingsTest {
    private static final long FALLBACK = 42L;
    private final TimestampExtractor berlin = new TimestampExtractor(ZoneId.of("Europe/Berlin"), null);

    @Test
    void zonelessTimesAreReadInTheSourceZone() {
        assertThat(berlin.messageTime("2024-08-01 13:33:28 started", FALLBACK))
                .isEqualTo(Instant.parse("2024-08-01T11:33:28Z").toEpochMilli());
        assertThat(berlin.messageTime("{\"timestamp\":\"2024-01-15T10:00:00.250\"}", FALLBACK))
                .isEqualTo(Instant.parse("2024-01-15T09:00:00.250Z").toEpochMilli());
    }

    @Test
    void explicitZonesStillWin() {
        assertThat(berlin.messageTime("2024-08-01T13:33:28Z started", FALLBACK))
                .isEqualTo(Instant.parse("2024-08-01T13:33:28Z").toEpochMilli());
        assertThat(berlin.messageTime("2024-08-01 13:33:28 +0000 started", FALLBACK))
                .isEqualTo(Instant.parse("2024-08-01T13:33:28Z").toEpochMilli());
    }

    @Test
    void theDefaultIsUtc() {
        assertThat(new TimestampExtractor().messageTime("2024-08-01 13:33:28 started", FALLBACK))
                .isEqualTo(Instant.parse("2024-08-01T13:33:28Z").toEpochMilli());
    }

    @Test
    void aFormatIsTriedFirstInTheSourceZone() {
        TimestampExtractor extractor = new TimestampExtractor(ZoneId.of("America/New_York"),
                DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss"));
        assertThat(extractor.messageTime("01/08/2024 13:33:28 GET /index.html", FALLBACK))
                .isEqualTo(Instant.parse("2024-08-01T17:33:28Z").toEpochMilli());
        assertThat(extractor.messageTime("2024-08-01T13:33:28Z not in the format", FALLBACK))
                .as("falls back to the automatic rules").isEqualTo(Instant.parse("2024-08-01T13:33:28Z").toEpochMilli());
        assertThat(extractor.messageTime("no time here", FALLBACK)).isEqualTo(FALLBACK);
    }
}
