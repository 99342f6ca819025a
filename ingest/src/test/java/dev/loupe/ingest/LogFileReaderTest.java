package dev.loupe.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileReaderTest {
    private static final long RECEIPT = 1_800_000_000_000L;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SourceMetadata METADATA =
            new SourceMetadata("cloudtrail", "file", "laptop", "cli", "loupe-ingest", Map.of());

    private final LogFileReader reader = new LogFileReader(IngestLimits.defaults().maxMessageBytes());

    @TempDir
    Path directory;

    @Test
    void pantherNdjson_oneMessagePerLine() throws IOException {
        Path file = SharedData.pantherEvents();
        List<LogMessage> messages = new ArrayList<>();

        LogFileReader.Summary summary = read(file, messages);

        assertThat(summary.shape()).isEqualTo(LogFileReader.Shape.LINES);
        assertThat(summary.messages()).isEqualTo(independentLineCount(file)).isEqualTo(464);
        assertThat(messages).hasSize(464);
        assertThat(summary.rejectedCount()).isZero();
        assertThat(messages.getFirst().raw()).isEqualTo(Files.readAllLines(file).getFirst());
    }

    @Test
    void otrfLogstashNdjson_usesAtTimestamp() throws IOException {
        Path file = SharedData.otrfEvents();
        List<LogMessage> messages = new ArrayList<>();

        LogFileReader.Summary summary = read(file, messages);

        assertThat(summary.shape()).isEqualTo(LogFileReader.Shape.LINES);
        assertThat(summary.messages()).isEqualTo(independentLineCount(file)).isEqualTo(103);
        for (LogMessage message : messages) {
            assertThat(message.messageTime())
                    .isEqualTo(Instant.parse(MAPPER.readTree(message.raw()).get("@timestamp").asText()).toEpochMilli());
        }
    }

    @Test
    void stratusArrays_oneMessagePerElementWithEventTime() throws IOException {
        long total = 0;
        for (Path file : SharedData.stratusFiles()) {
            JsonNode array = MAPPER.readTree(file.toFile());
            List<LogMessage> messages = new ArrayList<>();

            LogFileReader.Summary summary = read(file, messages);

            assertThat(summary.shape()).as(file.toString()).isEqualTo(LogFileReader.Shape.JSON_ARRAY);
            assertThat(summary.messages()).as(file.toString()).isEqualTo(array.size());
            for (int index = 0; index < array.size(); index++) {
                LogMessage message = messages.get(index);
                assertThat(MAPPER.readTree(message.raw())).isEqualTo(array.get(index));
                assertThat(message.raw()).doesNotContain("\n").startsWith("{\"");
                assertThat(message.messageTime())
                        .isEqualTo(Instant.parse(array.get(index).get("eventTime").asText()).toEpochMilli());
                assertThat(message.receiptTime()).isEqualTo(RECEIPT);
                assertThat(message.collector()).isEqualTo("loupe-ingest");
            }
            total += summary.messages();
        }
        assertThat(total).isEqualTo(310);
    }

    @Test
    void cloudTrailRecordsFile_prettyCompactAndGzipped() throws IOException {
        ArrayNode records = MAPPER.createArrayNode();
        for (Path file : SharedData.stratusFiles().subList(0, 5)) {
            MAPPER.readTree(file.toFile()).forEach(records::add);
        }
        ObjectNode document = MAPPER.createObjectNode();
        document.set("Records", records);
        Path pretty = Files.writeString(directory.resolve("pretty.json"), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document));
        Path compact = Files.writeString(directory.resolve("compact.log"), MAPPER.writeValueAsString(document));
        Path gzipped = Files.write(directory.resolve("no-extension"),
                LogPayloadDecoderTest.gzip(MAPPER.writeValueAsBytes(document)));

        for (Path file : List.of(pretty, compact, gzipped)) {
            List<LogMessage> messages = new ArrayList<>();
            LogFileReader.Summary summary = read(file, messages);

            assertThat(summary.shape()).isEqualTo(LogFileReader.Shape.CLOUDTRAIL_RECORDS);
            assertThat(summary.gzipped()).isEqualTo(file == gzipped);
            assertThat(messages).hasSize(records.size());
            assertThat(MAPPER.readTree(messages.getLast().raw())).isEqualTo(records.get(records.size() - 1));
        }
    }

    @Test
    void prettyPrintedObjects_oneMessageEach() throws IOException {
        Path file = Files.writeString(directory.resolve("objects.json"),
                "{\n  \"eventTime\": \"2024-08-01T13:33:28Z\",\n  \"a\": [1, 2]\n}\n{\n  \"b\": {\"c\": null}\n}\n");
        List<LogMessage> messages = new ArrayList<>();

        LogFileReader.Summary summary = read(file, messages);

        assertThat(summary.shape()).isEqualTo(LogFileReader.Shape.JSON_DOCUMENTS);
        assertThat(messages).extracting(LogMessage::raw)
                .containsExactly("{\"eventTime\":\"2024-08-01T13:33:28Z\",\"a\":[1,2]}", "{\"b\":{\"c\":null}}");
        assertThat(messages).extracting(LogMessage::messageTime).containsExactly(1_722_519_208_000L, RECEIPT);
    }

    @Test
    void plainText_sharesTheLineRules() throws IOException {
        byte[] text = "2024-08-01 13:33:28,000 INFO one\r\n\r\n[main] two \u00e9\n{not json} three\nbad \u00ff".getBytes(UTF_8);
        byte[] invalid = Arrays.copyOf(text, text.length);
        invalid[invalid.length - 2] = (byte) 0xff;
        Path file = Files.write(directory.resolve("app.log"), invalid);
        List<LogMessage> messages = new ArrayList<>();

        LogFileReader.Summary summary = read(file, messages);

        assertThat(summary.shape()).isEqualTo(LogFileReader.Shape.LINES);
        assertThat(messages).extracting(LogMessage::raw)
                .containsExactly("2024-08-01 13:33:28,000 INFO one", "[main] two \u00e9", "{not json} three", "bad \uFFFD\uFFFD");
        assertThat(messages.getFirst().messageTime()).isEqualTo(1_722_519_208_000L);
        assertThat(summary.warnings()).containsExactly("line 5: invalid UTF-8 replaced by U+FFFD");
    }

    @Test
    void longLine_isRejectedAndTheRestRead() throws IOException {
        LogFileReader small = new LogFileReader(16);
        Path file = Files.writeString(directory.resolve("long.log"), "short\n" + "x".repeat(100) + "\nalso short\n");
        List<LogMessage> messages = new ArrayList<>();

        LogFileReader.Summary summary = small.read(file, METADATA, RECEIPT, 10, messages::addAll);

        assertThat(messages).extracting(LogMessage::raw).containsExactly("short", "also short");
        assertThat(summary.rejected()).containsExactly(new RejectedLine(2, "message of 100 bytes exceeds the 16-byte limit"));
    }

    @Test
    void batches_areFullExceptTheLast() {
        List<Integer> sizes = new ArrayList<>();

        reader.read(SharedData.pantherEvents(), METADATA, RECEIPT, 100, batch -> sizes.add(batch.size()));

        assertThat(sizes).containsExactly(100, 100, 100, 100, 64);
    }

    @Test
    void invalidJsonDocument_failsNamingFileAndPosition() throws IOException {
        Path file = Files.writeString(directory.resolve("broken.json"), "[\n  {\"a\": 1},\n  {\"b\": }\n]\n");
        List<LogMessage> messages = new ArrayList<>();

        assertThatThrownBy(() -> read(file, messages)).isInstanceOfSatisfying(LoupeException.class, failure -> {
            assertThat(failure.errorCode()).isEqualTo(ErrorCode.INVALID_INPUT);
            assertThat(failure.getMessage()).startsWith(file + ": not valid JSON at line 3, column ");
        });
    }

    @Test
    void missingFile_isInvalidInput() {
        Path file = directory.resolve("absent.log");

        assertThatThrownBy(() -> read(file, new ArrayList<>())).isInstanceOf(LoupeException.class)
                .hasMessage(file + ": no such file");
    }

    @Test
    void emptyFile_isNoMessages() throws IOException {
        Path file = Files.writeString(directory.resolve("empty.log"), "");

        assertThat(read(file, new ArrayList<>()).messages()).isZero();
    }

    private LogFileReader.Summary read(Path file, List<LogMessage> messages) {
        return reader.read(file, METADATA, RECEIPT, 50, messages::addAll);
    }

    /** Counts the lines that are JSON objects, with Jackson, independently of the reader. */
    private static long independentLineCount(Path file) throws IOException {
        long count = 0;
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && MAPPER.readTree(line).isObject()) {
                count++;
            }
        }
        return count;
    }
}
