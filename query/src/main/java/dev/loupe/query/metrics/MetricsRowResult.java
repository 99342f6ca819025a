package dev.loupe.query.metrics;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The result of one row.
 *
 * @param rowId the row's id
 * @param series the output series, in a deterministic order (by dimensions, unless the row ends with {@code sort},
 *     {@code topk} or {@code bottomk}, whose order is kept)
 * @param quantizationMillis the bucket length the row's selectors were quantized to
 * @param rollup the rollup the row's selectors were quantized with
 * @param timeshiftMillis the total shift applied to the row ({@code timeshift 1d} is 86,400,000: the data of one day
 *     earlier shown now); 0 when none
 * @param unit the {@code unit} metadata shared by every series the row's selectors read (for a row expression: the
 *     unit shared by the rows it refers to), followed by {@code /second} after a {@code rate}; empty when the series
 *     disagree or have none
 */
public record MetricsRowResult(String rowId, List<MetricSeries> series, long quantizationMillis, Rollup rollup, long timeshiftMillis,
        String unit) {
    public MetricsRowResult {
        requireNonNull(rowId, "rowId is null");
        series = List.copyOf(series);
        requireNonNull(rollup, "rollup is null");
        requireNonNull(unit, "unit is null");
    }
}
