package dev.loupe.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Summarizes the points of some series per fixed time bucket on the cluster: a composite aggregation with sources
 * (series id terms, fixed-interval date histogram on the time: buckets start at multiples of the interval since the
 * epoch, as Loupe's quantization) and a {@code stats} sub-aggregation, paged by {@code after_key} in pages of
 * {@value #PAGE_SIZE} buckets. Buckets come series by series, oldest first, so each series is handed over whole in
 * primitive arrays reused from series to series. Not thread-safe: one instance per read.
 */
final class BucketAggregations {
    static final int PAGE_SIZE = 5_000;

    /** One series' buckets; valid only during {@link Receiver#receive}. */
    static final class Buckets {
        long[] starts = new long[256];
        long[] counts = new long[256];
        double[] sums = new double[256];
        double[] mins = new double[256];
        double[] maxes = new double[256];
        int size;

        private void add(long start, long count, double sum, double min, double max) {
            if (size == starts.length) {
                int capacity = size * 2;
                starts = Arrays.copyOf(starts, capacity);
                counts = Arrays.copyOf(counts, capacity);
                sums = Arrays.copyOf(sums, capacity);
                mins = Arrays.copyOf(mins, capacity);
                maxes = Arrays.copyOf(maxes, capacity);
            }
            starts[size] = start;
            counts[size] = count;
            sums[size] = sum;
            mins[size] = min;
            maxes[size] = max;
            size++;
        }
    }

    /** Receives the buckets of one series that has points in the range. */
    @FunctionalInterface
    interface Receiver {
        void receive(SeriesCatalog.Series series, Buckets buckets);
    }

    private BucketAggregations() {}

    static void stream(OpenSearchConnection connection, ObjectMapper mapper, MetricIndices indices, List<SeriesCatalog.Series> series,
            TimeRange range, long bucketMillis, Receiver receiver) {
        Map<String, SeriesCatalog.Series> byId = new HashMap<>();
        for (SeriesCatalog.Series one : series) {
            byId.put(one.id(), one);
        }
        ObjectNode search = mapper.createObjectNode();
        search.put("size", 0);
        search.put("track_total_hits", false);
        search.set("query", PointPages.filter(mapper, series, range));
        ObjectNode composite = search.putObject("aggs").putObject("buckets");
        ObjectNode sources = composite.putObject("composite");
        sources.put("size", PAGE_SIZE);
        ArrayNode keys = sources.putArray("sources");
        keys.addObject().putObject("series").putObject("terms").put("field", MetricIndices.SERIES);
        keys.addObject().putObject("start").putObject("date_histogram").put("field", MetricIndices.TIME)
                .put("fixed_interval", bucketMillis + "ms");
        composite.putObject("aggs").putObject("stats").putObject("stats").put("field", MetricIndices.VALUE);
        String path = "/" + indices.pointPattern() + "/_search?ignore_unavailable=true&allow_no_indices=true";
        Buckets buckets = new Buckets();
        String currentId = null;
        while (true) {
            OpenSearchConnection.Response response = connection.expectSuccess("aggregating metric points", "POST", path,
                    indices.bytes(search), OpenSearchConnection.JSON);
            JsonNode aggregation = SeriesCatalog.read(mapper, response).path("aggregations").path("buckets");
            for (JsonNode bucket : aggregation.path("buckets")) {
                String id = bucket.path("key").path("series").asText();
                if (!id.equals(currentId)) {
                    hand(byId, currentId, buckets, receiver);
                    currentId = id;
                }
                JsonNode stats = bucket.path("stats");
                buckets.add(bucket.path("key").path("start").asLong(), stats.path("count").asLong(), stats.path("sum").asDouble(),
                        stats.path("min").asDouble(), stats.path("max").asDouble());
            }
            JsonNode afterKey = aggregation.path("after_key");
            if (aggregation.path("buckets").size() < PAGE_SIZE || afterKey.isMissingNode()) {
                break;
            }
            sources.set("after", afterKey);
        }
        hand(byId, currentId, buckets, receiver);
    }

    private static void hand(Map<String, SeriesCatalog.Series> byId, String id, Buckets buckets, Receiver receiver) {
        if (id != null && buckets.size > 0) {
            SeriesCatalog.Series series = byId.get(id);
            if (series == null) {
                throw new LoupeException(ErrorCode.STORAGE_FAILURE, "OpenSearch returned buckets of a series not asked for: " + id);
            }
            receiver.receive(series, buckets);
        }
        buckets.size = 0;
    }
}
