package dev.loupe.collectors.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.collectors.AwsConnection;
import dev.loupe.collectors.CollectorConfig;
import dev.loupe.core.LogMessage;
import dev.loupe.core.TimeRange;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.query.QueryContext;
import dev.loupe.query.QueryResult;
import dev.loupe.store.EmbeddedLogStore;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.LogStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bucket collector against Adobe S3Mock, a real S3-compatible server started in this JVM (HTTP on a free
 * port), with the real embedded store and query engine: CloudTrail files built from the real events of
 * {@code shared/data/cloudtrail/stratus-red-team-detonation-logs}.
 */
class CloudTrailBucketCollectorTest {
    private static final String BUCKET = "trail";
    private static final String PREFIX = "AWSLogs/111122223333/CloudTrail/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = locateStratusEvents();

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3MockExtension.builder().silent().withSecureConnection(false)
            .withInitialBuckets(BUCKET).build();

    @TempDir
    Path data;

    private S3Client s3;
    private EmbeddedLogStore store;
    private String bucket;

    @BeforeEach
    void openStoreAndBucket() {
        s3 = S3_MOCK.createS3ClientV2();
        bucket = BUCKET + "-" + Long.toHexString(System.nanoTime());
        s3.createBucket(request -> request.bucket(bucket));
        store = EmbeddedLogStore.open(data.resolve("logs"));
    }

    @AfterEach
    void closeStore() {
        store.close();
        s3.close();
    }

    @Test
    void poll_ingestsEveryRecordOnce_andSearchExtractsFields() throws IOException {
        List<Path> files = eventFiles();
        int expected = 0;
        for (int index = 0; index < 6; index++) {
            expected += putTrailFile(files.get(index), "us-east-1", "2024/07/3" + (index % 2), index);
        }
        putTrailFile(files.get(6), "eu-west-1", "2024/08/01", 6);
        expected += records(files.get(6)).size();
        s3.putObject(request -> request.bucket(bucket).key(PREFIX.replace("CloudTrail/", "CloudTrail-Digest/")
                + "us-east-1/2024/07/30/digest.json.gz"), RequestBody.fromBytes(gzip("{\"digest\":true}")));

        try (CloudTrailBucketCollector collector = collector(store)) {
            assertThat(collector.poll()).isEqualTo(expected);
        }

        assertThat(eventNameCounts()).isEqualTo(expectedEventNameCounts(files.subList(0, 7)));
        QueryResult first = query("_sourceCategory=aws/cloudtrail | json \"eventName\", \"eventSource\" "
                + "| count by _sourceName, _sourceHost, _source | sort by _sourceName asc | limit 1");
        assertThat(first.rows().getFirst()[first.fieldIndex("_sourceHost")]).isEqualTo(bucket);
        assertThat(first.rows().getFirst()[first.fieldIndex("_source")]).isEqualTo("trail");
        assertThat((String) first.rows().getFirst()[first.fieldIndex("_sourceName")]).startsWith(PREFIX + "eu-west-1/");
        assertThat(count("account=prod")).isEqualTo(expected);

        try (CloudTrailBucketCollector restarted = collector(store)) {
            assertThat(restarted.poll()).isZero();
        }
        assertThat(count("*")).isEqualTo(expected);

        int added = putTrailFile(files.get(7), "us-east-1", "2024/07/30", 7);
        try (CloudTrailBucketCollector restarted = collector(store)) {
            assertThat(restarted.poll()).isEqualTo(added);
            assertThat(restarted.poll()).isZero();
        }
        assertThat(count("*")).isEqualTo(expected + added);
        assertThat(eventNameCounts()).isEqualTo(expectedEventNameCounts(files.subList(0, 8)));
    }

    @Test
    void poll_afterCrashBetweenAppendAndCheckpoint_appendsOnlyTheMissingMessages() throws IOException {
        Path file = eventFiles().stream().filter(path -> records(path).size() >= 20).findFirst().orElseThrow();
        int total = putTrailFile(file, "us-east-1", "2024/07/30", 0);
        LogStore crashing = new CrashingStore(store, 2);
        CollectorConfig.CloudTrailBucket config = config();
        try (CloudTrailBucketCollector collector = new CloudTrailBucketCollector(config, client(), crashing,
                data.resolve("collectors"), Clock.systemUTC(), 7)) {
            assertThatThrownBy(collector::poll).hasMessageContaining("simulated crash");
        }
        assertThat(count("*")).isEqualTo(14);
        assertThat(Files.readString(data.resolve("collectors/trail.checkpoint.json"))).contains("\"pending\"");

        try (CloudTrailBucketCollector restarted = new CloudTrailBucketCollector(config, client(), store,
                data.resolve("collectors"), Clock.systemUTC(), 7)) {
            assertThat(restarted.poll()).isEqualTo(total - 14);
            assertThat(restarted.poll()).isZero();
        }
        assertThat(count("*")).isEqualTo(total);
        assertThat(eventNameCounts()).isEqualTo(expectedEventNameCounts(List.of(file)));
        assertThat(Files.readString(data.resolve("collectors/trail.checkpoint.json"))).doesNotContain("\"pending\"");
    }

