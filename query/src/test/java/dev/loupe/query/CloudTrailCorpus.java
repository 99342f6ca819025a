package dev.loupe.query;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.loupe.core.LogMessage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParsePosition;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every CloudTrail event of {@code shared/data/cloudtrail} (panther JSON lines, OTRF NDJSON, stratus JSON arrays),
 * each as compact JSON with the metadata a collector would give it: {@code _sourceCategory} is
 * {@code cloudtrail/<dataset folder>}, {@code _sourceName} the file name, and the custom field {@code Dataset} the
 * folder name. The message time is {@code eventTime} or {@code @timestamp}, else {@link #FALLBACK_TIME}.
 *
 * @param events the events in file order
 */
record CloudTrailCorpus(List<Event> events) {
    /** Message time of events without a parseable {@code eventTime} / {@code @timestamp}. */
    static final long FALLBACK_TIME = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();

    private static final List<String> DATASETS = List.of("panther-analysis-test-events", "otrf-security-datasets",
            "stratus-red-team-detonation-logs");
    private static final JsonFactory FACTORY = new JsonFactory();

    CloudTrailCorpus {
        events = List.copyOf(events);
    }

    /**
     * One event.
     *
     * @param raw the event as compact JSON
     * @param messageTime epoch ms
     * @param dataset the dataset folder name
     * @param sourceName the file it came from
     */
    record Event(String raw, long messageTime, String dataset, String sourceName) {
        Event {
            requireNonNull(raw, "raw is null");
            requireNonNull(dataset, "dataset is null");
            requireNonNull(sourceName, "sourceName is null");
        }

        String sourceCategory() {
            return "cloudtrail/" + dataset;
        }

        LogMessage toLogMessage() {
            return new LogMessage(raw, messageTime, messageTime, sourceCategory(), sourceName, "", "", "",
                    Map.of("Dataset", dataset));
        }
    }

    /** Loads every {@code .json} / {@code .jsonl} file of the three datasets. */
    static CloudTrailCorpus load() throws IOException {
        Path root = locateCloudTrailData();
        List<Event> events = new ArrayList<>();
        for (String dataset : DATASETS) {
            List<Path> files;
            try (Stream<Path> listing = Files.list(root.resolve(dataset))) {
                files = listing.filter(file -> file.getFileName().toString().matches(".*\\.jsonl?")).sorted()
                        .toList();
            }
            for (Path file : files) {
                for (String raw : compactEvents(file)) {
                    events.add(new Event(raw, messageTime(raw), dataset, file.getFileName().toString()));
                }
            }
        }
        return new CloudTrailCorpus(events);
    }

    /** {@code shared/data/cloudtrail}, found by walking up from the working directory. */
    static Path locateCloudTrailData() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            Path candidate = directory.resolve("shared/data/cloudtrail");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException("no shared/data/cloudtrail above " + Path.of("").toAbsolutePath());
    }

    /** Writes the events as NDJSON, one file per source file, under {@code <folder>/<dataset>/<file>.ndjson}. */
    void writeNewlineDelimited(Path folder) throws IOException {
        Map<String, List<Event>> byFile = new LinkedHashMap<>();
        for (Event event : events) {
            byFile.computeIfAbsent(event.dataset() + "/" + event.sourceName(), key -> new ArrayList<>()).add(event);
        }
        for (Map.Entry<String, List<Event>> entry : byFile.entrySet()) {
            Path file = folder.resolve(entry.getKey() + ".ndjson");
            Files.createDirectories(file.getParent());
            StringBuilder text = new StringBuilder();
            for (Event event : entry.getValue()) {
                text.append(event.raw()).append('\n');
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
    }

    List<LogMessage> logMessages() {
        return events.stream().map(Event::toLogMessage).toList();
    }

    /** Every root value of the file (several for JSON lines), array roots unrolled, as compact JSON. */
    private static List<String> compactEvents(Path file) throws IOException {
        List<String> raws = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(file.toFile())) {
            JsonToken token = parser.nextToken();
            while (token != null) {
                if (token == JsonToken.START_ARRAY) {
                    token = parser.nextToken();
                    while (token != JsonToken.END_ARRAY) {
                        raws.add(compact(parser));
                        token = parser.nextToken();
                    }
                } else {
                    raws.add(compact(parser));
                }
                token = parser.nextToken();
            }
        }
        return raws;
    }

    private static String compact(JsonParser parser) throws IOException {
        StringWriter writer = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(writer)) {
            generator.copyCurrentStructure(parser);
        }
        return writer.toString();
    }

    private static long messageTime(String raw) {
        try (JsonParser parser = FACTORY.createParser(raw)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ((name.equals("eventTime") || name.equals("@timestamp")) && value == JsonToken.VALUE_STRING) {
                    String text = parser.getText();
                    ParsePosition position = new ParsePosition(0);
                    TemporalAccessor parsed = DateTimeFormatter.ISO_INSTANT.parseUnresolved(text, position);
                    boolean whole = parsed != null && position.getIndex() == text.length();
                    return whole ? Instant.from(DateTimeFormatter.ISO_INSTANT.parse(text)).toEpochMilli()
                            : FALLBACK_TIME;
                }
                parser.skipChildren();
            }
            return FALLBACK_TIME;
        } catch (IOException invalid) {
            throw new UncheckedIOException(invalid);
        }
    }
}
