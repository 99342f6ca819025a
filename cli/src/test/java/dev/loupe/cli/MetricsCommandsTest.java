package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.TimeRange;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerConfig;
import dev.loupe.server.auth.SecretHasher;
import dev.loupe.server.persistence.Database;
import dev.loupe.server.auth.CreatedAccessKey;
import dev.loupe.server.receiver.HttpSource;
import dev.loupe.store.spi.metrics.SeriesPoints;
import dev.loupe.store.spi.metrics.SeriesSelector;
import dev.loupe.testing.InMemoryLogStore;
import dev.loupe.testing.InMemoryMetricStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code loupe query --metrics --server} and {@code loupe ingest} of a Metric Streams file, against a real server. */
class MetricsCommandsTest {
    @TempDir
    Path dataDirectory;
    private final InMemoryMetricStore metricStore = new InMemoryMetricStore();
    private LoupeServer server;
    private Database database;
    private CreatedAccessKey key;
    private HttpSource source;

    @BeforeEach
    void start() {
        Clock clock = Clock.systemUTC();
        database = Database.open(dataDirectory);
        server = new LoupeServer(ServerConfig.of("127.0.0.1", 0, dataDirectory), new InMemoryLogStore(), metricStore,
                database, new SecretHasher(4), clock);
        key = server.users().createFirstAdministrator().orElseThrow().key();
        source = server.sources().list().getFirst();
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        database.close();
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    @Test
    void queryMetricsThroughTheServer_csvAndJson() throws Exception {
        long seconds = System.currentTimeMillis() / 1000 - 120;
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base() + source.receiverPath()))
                .header("Content-Type", "application/vnd.sumologic.carbon2")
                .POST(HttpRequest.BodyPublishers.ofString("metric=cpu node=lb-1  3 " + seconds + "\nmetric=cpu node=lb-2  4 "
                        + seconds + "\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(200);
        String csv = runCli("query", "--metrics", "--server", base(), "--access-id", key.accessId(), "--access-key",
                key.accessKey(), "--output", "csv", "--quantization", "60000", "metric=cpu | sum", "--row", "B=metric=cpu node=lb-2");
        List<String> lines = csv.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("row,series,time,value");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("A,").endsWith(",7"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("B,metric=cpu ").contains(" node=lb-2,").endsWith(",4"));
        String json = runCli("query", "--metrics", "--server", base(), "--access-id", key.accessId(), "--access-key",
                key.accessKey(), "--output", "json", "metric=cpu node=lb-1");
        assertThat(json.strip()).startsWith("{\"rowId\":\"A\",\"dimensions\":{").contains("\"node\":\"lb-1\"").contains("\"values\":[3.0]");
    }

    @Test
    void ingestMetricStreamsFile_throughTheFirehoseEndpoint() throws Exception {
        long now = System.currentTimeMillis();
        Path file = dataDirectory.resolve("stream.json");
        Files.writeString(file, "{\"metric_stream_name\":\"s\",\"account_id\":\"1\",\"region\":\"us-east-1\","
                + "\"namespace\":\"AWS/ApiGateway\",\"metric_name\":\"Count\",\"dimensions\":{\"ApiName\":\"petstore\"},"
                + "\"timestamp\":" + now + ",\"value\":{\"max\":1,\"min\":1,\"sum\":3,\"count\":3},\"unit\":\"Count\"}\n");
        String out = runCli("ingest", "--server", base(), "--token", source.token(), file.toString());
        assertThat(out).contains("5 metric points (CloudWatch Metric Streams)");
        List<SeriesPoints> series = new ArrayList<>();
        metricStore.read(new SeriesSelector.TagMatch("apiname", "petstore"), TimeRange.all(), 0, 100, series::add);
        assertThat(series).hasSize(5);
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
}