    @Test
    void poll_skipsAFileThatIsNotGzip_andReadsTheOthers() throws IOException {
        Path file = eventFiles().getFirst();
        s3.putObject(request -> request.bucket(bucket).key(PREFIX + "us-east-1/2024/07/30/broken.json.gz"),
                RequestBody.fromBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3}));
        int expected = putTrailFile(file, "us-east-1", "2024/07/31", 0);
        try (CloudTrailBucketCollector collector = collector(store)) {
            assertThat(collector.poll()).isEqualTo(expected);
            assertThat(collector.poll()).isZero();
        }
        assertThat(count("*")).isEqualTo(expected);
    }

    @Test
    void isLogFile_skipsDigestsAndFolders() {
        assertThat(CloudTrailBucketCollector.isLogFile("AWSLogs/1/CloudTrail/us-east-1/2024/07/30/a.json.gz")).isTrue();
        assertThat(CloudTrailBucketCollector.isLogFile("AWSLogs/1/CloudTrail-Digest/us-east-1/2024/a.json.gz")).isFalse();
        assertThat(CloudTrailBucketCollector.isLogFile("AWSLogs/1/CloudTrail/us-east-1/2024/07/30/")).isFalse();
    }

    private CloudTrailBucketCollector collector(LogStore target) {
        return new CloudTrailBucketCollector(config(), client(), target, data.resolve("collectors"),
                Clock.systemUTC(), 1000);
    }

    private CollectorConfig.CloudTrailBucket config() {
        return new CollectorConfig.CloudTrailBucket("trail", connection(), bucket, PREFIX, "aws/cloudtrail",
                Map.of("account", "prod"), Duration.ofMinutes(1), Duration.ofHours(1));
    }

    private static AwsConnection connection() {
        return new AwsConnection(S3_MOCK.getServiceEndpoint(), "us-east-1", "test-key", "test-secret");
    }

    private static S3Client client() {
        return connection().s3Client();
    }

    /** Puts one file of events as CloudTrail delivers it; returns its record count. */
    private int putTrailFile(Path events, String region, String day, int sequence) throws IOException {
        ArrayNode records = records(events);
        ObjectNode body = JSON.createObjectNode();
        body.set("Records", records);
        String key = PREFIX + region + "/" + day + "/111122223333_CloudTrail_" + region + "_" + day.replace("/", "")
                + "T0" + sequence + "05Z_" + sequence + ".json.gz";
        s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(gzip(JSON.writeValueAsString(body))));
        return records.size();
    }

    private static ArrayNode records(Path events) {
        try {
            return (ArrayNode) JSON.readTree(events.toFile());
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static List<Path> eventFiles() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static Map<String, Long> expectedEventNameCounts(List<Path> files) {
        Map<String, Long> counts = new TreeMap<>();
        for (Path file : files) {
            for (JsonNode record : records(file)) {
                counts.merge(record.path("eventName").asText(), 1L, Long::sum);
            }
        }
        return counts;
    }

    private Map<String, Long> eventNameCounts() {
        QueryResult result = query("_sourceCategory=aws/cloudtrail | json \"eventName\" | count by eventName");
        Map<String, Long> counts = new TreeMap<>();
        for (Object[] row : result.rows()) {
            counts.put(String.valueOf(row[result.fieldIndex("eventName")]),
                    Long.parseLong(String.valueOf(row[result.fieldIndex("_count")])));
        }
        return counts;
    }

    private long count(String scope) {
        QueryResult result = query(scope + " | count");
        return Long.parseLong(String.valueOf(result.rows().getFirst()[result.fieldIndex("_count")]));
    }

    private QueryResult query(String text) {
        return new LogQueryEngine(store).execute(text, new QueryContext(TimeRange.all(), ZoneOffset.UTC, false,
                System.currentTimeMillis()));
    }

    private static Path locateStratusEvents() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            Path candidate = directory.resolve("shared/data/cloudtrail/stratus-red-team-detonation-logs");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException("no shared/data/cloudtrail above " + Path.of("").toAbsolutePath());
    }

    /** Appends the first {@code batchesBeforeCrash} batches, then fails as a process killed after an append. */
    private static final class CrashingStore implements LogStore {
        private final LogStore delegate;
        private int remaining;

        CrashingStore(LogStore delegate, int batchesBeforeCrash) {
            this.delegate = delegate;
            this.remaining = batchesBeforeCrash;
        }

        @Override
        public void append(List<LogMessage> messages) {
            if (remaining == 0) {
                throw new IllegalStateException("simulated crash after the last durable append");
            }
            remaining--;
            delegate.append(messages);
        }

        @Override
        public LogCursor scan(LogScan scan) {
            return delegate.scan(scan);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
