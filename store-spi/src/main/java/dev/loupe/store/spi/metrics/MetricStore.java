package dev.loupe.store.spi.metrics;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where metric data points are kept and how the metrics engine reads them. Thread-safe.
 */
public interface MetricStore extends AutoCloseable {

    /**
     * Appends samples durably: when this returns, they survive {@code kill -9} and are read by every later
     * {@link #read}. A second sample for the same series and timestamp replaces the first.
     *
     * @throws dev.loupe.core.LoupeException {@code STORAGE_FULL} or {@code STORAGE_FAILURE}; then none of the
     *     samples is acknowledged
     */
    void append(List<MetricSample> samples);

    /**
     * Reads every series the selector accepts that has at least one point in {@code range}, with its points in
     * the range, one series at a time to {@code consumer} (on the calling thread, in no particular order).
     *
     * @param resolutionMillis the coarsest resolution the caller can use (e.g. its quantization); a store may
     *     answer from rollups at that resolution (the points are then the rollup's average per bucket) when it has
     *     them, or with raw points; 0 asks for raw points
     * @param seriesLimit the most series to read; past it the read fails with {@code QUERY_LIMIT_EXCEEDED}
     */
    void read(SeriesSelector selector, TimeRange range, long resolutionMillis, int seriesLimit, Consumer<SeriesPoints> consumer);

    /**
     * Reads the raw points of every series the selector accepts that has at least one point in {@code range}, like
     * {@link #read} with resolution 0, but without handing over arrays: a store may reuse its buffers from one series
     * to the next (see {@link PointsVisitor}), which spares a reader that only folds the points (quantization,
     * aggregation) an allocation per series. The default delegates to {@link #read}.
     *
     * @param seriesLimit the most series to read; past it the read fails with {@code QUERY_LIMIT_EXCEEDED}
     */
    default void visit(SeriesSelector selector, TimeRange range, int seriesLimit, PointsVisitor visitor) {
        read(selector, range, 0, seriesLimit, points -> visitor.visit(points.tags(), points.metadata(), points.timestamps(), points.values(),
                points.timestamps().length));
    }

    /**
     * The bucket length of the rollups {@link #readRollups} answers from, or 0 when the store keeps none (the
     * default). A store that keeps rollups keeps them for every series and every point it has, so a caller whose
     * buckets are whole multiples of this length may read rollups instead of raw points and get the same answer.
     */
    default long rollupMillis() {
        return 0;
    }

    /**
     * Reads the rollups of every series the selector accepts that has a point in {@code range} ({@code range} is
     * widened to whole rollup buckets), one series at a time to {@code consumer} (on the calling thread, in no
     * particular order). Only called when {@link #rollupMillis()} is positive.
     *
     * @param seriesLimit the most series to read; past it the read fails with {@code QUERY_LIMIT_EXCEEDED}
     * @throws LoupeException {@code INTERNAL} when the store keeps no rollups
     */
    default void readRollups(SeriesSelector selector, TimeRange range, int seriesLimit, Consumer<SeriesRollups> consumer) {
        throw new LoupeException(ErrorCode.INTERNAL, "this metric store keeps no rollups");
    }

    @Override
    void close();
}
