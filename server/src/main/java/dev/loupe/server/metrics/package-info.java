/**
 * The Metrics Query API, {@code POST /api/v1/metricsQueries}: request parsing ({@link
 * dev.loupe.server.metrics.MetricsQueryRequestParser}: rows, {@code BeginBoundedTimeRange} and
 * {@code CompleteLiteralTimeRange} with their boundary types), the response shape ({@link
 * dev.loupe.server.metrics.MetricsQueryResponse}) and the controller that runs the rows on the
 * {@link dev.loupe.query.metrics.MetricsQueryEngine}.
 */
package dev.loupe.server.metrics;
