package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampExtractorTest {
    private static final long FALLBACK = 42L;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /* Independent reference parser: yyyy-MM-dd, T or space, HH:mm:ss, optional fraction, optional Z or offset. */
    private static final DateTimeFormatter REFERENCE = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .toFormatter();

    private final TimestampExtractor extractor = new TimestampExtractor();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"eventTime\":\"2024-08-01T13:33:28Z\"}|2024-08-01T13:33:28Z",
        "{\"eventTime\":\"2024-08-01T13:33:28.123456Z\"}|2024-08-01T13:33:28.123Z",
        "{\"eventTime\":\"2024-08-01T15:33:28+02:00\"}|2024-08-01T13:33:28Z",
        "{\"eventTime\":\"2024-08-01T08:03:28-0530\"}|2024-08-01T13:33:28Z",
        "{\"eventTime\":\"2024-08-01 13:33:28\"}|2024-08-01T13:33:28Z",
        "{\"eventTime\":\"2019-01-01 00:00:00.000000000\"}|2019-01-01T00:00:00Z",
        "{\"@timestamp\":\"2020-09-14T00:44:23.000Z\",\"@version\":\"1\"}|2020-09-14T00:44:23Z",
        "{\"timestamp\":1722519208}|2024-08-01T13:33:28Z",
        "{\"timestamp\":1722519208123}|2024-08-01T13:33:28.123Z",
        "{\"ts\":1722519208.5}|2024-08-01T13:33:28.500Z",
        "{\"ts\":1722519208123456}|2024-08-01T13:33:28.123Z",
        "{\"ts\":1722519208123456789}|2024-08-01T13:33:28.123Z",
        "{\"time\":\"1722519208\"}|2024-08-01T13:33:28Z",
        "{\"time\":\"1722519208123\"}|2024-08-01T13:33:28.123Z",
        "{\"time\":\"1722519208.25\"}|2024-08-01T13:33:28.250Z",
        "{\"date\":\"2024-08-01\"}|2024-08-01T00:00:00Z",
        "{\"datetime\":\"2024-08-01T13:33Z\"}|2024-08-01T13:33:00Z",
        "{\"requestTime\":\"01/Aug/2024:15:33:28 +0200\"}|2024-08-01T13:33:28Z",
        "{\"requestTimeEpoch\":1722519208000,\"requestTime\":\"junk\"}|2024-08-01T13:33:28Z",
        "{\"@timestamp\":\"2000-01-01T00:00:00Z\",\"eventTime\":\"2024-08-01T13:33:28Z\"}|2024-08-01T13:33:28Z",
        "{\"userIdentity\":{\"eventTime\":\"2000-01-01T00:00:00Z\"},\"eventTime\":\"2024-08-01T13:33:28Z\"}|2024-08-01T13:33:28Z",
        "{\"eventTime\":\"redacted\",\"timestamp\":\"2024-08-01T13:33:28Z\"}|2024-08-01T13:33:28Z",
        "{\"time\":42,\"date\":\"2024-08-01T13:33:28Z\"}|2024-08-01T13:33:28Z",
        "{\"eventTime\":\"2024-08-01T13:33:28Z\", broken|2024-08-01T13:33:28Z",
        "2024-08-01T13:33:28Z GET /orders|2024-08-01T13:33:28Z",
        "2024-08-01T13:33:28.5+00:00 x|2024-08-01T13:33:28.500Z",
        "2024-08-01 15:33:28,123 +0200 INFO [main] Started|2024-08-01T13:33:28.123Z",
        "2024-08-01 13:33:28.123 [main] INFO Started|2024-08-01T13:33:28.123Z",
        "2024-08-01 13:33:28,123 - INFO - dash after the time is not an offset|2024-08-01T13:33:28.123Z",
        "2024-08-01 13:33:28 UTC something|2024-08-01T13:33:28Z",
        "  2024-08-01T13:33:28Z leading spaces|2024-08-01T13:33:28Z",
        "2024-02-29T00:00:00Z leap day|2024-02-29T00:00:00Z",
        "1969-12-31T23:59:59Z before the epoch|1969-12-31T23:59:59Z",
        "1722519208 GET /orders|2024-08-01T13:33:28Z",
        "1722519208123 GET /orders|2024-08-01T13:33:28.123Z",
        "1722519208.250 GET /orders|2024-08-01T13:33:28.250Z",
    })
    void messageTime_recognisedForms(String line, String expected) {
        assertThat(extractor.messageTime(line, FALLBACK)).isEqualTo(Instant.parse(expected).toEpochMilli());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "no timestamp here",
        "GET /orders 2024-08-01T13:33:28Z (not at the start)",
        "12345 small number",
        "2024-02-30 10:00:00 no such day",
        "2023-02-29T10:00:00Z not a leap year",
        "2024-08-01 date without a time in text",
        "2024-08-01T25:00:00Z bad hour",
        "{\"eventTime\":\"redacted\"}",
        "{\"time\":42}",
        "{\"timestamp\":true}",
        "{\"nested\":{\"timestamp\":\"2024-08-01T13:33:28Z\"}}",
        "[{\"eventTime\":\"2024-08-01T13:33:28Z\"}]",
        "{not json at all",
        "''",
    })
    void messageTime_fallsBackWhenNothingIsFound(String line) {
        assertThat(extractor.messageTime(line, FALLBACK)).isEqualTo(FALLBACK);
    }

    @Test
    void messageTime_agreesWithJavaTimeOnRandomInstants() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        DateTimeFormatter[] formats = {
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS Z"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        };
        for (int iteration = 0; iteration < 2_000; iteration++) {
            long millis = random.nextLong(-2_000_000_000_000L, 7_000_000_000_000L);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-14 * 4, 14 * 4 + 1) * 900);
            DateTimeFormatter format = formats[random.nextInt(formats.length)];
            OffsetDateTime time = Instant.ofEpochMilli(millis).atOffset(format == formats[0] || format == formats[1]
                    ? offset : ZoneOffset.UTC);
            String text = time.format(format);
            long expected = format == formats[3] ? millis - Math.floorMod(millis, 1000L) : millis;

            assertThat(extractor.messageTime(text + " message", FALLBACK)).as("seed %d: %s", seed, text).isEqualTo(expected);
            assertThat(extractor.messageTime("{\"a\":1,\"timestamp\":\"" + text + "\"}", FALLBACK))
                    .as("seed %d: %s", seed, text).isEqualTo(expected);
        }
    }

    @Test
    void messageTime_realCloudTrailLines_useEventTimeOrAtTimestamp() throws IOException {
        int checked = 0;
        for (Path file : List.of(SharedData.pantherEvents(), SharedData.otrfEvents())) {
            for (String line : Files.readAllLines(file)) {
                assertThat(extractor.messageTime(line, FALLBACK)).as(line).isEqualTo(expectedTime(MAPPER.readTree(line)));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(464 + 103);
    }

    @Test
    void messageTime_stratusRecords_useEventTime() throws IOException {
        int checked = 0;
        for (Path file : SharedData.stratusFiles()) {
            for (JsonNode event : MAPPER.readTree(file.toFile())) {
                long expected = referenceTime(event.get("eventTime").asText());
                assertThat(expected).isNotEqualTo(FALLBACK);
                assertThat(extractor.messageTime(MAPPER.writeValueAsString(event), FALLBACK)).isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(310);
    }

    /** eventTime if it parses, else @timestamp if it parses, else (no other time key present) the fallback. */
    private static long expectedTime(JsonNode event) {
        for (String key : List.of("eventTime", "@timestamp")) {
            if (event.hasNonNull(key)) {
                long parsed = referenceTime(event.get(key).asText());
                if (parsed != FALLBACK) {
                    return parsed;
                }
            }
        }
        for (String key : TimestampExtractor.JSON_TIME_KEYS) {
            assertThat(key.equals("eventTime") || key.equals("@timestamp") || !event.has(key))
                    .as("test data has another time key %s: %s", key, event).isTrue();
        }
        return FALLBACK;
    }

    private static long referenceTime(String text) {
        try {
            TemporalAccessor parsed = REFERENCE.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime offsetTime
                    ? offsetTime.toInstant().toEpochMilli()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException unparseable) {
            return FALLBACK;
        }
    }
}
