package dev.loupe.server.metrics;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.TimeRange;
import dev.loupe.store.spi.metrics.MetricStore;
import dev.loupe.store.spi.metrics.SeriesSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What metrics exist, for the metrics explorer's selector: the dimension keys (intrinsic tags and metadata) of the
 * series with points in a time range, each with its distinct values, {@code metric} first. Free of HTTP.
 */
public final class MetricCatalog {
    /** The most series one catalog reads; past it the read fails with {@code QUERY_LIMIT_EXCEEDED}. */
    static final int SERIES_LIMIT = 100_000;

    private final MetricStore store;

    /** The catalog's answer: how many series matched, and their dimensions. */
    public record Catalog(long seriesCount, List<Dimension> dimensions) {}

    /** One dimension key: how many distinct values it has, and the first {@code valueLimit} of them in order. */
    public record Dimension(String key, int valueCount, List<String> values) {}

    public MetricCatalog(MetricStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /**
     * The dimensions of the series the selector accepts with a point in {@code range}; keys are compared ignoring
     * case (the spelling seen first wins), values sorted ignoring case, at most {@code valueLimit} listed per key.
     */
    public Catalog describe(SeriesSelector selector, TimeRange range, int valueLimit) {
        Map<String, String> spellings = new HashMap<>();
        Map<String, TreeSet<String>> values = new HashMap<>();
        long[] series = {0};
        // One bucket over the whole range: a store with rollups answers without reading raw points.
        store.read(selector, range, Math.max(1, range.toMillis() - range.fromMillis()), SERIES_LIMIT, points -> {
            series[0]++;
            collect(points.tags(), spellings, values);
            collect(points.metadata(), spellings, values);
        });
        List<Dimension> dimensions = new ArrayList<>(values.size());
        for (Map.Entry<String, TreeSet<String>> entry : values.entrySet()) {
            TreeSet<String> distinct = entry.getValue();
            dimensions.add(new Dimension(spellings.get(entry.getKey()), distinct.size(),
                    distinct.stream().limit(valueLimit).toList()));
        }
        dimensions.sort(Comparator.comparing((Dimension dimension) -> !dimension.key().equalsIgnoreCase("metric"))
                .thenComparing(Dimension::key, String.CASE_INSENSITIVE_ORDER));
        return new Catalog(series[0], dimensions);
    }

    private static void collect(Map<String, String> tags, Map<String, String> spellings,
            Map<String, TreeSet<String>> values) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey().toLowerCase(java.util.Locale.ROOT);
            spellings.putIfAbsent(key, tag.getKey());
            values.computeIfAbsent(key, ignored -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER)).add(tag.getValue());
        }
    }
}
