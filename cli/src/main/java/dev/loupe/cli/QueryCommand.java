package dev.loupe.cli;

import dev.loupe.core.TimeExpression;
import dev.loupe.core.TimeRange;
import dev.loupe.core.LoupeException;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.query.QueryContext;
import dev.loupe.query.QueryErrorFormatter;
import dev.loupe.query.QueryResult;
import dev.loupe.query.metrics.MetricsQueryContext;
import dev.loupe.query.metrics.MetricsQueryEngine;
import dev.loupe.query.metrics.MetricsQueryRow;
import dev.loupe.query.metrics.MetricsRowResult;
import dev.loupe.store.EmbeddedLogStore;
import dev.loupe.store.spi.metrics.MetricStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code loupe query}: runs a log query on a data folder (embedded store, no server needed) or on a server
 * through the Search Job API, and prints the result; with {@code --metrics}, a metrics query (rows A..Z) on the
 * data folder's metric store or through the Metrics Query API.
 */
@Command(name = "query", mixinStandardHelpOptions = true, description = "Run a log query and print the result.")
final class QueryCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY",
            description = "The query, e.g. 'json \"eventName\" | count by eventName' (with --metrics: row A).")
    private String query;

    @Option(names = "--metrics", description = "Run a metrics query (rows A..Z) instead of a log query.")
    private boolean metrics;

    @Option(names = "--row", paramLabel = "ID=QUERY",
            description = "With --metrics: another row, e.g. --row B='metric=cpu | sum'; rows may refer to each other (#A).")
    private Map<String, String> rows = new LinkedHashMap<>();

    @Option(names = "--quantization", paramLabel = "MS", defaultValue = "0",
            description = "With --metrics: bucket length in ms for every row (default: the query or automatic).")
    private long quantization;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder to query directly (default: ${DEFAULT-VALUE}).",
            defaultValue = "loupe-data")
    private Path dataDirectory;

    @Option(names = "--server", paramLabel = "URL", description = "Query a running server instead, e.g. http://127.0.0.1:8080.")
    private URI server;

    @Option(names = "--access-id", paramLabel = "ID", description = "Access id for --server (default: $LOUPE_ACCESS_ID).",
            defaultValue = "${env:LOUPE_ACCESS_ID}")
    private String accessId;

    @Option(names = "--access-key", paramLabel = "KEY", description = "Access key for --server (default: $LOUPE_ACCESS_KEY).",
            defaultValue = "${env:LOUPE_ACCESS_KEY}")
    private String accessKey;

    @Option(names = "--from", paramLabel = "T", defaultValue = "-15m",
            description = "Start: relative (-15m, -1d), ISO 8601 or epoch ms (default: ${DEFAULT-VALUE}).")
    private String from;

    @Option(names = "--to", paramLabel = "T", defaultValue = "now",
            description = "End (exclusive): relative, ISO 8601 or epoch ms (default: ${DEFAULT-VALUE}).")
    private String to;

    @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Time zone for ISO times without an offset, timeslices and display (default: ${DEFAULT-VALUE}).")
    private String timeZone;

    @Option(names = "--by-receipt-time", description = "Search by receipt time instead of message time.")
    private boolean byReceiptTime;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "json (one object per line), table or csv (default: ${DEFAULT-VALUE}).")
    private OutputFormat output;

    @Override
    public Integer call() throws Exception {
        ZoneId zone = ZoneId.of(timeZone);
        long now = System.currentTimeMillis();
        TimeRange range = new TimeRange(TimeExpression.resolve(from, now, zone), TimeExpression.resolve(to, now, zone));
        if (metrics) {
            return metrics(range, zone);
        }
        if (query == null) {
            spec.commandLine().getErr().println("loupe: give a QUERY (or --metrics with QUERY or --row A=QUERY)");
            return CommandErrorHandler.USER_ERROR;
        }
        QueryResult result;
        if (server != null) {
            if (accessId == null || accessKey == null) {
                spec.commandLine().getErr().println("loupe: --server needs --access-id and --access-key (or $LOUPE_ACCESS_ID and $LOUPE_ACCESS_KEY)");
                return CommandErrorHandler.USER_ERROR;
            }
            result = new SearchJobClient(server, accessId, accessKey)
                    .run(query, range.fromMillis(), range.toMillis(), zone.getId(), byReceiptTime);
        } else {
            try (EmbeddedLogStore store = DataFolders.openExisting(dataDirectory)) {
                result = new LogQueryEngine(store).execute(query, new QueryContext(range, zone, byReceiptTime, now));
            } catch (LoupeException error) {
                if (error.span().isEmpty()) {
                    throw error;
                }
                spec.commandLine().getErr().println("loupe: " + QueryErrorFormatter.format(query, error));
                return CommandErrorHandler.USER_ERROR;
            }
        }
        new ResultPrinter(output, zone).print(result, spec.commandLine().getOut());
        return 0;
    }

    private int metrics(TimeRange range, ZoneId zone) throws Exception {
        List<MetricsQueryRow> metricRows = new ArrayList<>();
        if (query != null) {
            metricRows.add(new MetricsQueryRow("A", query, quantization, null, 0));
        }
        for (Map.Entry<String, String> row : rows.entrySet()) {
            metricRows.add(new MetricsQueryRow(row.getKey(), row.getValue(), quantization, null, 0));
        }
        if (metricRows.isEmpty()) {
            spec.commandLine().getErr().println("loupe: --metrics needs a QUERY or --row A=QUERY");
            return CommandErrorHandler.USER_ERROR;
        }
        List<MetricsRowResult> results;
        if (server != null) {
            if (accessId == null || accessKey == null) {
                spec.commandLine().getErr().println("loupe: --server needs --access-id and --access-key (or $LOUPE_ACCESS_ID and $LOUPE_ACCESS_KEY)");
                return CommandErrorHandler.USER_ERROR;
            }
            results = new MetricsQueryClient(server, accessId, accessKey).run(metricRows, range.fromMillis(), range.toMillis());
        } else {
            try (MetricStore store = DataFolders.openExistingMetrics(dataDirectory)) {
                results = new MetricsQueryEngine(store).execute(metricRows, MetricsQueryContext.of(range)).rows();
            }
        }
        new MetricsResultPrinter(output, zone).print(results, spec.commandLine().getOut());
        return 0;
    }
}
