package dev.loupe.ingest.metrics;

import java.util.Map;

/** Parses one line of a metric text format into one point. Stateless and thread-safe. */
sealed interface MetricLineParser permits GraphiteLineParser, Carbon2LineParser, PrometheusLineParser {

    /** A time of "none given": the point takes the receipt time. */
    long NO_TIMESTAMP = Long.MIN_VALUE;

    /**
     * @param line one non-blank line, without its terminator
     * @return the point, or null for a line that holds none (a Prometheus comment)
     * @throws MalformedLineException with the reason the line is refused
     */
    ParsedLine parse(String line) throws MalformedLineException;

    /**
     * One point as written on its line.
     *
     * @param tags the identifying tags, {@code metric} among them; owned by the caller
     * @param metadata the line's own metadata (Carbon 2.0 meta tags), often empty
     * @param timestampMillis epoch milliseconds, or {@link #NO_TIMESTAMP}
     */
    record ParsedLine(Map<String, String> tags, Map<String, String> metadata, double value, long timestampMillis) {}

    static MetricLineParser of(MetricFormat format) {
        return switch (format) {
            case GRAPHITE -> new GraphiteLineParser();
            case CARBON2 -> new Carbon2LineParser();
            case PROMETHEUS -> new PrometheusLineParser();
        };
    }
}
