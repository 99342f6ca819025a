package dev.loupe.query.metrics;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.TimeRange;

/**
 * Everything a metrics query needs besides its rows.
 *
 * @param range the half-open time range of the result (spec §5: the last millisecond is not included)
 * @param maxInputSeries the most series one selector may read (Sumo: 1,000 for non-aggregate rows and ≥ 15,000 for
 *     aggregates; Loupe applies this one limit to both); past it the row fails with {@code QUERY_LIMIT_EXCEEDED}
 * @param maxOutputSeries the most series a row may return (Sumo: 1,000); past it the row fails with {@code
 *     QUERY_LIMIT_EXCEEDED}
 */
public record MetricsQueryContext(TimeRange range, int maxInputSeries, int maxOutputSeries) {
    public MetricsQueryContext {
        requireNonNull(range, "range is null");
        if (maxInputSeries <= 0 || maxOutputSeries <= 0) {
            throw new IllegalArgumentException("series limits must be positive: " + maxInputSeries + ", " + maxOutputSeries);
        }
    }

    /** The default limits: 200,000 input series per selector, 1,000 output series per row. */
    public static MetricsQueryContext of(TimeRange range) {
        return new MetricsQueryContext(range, 200_000, 1_000);
    }
}
