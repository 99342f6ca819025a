package dev.loupe.query.metrics;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;

/**
 * One row of a metrics query (one line of a panel: {@code #A}, {@code #B}...), with the Metrics Query API's per-row
 * parameters.
 *
 * @param rowId one upper-case letter {@code A}..{@code Z}; other rows refer to it as {@code #A}
 * @param query the query text; {@code {{var}}} placeholders must already be substituted
 * @param quantizationMillis the API's {@code quantization}: the bucket length in ms; 0 lets the query's {@code
 *     quantize} or the automatic interval decide; when positive it wins over both
 * @param rollup the API's {@code rollup}; null lets the query decide (its {@code quantize using}, else avg, or
 *     max/min when the row aggregates with max/min)
 * @param timeshiftMillis the API's {@code timeshift} in ms: a negative value (the API's usual {@code -3600000}) shows
 *     the data of one hour earlier, exactly as if the query ended with {@code | timeshift 1h}; 0 for none
 */
public record MetricsQueryRow(String rowId, String query, long quantizationMillis, Rollup rollup, long timeshiftMillis) {
    public MetricsQueryRow {
        requireNonNull(rowId, "rowId is null");
        requireNonNull(query, "query is null");
        if (rowId.length() != 1 || rowId.charAt(0) < 'A' || rowId.charAt(0) > 'Z') {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "a row id is one upper-case letter A-Z, not '" + rowId + "'");
        }
        if (quantizationMillis < 0) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "quantization must be positive, not " + quantizationMillis);
        }
    }

    /** A row with no API parameters. */
    public MetricsQueryRow(String rowId, String query) {
        this(rowId, query, 0, null, 0);
    }
}
