package dev.loupe.testing;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.store.spi.metrics.MetricSample;
import dev.loupe.store.spi.metrics.MetricStore;
import dev.loupe.store.spi.metrics.SeriesMatcher;
import dev.loupe.store.spi.metrics.SeriesPoints;
import dev.loupe.store.spi.metrics.SeriesSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The reference {@link MetricStore}: every series in memory, selection by brute force with {@link SeriesMatcher},
 * always raw points (it keeps no rollups and ignores {@code resolutionMillis}). Thread-safe (every method is
 * synchronized). For tests only: it is slow on purpose, simple enough to be obviously right.
 */
public final class InMemoryMetricStore implements MetricStore {
    private final Map<Map<String, String>, StoredSeries> series = new HashMap<>();

    /** An empty store. */
    public InMemoryMetricStore() {}

    private static final class StoredSeries {
        private Map<String, String> metadata = Map.of();
        private final NavigableMap<Long, Double> points = new TreeMap<>();
    }

    @Override
    public synchronized void append(List<MetricSample> samples) {
        for (MetricSample sample : samples) {
            StoredSeries stored = series.computeIfAbsent(sample.tags(), tags -> new StoredSeries());
            if (!sample.metadata().isEmpty()) {
                stored.metadata = sample.metadata();
            }
            stored.points.put(sample.timestampMillis(), sample.value());
        }
    }

    @Override
    public synchronized void read(SeriesSelector selector, TimeRange range, long resolutionMillis, int seriesLimit,
            Consumer<SeriesPoints> consumer) {
        List<SeriesPoints> selected = new ArrayList<>();
        for (Map.Entry<Map<String, String>, StoredSeries> entry : series.entrySet()) {
            StoredSeries stored = entry.getValue();
            if (!SeriesMatcher.matches(selector, entry.getKey(), stored.metadata)) {
                continue;
            }
            NavigableMap<Long, Double> inRange = stored.points.subMap(range.fromMillis(), true, range.toMillis(), false);
            if (inRange.isEmpty()) {
                continue;
            }
            if (selected.size() == seriesLimit) {
                throw new LoupeException(ErrorCode.QUERY_LIMIT_EXCEEDED, "the selector matches more than " + seriesLimit + " series");
            }
            long[] timestamps = new long[inRange.size()];
            double[] values = new double[inRange.size()];
            int index = 0;
            for (Map.Entry<Long, Double> point : inRange.entrySet()) {
                timestamps[index] = point.getKey();
                values[index] = point.getValue();
                index++;
            }
            selected.add(new SeriesPoints(entry.getKey(), stored.metadata, timestamps, values));
        }
        selected.forEach(consumer);
    }

    /** The number of series held. */
    public synchronized int seriesCount() {
        return series.size();
    }

    @Override
    public void close() {}
}
