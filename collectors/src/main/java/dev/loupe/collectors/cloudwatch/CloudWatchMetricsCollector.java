package dev.loupe.collectors.cloudwatch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.collectors.AtomicFiles;
import dev.loupe.collectors.Collector;
import dev.loupe.collectors.CollectorConfig;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.ingest.SourceMetadata;
import dev.loupe.ingest.metrics.CloudWatchDatapoint;
import dev.loupe.ingest.metrics.MetricContext;
import dev.loupe.store.spi.metrics.MetricSample;
import dev.loupe.store.spi.metrics.MetricStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.RecentlyActive;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * Polls CloudWatch for one namespace, account and region (for the AWS API Gateway app: {@code AWS/ApiGateway},
 * metrics {@code Count}, {@code 4XXError}, {@code 5XXError}, {@code Latency}, {@code IntegrationLatency},
 * {@code CacheHitCount}, {@code CacheMissCount}) and appends the datapoints to a {@link MetricStore}.
 *
 * <p>Each poll:
 * <ol>
 *   <li>chooses the window: from the previous poll's end minus the overlap (the first poll: now minus the overlap,
 *       at least one period) to now minus the delay, both aligned down to the period;
 *   <li>lists the series with {@code ListMetrics} (namespace, active in the last 3 hours), keeping the configured
 *       metric names: every dimension set CloudWatch has ({@code ApiName}; {@code ApiName, Stage};
 *       {@code ApiName, Method, Resource, Stage});
 *   <li>asks {@code GetMetricData} for {@code Sum}, {@code SampleCount}, {@code Maximum} and {@code Minimum} of
 *       each series (500 queries per request, following {@code NextToken});
 *   <li>joins the four statistics of a series and timestamp into one {@link CloudWatchDatapoint}, whose samples
 *       are exactly the series a Metric Stream delivery makes ({@code Sum}, {@code Average} = sum / count,
 *       {@code SampleCount}, {@code Maximum}, {@code Minimum}; tags {@code Namespace}, {@code metric},
 *       {@code statistic}, {@code account}, {@code region}, the dimensions and their lower-case aliases);
 *   <li>appends them, then records the window's end in {@code <name>.checkpoint.json} (atomically).
 * </ol>
 * Reading a window twice (the overlap, or a crash between the append and the checkpoint) is harmless: a sample
 * for a series and timestamp the store holds replaces it. {@code GetMetricData} does not return units, so the
 * samples carry no {@code unit} metadata.
 *
 * <p>Threading: not thread-safe; {@link dev.loupe.collectors.CollectorRunner} calls {@link #poll} from the
 * collector's one thread. The CloudWatch client is closed by {@link #close}.
 */
public final class CloudWatchMetricsCollector implements Collector {
    /** The statistics asked for; {@code Average} is derived, as a Metric Stream's statistic set implies. */
    static final List<String> STATISTICS = List.of("Sum", "SampleCount", "Maximum", "Minimum");
    private static final int QUERIES_PER_REQUEST = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CollectorConfig.CloudWatchMetrics config;
    private final CloudWatchClient client;
    private final MetricStore store;
    private final Path checkpointFile;
    private final Clock clock;
    private long lastEndMillis;

    /**
     * @param client the CloudWatch client; this collector closes it
     * @param workFolder where the checkpoint {@code <name>.checkpoint.json} lives
     */
    public CloudWatchMetricsCollector(CollectorConfig.CloudWatchMetrics config, CloudWatchClient client,
            MetricStore store, Path workFolder, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.client = requireNonNull(client, "client is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.checkpointFile = workFolder.resolve(config.name() + ".checkpoint.json");
        this.lastEndMillis = readCheckpoint(checkpointFile);
    }

    /** A collector with its own CloudWatch client, keeping its checkpoint in {@code workFolder}. */
    public static CloudWatchMetricsCollector open(CollectorConfig.CloudWatchMetrics config, MetricStore store,
            Path workFolder, Clock clock) {
        return new CloudWatchMetricsCollector(config, config.connection().cloudWatchClient(), store, workFolder, clock);
    }

    @Override
    public String name() {
        return config.name();
    }

    /** The end of the last stored window (epoch millis), or -1 before the first poll. */
    public long lastEndMillis() {
        return lastEndMillis;
    }

    @Override
    public long poll() {
        long now = clock.millis();
        long period = config.period().toMillis();
        long end = Math.floorDiv(now - config.delay().toMillis(), period) * period;
        long overlap = Math.max(config.overlap().toMillis(), lastEndMillis < 0 ? period : 0);
        long from = lastEndMillis < 0 ? end - overlap : Math.min(lastEndMillis, end) - overlap;
        long start = Math.floorDiv(from, period) * period;
        if (end <= start) {
            return 0;
        }
        List<Metric> metrics = listMetrics();
        MetricContext context = MetricContext.of(new SourceMetadata(config.category(), "", "", config.name(), "",
                Map.of()), Map.of(), config.fields(), now, MetricContext.HTTP_SKEW);
        long stored = 0;
        int perRequest = QUERIES_PER_REQUEST / STATISTICS.size();
        for (int first = 0; first < metrics.size(); first += perRequest) {
            List<Metric> chunk = metrics.subList(first, Math.min(metrics.size(), first + perRequest));
            List<MetricSample> samples = samples(chunk, start, end, context);
            if (!samples.isEmpty()) {
                store.append(samples);
                stored += samples.size();
            }
        }
        lastEndMillis = end;
        writeCheckpoint();
        return stored;
    }

    private List<Metric> listMetrics() {
        Set<String> wanted = new HashSet<>(config.metricNames());
        List<Metric> metrics = new ArrayList<>();
        for (Metric metric : client.listMetricsPaginator(request -> request.namespace(config.namespace())
                .recentlyActive(RecentlyActive.PT3_H)).metrics()) {
            if (wanted.contains(metric.metricName())) {
                metrics.add(metric);
            }
        }
        return metrics;
    }

    /** Reads the statistics of {@code metrics} over {@code [start, end)} and makes their samples. */
    private List<MetricSample> samples(List<Metric> metrics, long start, long end, MetricContext context) {
        List<MetricDataQuery> queries = new ArrayList<>(metrics.size() * STATISTICS.size());
        for (int index = 0; index < metrics.size(); index++) {
            Metric metric = metrics.get(index);
            for (String statistic : STATISTICS) {
                queries.add(MetricDataQuery.builder()
                        .id(queryId(index, statistic))
                        .metricStat(stat -> stat.metric(metric).period((int) config.period().toSeconds())
                                .stat(statistic))
                        .returnData(true)
                        .build());
            }
        }
        GetMetricDataRequest request = GetMetricDataRequest.builder()
                .metricDataQueries(queries)
                .startTime(Instant.ofEpochMilli(start))
                .endTime(Instant.ofEpochMilli(end))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                .build();
        List<Map<Long, double[]>> valuesByMetric = new ArrayList<>(metrics.size());
        for (int index = 0; index < metrics.size(); index++) {
            valuesByMetric.add(new TreeMap<>());
        }
        for (GetMetricDataResponse response : client.getMetricDataPaginator(request)) {
            for (MetricDataResult result : response.metricDataResults()) {
                addResult(result, valuesByMetric);
            }
        }
        List<MetricSample> samples = new ArrayList<>();
        for (int index = 0; index < metrics.size(); index++) {
            Metric metric = metrics.get(index);
            Map<String, String> dimensions = new LinkedHashMap<>();
            for (Dimension dimension : metric.dimensions()) {
                dimensions.put(dimension.name(), dimension.value());
            }
            for (Map.Entry<Long, double[]> point : valuesByMetric.get(index).entrySet()) {
                double[] values = point.getValue();
                CloudWatchDatapoint datapoint = new CloudWatchDatapoint(config.namespace(), metric.metricName(),
                        config.accountId(), config.connection().region(), dimensions, point.getKey(), values[3],
                        values[2], values[0], values[1], "");
                samples.addAll(datapoint.samples(context));
            }
        }
        return samples;
    }

    /** Files the values of one query under its series and timestamp, in {@link #STATISTICS} order. */
    private static void addResult(MetricDataResult result, List<Map<Long, double[]>> valuesByMetric) {
        String id = result.id();
        int separator = id.indexOf('_');
        if (!id.startsWith("m") || separator < 0) {
            throw new LoupeException(ErrorCode.INTERNAL, "GetMetricData answered an unknown query id '" + id + "'");
        }
        int metricIndex = Integer.parseInt(id.substring(1, separator));
        int statisticIndex = statisticIndex(id.substring(separator + 1));
        List<Instant> timestamps = result.timestamps();
        List<Double> values = result.values();
        for (int position = 0; position < timestamps.size() && position < values.size(); position++) {
            double[] statistics = valuesByMetric.get(metricIndex).computeIfAbsent(
                    timestamps.get(position).toEpochMilli(), timestamp -> new double[] {
                        Double.NaN, Double.NaN, Double.NaN, Double.NaN});
            statistics[statisticIndex] = values.get(position);
        }
    }

    /** {@code m<metric index>_<statistic>}: ids must start with a lower-case letter. */
    static String queryId(int metricIndex, String statistic) {
        return "m" + metricIndex + "_" + statistic.toLowerCase(Locale.ROOT);
    }

    private static int statisticIndex(String lowerCaseStatistic) {
        for (int index = 0; index < STATISTICS.size(); index++) {
            if (STATISTICS.get(index).toLowerCase(Locale.ROOT).equals(lowerCaseStatistic)) {
                return index;
            }
        }
        throw new LoupeException(ErrorCode.INTERNAL, "GetMetricData answered an unknown statistic '"
                + lowerCaseStatistic + "'");
    }

    private static long readCheckpoint(Path file) {
        if (!Files.exists(file)) {
            return -1;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            return root.path("endMillis").asLong(-1);
        } catch (IOException unreadable) {
            throw new LoupeException(ErrorCode.CORRUPT_DATA, file + ": not a readable collector checkpoint: "
                    + unreadable.getMessage(), unreadable);
        }
    }

    private void writeCheckpoint() {
        String content = "{\"version\":1,\"endMillis\":" + lastEndMillis + ",\"end\":\""
                + Instant.ofEpochMilli(lastEndMillis) + "\"}\n";
        try {
            AtomicFiles.write(checkpointFile, content.getBytes(StandardCharsets.UTF_8), false);
        } catch (IOException failure) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "cannot write the checkpoint " + checkpointFile + ": "
                    + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
