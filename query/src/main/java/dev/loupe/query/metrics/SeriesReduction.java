package dev.loupe.query.metrics;

/**
 * How a whole series becomes one value, as single-value panels, metric tables and honeycombs show it (spec §4.6,
 * "time-series table"). See {@link MetricSeries#reduce(SeriesReduction)}.
 */
public enum SeriesReduction {
    /** The value of the newest point. */
    LATEST,
    AVG,
    MIN,
    MAX,
    SUM,
    /** The number of points. */
    COUNT
}
