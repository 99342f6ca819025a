package dev.loupe.query.metrics;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.util.List;

/**
 * The results of the rows of one metrics query, in the order the rows were given.
 *
 * @param rows one result per row
 */
public record MetricsQueryResult(List<MetricsRowResult> rows) {
    public MetricsQueryResult {
        rows = List.copyOf(rows);
    }

    /**
     * The result of row {@code rowId}.
     *
     * @throws LoupeException {@code NOT_FOUND} when there is no such row
     */
    public MetricsRowResult row(String rowId) {
        for (MetricsRowResult row : rows) {
            if (row.rowId().equals(rowId)) {
                return row;
            }
        }
        throw new LoupeException(ErrorCode.NOT_FOUND, "no row '" + rowId + "' in the result");
    }
}
