package dev.loupe.server.metrics;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.TimeRange;
import dev.loupe.query.metrics.MetricsQueryRow;
import java.util.List;

/**
 * A parsed and checked {@code POST /api/v1/metricsQueries} request.
 *
 * @param rows the rows, in request order (1 to {@value MetricsQueryRequestParser#MAX_ROWS})
 * @param range the resolved half-open time range
 */
public record MetricsQueryRequest(List<MetricsQueryRow> rows, TimeRange range) {
    public MetricsQueryRequest {
        rows = List.copyOf(rows);
        requireNonNull(range, "range is null");
    }
}
