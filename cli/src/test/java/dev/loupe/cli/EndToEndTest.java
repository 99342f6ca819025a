package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.query.QueryResult;
import dev.loupe.server.auth.CreatedAccessKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The foundation's acceptance path, end to end on the real architecture: the real public CloudTrail events are
 * posted to the HTTP Source of a real server (embedded Lucene store on disk), and {@code json "eventName" |
 * count by eventName | sort by _count} gives the counts computed independently here, through the Search Job
 * API, through {@code loupe query --server}, and through {@code loupe query --data} after the server stopped.
 */
class EndToEndTest {
    private static final String QUERY = "json \"eventName\" | count by eventName | sort by _count";
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dataDirectory;

    @Test
    void realCloudTrailEventsCountedByEventName() throws Exception {
        List<JsonNode> events = realEvents();
        Map<String, Long> expected = new HashMap<>();
        for (JsonNode event : events) {
            if (event.hasNonNull("eventName")) {
                expected.merge(event.get("eventName").asText(), 1L, Long::sum);
            }
        }
        assertThat(events).hasSizeGreaterThan(800);

        CreatedAccessKey key;
        String base;
        try (RunningInstance instance = RunningInstance.start("127.0.0.1", 0, dataDirectory)) {
            key = instance.users().createKey(instance.administrator().id(), "test");
            base = instance.baseUrl();
            postAll(URI.create(instance.receiverUrl(instance.defaultSource())), events);

            QueryResult viaApi = new SearchJobClient(URI.create(base), key.accessId(), key.accessKey())
                    .run(QUERY, 0, System.currentTimeMillis() + 86_400_000L, "UTC", false);
            assertCounts(viaApi, expected);

            String cliOutput = runCli("query", "--server", base, "--access-id", key.accessId(), "--access-key",
                    key.accessKey(), "--from", "0", "--to", "+1d", "--output", "json", QUERY);
            assertJsonLineCounts(cliOutput, expected);
        }
        String localOutput = runCli("query", "--data", dataDirectory.toString(), "--from", "0", "--to", "+1d",
                "--output", "json", QUERY);
        assertJsonLineCounts(localOutput, expected);
    }

    private void assertCounts(QueryResult result, Map<String, Long> expected) {
        assertThat(result.kind()).isEqualTo(QueryResult.Kind.RECORDS);
        int name = result.fieldIndex("eventName");
        int count = result.fieldIndex("_count");
        Map<String, Long> actual = new LinkedHashMap<>();
        List<Long> order = new ArrayList<>();
        for (Object[] row : result.rows()) {
            actual.put((String) row[name], ((Number) row[count]).longValue());
            order.add(((Number) row[count]).longValue());
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(order).isSortedAccordingTo((left, right) -> Long.compare(right, left));
    }

    private void assertJsonLineCounts(String output, Map<String, Long> expected) throws IOException {
        Map<String, Long> actual = new HashMap<>();
        List<Long> order = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode record = mapper.readTree(line);
            // The Search Job API lower-cases field names (as Sumo does); the embedded path keeps the query's spelling.
            JsonNode eventName = record.has("eventName") ? record.get("eventName") : record.get("eventname");
            actual.put(eventName.asText(), record.get("_count").asLong());
            order.add(record.get("_count").asLong());
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(order).isSortedAccordingTo((left, right) -> Long.compare(right, left));
    }

    private static String runCli(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = LoupeCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(arguments);
        assertThat(exit).as("exit code; stderr: %s", err).isZero();
        return out.toString();
    }

    /** Every event of the real CloudTrail data sets, each as one JSON object. */
    private List<JsonNode> realEvents() throws IOException {
        Path cloudtrail = SharedData.directory().resolve("cloudtrail");
        List<JsonNode> events = new ArrayList<>();
        try (Stream<Path> files = Files.walk(cloudtrail)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".jsonl") || name.endsWith(".json")) {
                    String text = Files.readString(file);
                    JsonNode whole = text.stripLeading().startsWith("[") ? mapper.readTree(text) : null;
                    if (whole != null) {
                        whole.forEach(events::add);
                    } else {
                        for (String line : text.split("\n")) {
                            if (!line.isBlank()) {
                                events.add(mapper.readTree(line));
                            }
                        }
                    }
                }
            }
        }
        return events;
    }

    private void postAll(URI receiver, List<JsonNode> events) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (int start = 0; start < events.size(); start += 200) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(body)) {
                for (JsonNode event : events.subList(start, Math.min(events.size(), start + 200))) {
                    gzip.write(mapper.writeValueAsBytes(event));
                    gzip.write('\n');
                }
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(receiver)
                    .header("Content-Encoding", "gzip")
                    .header("X-Sumo-Category", "aws/cloudtrail")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEmpty();
        }
    }
}
