package dev.loupe.store.spi.metrics;

import java.util.Map;

/**
 * Receives the points of one series from {@link MetricStore#visit}. The arrays belong to the store and are reused
 * for the next series: they are valid only during the call, must not be modified, and must not be kept.
 */
@FunctionalInterface
public interface PointsVisitor {
    /**
     * One series with its points in the requested range, oldest first.
     *
     * @param tags the intrinsic tags identifying the series (with {@code metric})
     * @param metadata the series' latest metadata
     * @param timestamps epoch milliseconds, strictly increasing in {@code [0, size)}; entries past {@code size} are garbage
     * @param values the values aligned with {@code timestamps}
     * @param size the number of points, at least 1
     */
    void visit(Map<String, String> tags, Map<String, String> metadata, long[] timestamps, double[] values, int size);
}
