package dev.loupe.cli;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import dev.loupe.ingest.IngestLimits;
import dev.loupe.ingest.LogFileReader;
import dev.loupe.ingest.RejectedLine;
import dev.loupe.ingest.SourceMetadata;
import dev.loupe.ingest.metrics.DecodedMetrics;
import dev.loupe.ingest.metrics.MetricContext;
import dev.loupe.ingest.metrics.MetricStreamDecoder;
import dev.loupe.store.EmbeddedLogStore;
import dev.loupe.store.spi.metrics.MetricStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code loupe ingest}: loads files (plain text, NDJSON, {@code .gz}, CloudTrail {@code {"Records":[...]}} files
 * and JSON arrays of events) into a data folder directly, or into a running server through its HTTP Source.
 * Files of CloudWatch Metric Streams JSON (detected by their {@code metric_name} and {@code namespace} keys) go
 * to the metric store instead, or to the server's Firehose endpoint.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Load log files into a data folder or a running server.")
final class IngestCommand implements Callable<Integer> {
    private static final int BATCH = 1000;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to load: text, NDJSON, .gz, CloudTrail log files.")
    private List<Path> files;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "loupe-data",
            description = "Data folder to write directly (default: ${DEFAULT-VALUE}); not while a server uses it.")
    private Path dataDirectory;

    @Option(names = "--server", paramLabel = "URL", description = "Send to a running server instead, e.g. http://127.0.0.1:8080.")
    private URI server;

    @Option(names = "--token", paramLabel = "T", description = "HTTP Source token for --server (the last part of the source URL).")
    private String token;

    @Option(names = "--category", paramLabel = "C", defaultValue = "", description = "_sourceCategory of the messages.")
    private String category;

    @Option(names = "--name", paramLabel = "N", description = "_sourceName (default: the file name).")
    private String name;

    @Option(names = "--host", paramLabel = "H", defaultValue = "", description = "_sourceHost of the messages.")
    private String host;

    @Override
    public Integer call() throws Exception {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new LoupeException(ErrorCode.NOT_FOUND, "no such file: " + file);
            }
        }
        if (server != null && (token == null || token.isBlank())) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "--server needs --token (the last part of the HTTP Source URL)");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Path> metricFiles = new ArrayList<>();
        List<Path> logFiles = new ArrayList<>();
        for (Path file : files) {
            (isMetricStream(file) ? metricFiles : logFiles).add(file);
        }
        long rejected = metricFiles.isEmpty() ? 0 : ingestMetrics(metricFiles, out);
        if (logFiles.isEmpty()) {
            return rejected > 0 ? CommandErrorHandler.USER_ERROR : 0;
        }
        List<Path> files = logFiles;
        LogFileReader reader = new LogFileReader(IngestLimits.defaults().maxMessageBytes());
        long total = 0;
        if (server != null) {
            HttpSourceClient sender = new HttpSourceClient(server, token);
            for (Path file : files) {
                SourceMetadata metadata = metadata(file);
                Map<String, String> headers = Map.of("X-Sumo-Category", metadata.category(), "X-Sumo-Name",
                        metadata.name(), "X-Sumo-Client", "loupe-ingest");
                LogFileReader.Summary summary = reader.read(file, metadata, System.currentTimeMillis(), BATCH,
                        batch -> sender.post(batch.stream().map(LogMessage::raw).toList(), "text/plain; charset=UTF-8",
                                headers));
                total += report(out, file, summary);
                rejected += summary.rejectedCount();
            }
        } else {
            try (EmbeddedLogStore store = DataFolders.open(dataDirectory)) {
                for (Path file : files) {
                    LogFileReader.Summary summary = reader.read(file, metadata(file), System.currentTimeMillis(), BATCH, store::append);
                    total += report(out, file, summary);
                    rejected += summary.rejectedCount();
                }
            }
        }
        out.println("Ingested " + total + " messages from " + files.size() + " file(s)"
                + (rejected > 0 ? "; " + rejected + " line(s) rejected" : "") + ".");
        return rejected > 0 ? CommandErrorHandler.USER_ERROR : 0;
    }

    /**
     * Loads CloudWatch Metric Streams files (JSON lines or a JSON array of records, plain or gzipped) into the
     * data folder's metric store, or posts each as one Kinesis Data Firehose record to the server. Points keep
     * their own times, however old. Returns the number of rejected records.
     */
    private long ingestMetrics(List<Path> metricFiles, PrintWriter out) throws IOException, InterruptedException {
        MetricStreamDecoder decoder = new MetricStreamDecoder(IngestLimits.defaults().maxMessageBytes());
        long rejected = 0;
        for (Path file : metricFiles) {
            MetricContext context = MetricContext.of(metadata(file), Map.of(), Map.of(), System.currentTimeMillis(),
                    Duration.ofMillis(Long.MAX_VALUE));
            MetricStreamDecoder.Batch batch = decoder.newBatch(context);
            byte[] content;
            try (InputStream input = open(file)) {
                content = input.readAllBytes();
            }
            batch.addRecord(content, 0);
            DecodedMetrics decoded = batch.result();
            if (server != null) {
                postFirehose(content);
            } else if (!decoded.samples().isEmpty()) {
                try (MetricStore store = DataFolders.openMetrics(dataDirectory)) {
                    store.append(decoded.samples());
                }
            }
            out.println(file + ": " + decoded.samples().size() + " metric points (CloudWatch Metric Streams)");
            for (RejectedLine line : decoded.rejected()) {
                out.println("  rejected line " + line.lineNumber() + ": " + line.reason());
            }
            rejected += decoded.rejected().size();
        }
        out.flush();
        return rejected;
    }

    private void postFirehose(byte[] content) throws IOException, InterruptedException {
        String body = "{\"requestId\":\"" + UUID.randomUUID() + "\",\"timestamp\":" + System.currentTimeMillis()
                + ",\"records\":[{\"data\":\"" + Base64.getEncoder().encodeToString(content) + "\"}]}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        server.resolve("/receiver/v1/firehose/" + token)).timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "the server answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** Whether a file holds CloudWatch Metric Streams JSON: its start names a {@code metric_name} and a {@code namespace}. */
    private static boolean isMetricStream(Path file) throws IOException {
        try (InputStream input = open(file)) {
            String start = new String(input.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            String trimmed = start.stripLeading();
            return (trimmed.startsWith("{") || trimmed.startsWith("[")) && start.contains("\"metric_name\"")
                    && start.contains("\"namespace\"");
        }
    }

    /** The file's bytes, gunzipped when it starts with the gzip magic number. */
    private static InputStream open(Path file) throws IOException {
        InputStream input = new BufferedInputStream(Files.newInputStream(file));
        input.mark(2);
        int first = input.read();
        int second = input.read();
        input.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(input) : input;
    }

    private SourceMetadata metadata(Path file) {
        return new SourceMetadata(category, name != null ? name : file.getFileName().toString(), host, "loupe-ingest", "loupe", Map.of());
    }

    private static long report(PrintWriter out, Path file, LogFileReader.Summary summary) {
        out.println(file + ": " + summary.messages() + " messages (" + summary.shape().name().toLowerCase(java.util.Locale.ROOT)
                + (summary.gzipped() ? ", gzip" : "") + ")");
        for (RejectedLine line : summary.rejected()) {
            out.println("  rejected line " + line.lineNumber() + ": " + line.reason());
        }
        for (String warning : summary.warnings()) {
            out.println("  warning: " + warning);
        }
        out.flush();
        return summary.messages();
    }
}
