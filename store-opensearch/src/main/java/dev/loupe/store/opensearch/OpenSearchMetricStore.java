package dev.loupe.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.store.spi.metrics.MetricSample;
import dev.loupe.store.spi.metrics.MetricStore;
import dev.loupe.store.spi.metrics.PointsVisitor;
import dev.loupe.store.spi.metrics.SeriesMatcher;
import dev.loupe.store.spi.metrics.SeriesPoints;
import dev.loupe.store.spi.metrics.SeriesRollups;
import dev.loupe.store.spi.metrics.SeriesSelector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A {@link MetricStore} on an OpenSearch cluster (see {@link MetricIndices} for the indices and documents), so that
 * several stateless Loupe servers share one cluster's metrics.
 *
 * <p>{@link #append} sends the series documents and the points in bulk requests of at most 8 MB with {@code
 * refresh=wait_for} ({@link BulkRequests}): it returns when the cluster has acknowledged every document and made it
 * searchable. A series document is sent only when this server has not yet written it with the same metadata.
 *
 * <p>Reads first select the series on the series index ({@link SeriesQueries}, then checked with {@link
 * SeriesMatcher}), then read their points in chunks of {@value #SERIES_PER_QUERY} series: raw points ({@link #read}
 * at resolution 0, {@link #visit}) stream sorted by (series, time) with {@code search_after}; {@link #read} at a
 * positive resolution and {@link #readRollups} are pushed down as a composite aggregation (terms on the series,
 * a fixed-interval date histogram, {@code stats} on the value), so the cluster sends one bucket per series and
 * interval instead of every point. Thread-safe.
 */
public final class OpenSearchMetricStore implements MetricStore {
    /** The bucket length of {@link #readRollups} (computed by the cluster on every read; the embedded store's too). */
    static final long ROLLUP_MILLIS = 3_600_000L;
    static final int SERIES_PER_QUERY = 1_000;
    private static final int BULK_BYTES = 8 << 20;

    private final OpenSearchConnection connection;
    private final ObjectMapper mapper = new ObjectMapper();
    private final MetricIndices indices;
    /** Series id → hash of the metadata this server last wrote for it (so unchanged series are not rewritten). */
    private final Map<String, Integer> writtenSeries = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private OpenSearchMetricStore(OpenSearchConnection connection, OpenSearchSettings settings) {
        this.connection = connection;
        this.indices = new MetricIndices(settings.indexPrefix(), mapper);
        indices.install(connection, settings.refreshInterval());
    }

    /**
     * Connects to the cluster, installs the point index template (replacing an older one of the same prefix) and
     * creates the series index if needed.
     *
     * @throws LoupeException {@code OVERLOADED} when no node answers, {@code STORAGE_FAILURE} when the cluster
     *     refuses (credentials, permissions)
     */
    public static OpenSearchMetricStore open(OpenSearchSettings settings) {
        OpenSearchConnection connection = new OpenSearchConnection(settings);
        try {
            return new OpenSearchMetricStore(connection, settings);
        } catch (RuntimeException failure) {
            connection.close();
            throw failure;
        }
    }

    @Override
    public void append(List<MetricSample> samples) {
        ensureOpen();
        if (samples.isEmpty()) {
            return;
        }
        // The latest non-empty metadata of each series in the batch, as the reference keeps it.
        Map<Map<String, String>, Map<String, String>> seriesMetadata = new LinkedHashMap<>();
        for (MetricSample sample : samples) {
            Map<String, String> known = seriesMetadata.get(sample.tags());
            if (known == null || !sample.metadata().isEmpty()) {
                seriesMetadata.put(sample.tags(), sample.metadata());
            }
        }
        Map<Map<String, String>, String> ids = new LinkedHashMap<>();
        Map<String, Integer> toRemember = new LinkedHashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(BULK_BYTES, 128 * samples.size()));
        int documents = 0;
        try {
            for (Map.Entry<Map<String, String>, Map<String, String>> series : seriesMetadata.entrySet()) {
                String id = MetricIndices.seriesId(series.getKey());
                ids.put(series.getKey(), id);
                Map<String, String> metadata = series.getValue();
                Integer written = writtenSeries.get(id);
                if (written != null && (metadata.isEmpty() || written == metadata.hashCode())) {
                    continue;
                }
                indices.writeSeries(id, series.getKey(), metadata, body);
                toRemember.put(id, metadata.isEmpty() && written != null ? written : metadata.hashCode());
                documents++;
            }
            for (MetricSample sample : samples) {
                indices.writePoint(ids.get(sample.tags()), sample.timestampMillis(), sample.value(), body);
                documents++;
                if (body.size() >= BULK_BYTES) {
                    BulkRequests.send(connection, mapper, body.toByteArray(), "storing " + documents + " metric documents");
                    body.reset();
                    documents = 0;
                }
            }
        } catch (IOException impossible) {
            throw new IllegalStateException("writing JSON to memory failed", impossible);
        }
        if (documents > 0) {
            BulkRequests.send(connection, mapper, body.toByteArray(), "storing " + documents + " metric documents");
        }
        writtenSeries.putAll(toRemember);
    }

    @Override
    public void read(SeriesSelector selector, TimeRange range, long resolutionMillis, int seriesLimit, Consumer<SeriesPoints> consumer) {
        ensureOpen();
        if (resolutionMillis > 0) {
            readBuckets(selector, range, resolutionMillis, seriesLimit, (series, buckets) -> {
                double[] averages = new double[buckets.size];
                for (int index = 0; index < buckets.size; index++) {
                    averages[index] = buckets.sums[index] / buckets.counts[index];
                }
                consumer.accept(new SeriesPoints(series.tags(), series.metadata(), Arrays.copyOf(buckets.starts, buckets.size), averages));
            });
            return;
        }
        visit(selector, range, seriesLimit, (tags, metadata, timestamps, values, size) -> consumer.accept(
                new SeriesPoints(tags, metadata, Arrays.copyOf(timestamps, size), Arrays.copyOf(values, size))));
    }

    @Override
    public void visit(SeriesSelector selector, TimeRange range, int seriesLimit, PointsVisitor visitor) {
        ensureOpen();
        SeriesCounter counter = new SeriesCounter(seriesLimit);
        for (List<SeriesCatalog.Series> chunk : SeriesCatalog.select(connection, mapper, indices, selector, SERIES_PER_QUERY)) {
            PointPages.stream(connection, mapper, indices, chunk, range, (series, timestamps, values, size) -> {
                counter.count();
                visitor.visit(series.tags(), series.metadata(), timestamps, values, size);
            });
        }
    }

    @Override
    public long rollupMillis() {
        return ROLLUP_MILLIS;
    }

    @Override
    public void readRollups(SeriesSelector selector, TimeRange range, int seriesLimit, Consumer<SeriesRollups> consumer) {
        ensureOpen();
        long from = range.fromMillis() == Long.MIN_VALUE ? Long.MIN_VALUE : Math.floorDiv(range.fromMillis(), ROLLUP_MILLIS) * ROLLUP_MILLIS;
        long to = range.toMillis() > Long.MAX_VALUE - ROLLUP_MILLIS ? Long.MAX_VALUE
                : Math.floorDiv(range.toMillis() + ROLLUP_MILLIS - 1, ROLLUP_MILLIS) * ROLLUP_MILLIS;
        readBuckets(selector, new TimeRange(from, to), ROLLUP_MILLIS, seriesLimit, (series, buckets) -> consumer.accept(
                new SeriesRollups(series.tags(), series.metadata(), ROLLUP_MILLIS, Arrays.copyOf(buckets.starts, buckets.size),
                        Arrays.copyOf(buckets.counts, buckets.size), Arrays.copyOf(buckets.sums, buckets.size),
                        Arrays.copyOf(buckets.mins, buckets.size), Arrays.copyOf(buckets.maxes, buckets.size))));
    }

    private void readBuckets(SeriesSelector selector, TimeRange range, long bucketMillis, int seriesLimit,
            BucketAggregations.Receiver receiver) {
        SeriesCounter counter = new SeriesCounter(seriesLimit);
        for (List<SeriesCatalog.Series> chunk : SeriesCatalog.select(connection, mapper, indices, selector, SERIES_PER_QUERY)) {
            BucketAggregations.stream(connection, mapper, indices, chunk, range, bucketMillis, (series, buckets) -> {
                counter.count();
                receiver.receive(series, buckets);
            });
        }
    }

    /** Counts the series handed out by one read and fails it past the limit. */
    private static final class SeriesCounter {
        private final int limit;
        private int count;

        SeriesCounter(int limit) {
            this.limit = limit;
        }

        void count() {
            if (++count > limit) {
                throw new LoupeException(ErrorCode.QUERY_LIMIT_EXCEEDED, "the selector matches more than " + limit + " series");
            }
        }
    }

    /** The range filter on the point time, as a query clause. */
    static JsonNode timeRange(ObjectMapper mapper, TimeRange range) {
        ObjectNode query = mapper.createObjectNode();
        ObjectNode bounds = query.putObject("range").putObject(MetricIndices.TIME);
        if (range.fromMillis() != Long.MIN_VALUE) {
            bounds.put("gte", range.fromMillis());
        }
        if (range.toMillis() != Long.MAX_VALUE) {
            bounds.put("lt", range.toMillis());
        }
        return query;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the OpenSearch metric store is closed");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connection.close();
        }
    }
}
