package dev.loupe.server.metrics;

import dev.loupe.query.metrics.MetricSeries;
import dev.loupe.query.metrics.MetricsRowResult;
import dev.loupe.server.ErrorResponder;
import dev.loupe.store.spi.metrics.MetricSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code MetricsQueryResponse} body: one {@code queryResult} per row, and {@code errors} always present
 * ({@code {"id","errors":[]}} when there are none), as apis-and-clients.md §3.1 shows.
 */
public record MetricsQueryResponse(List<QueryResult> queryResult, ErrorResponder.ErrorListBody errors) {

    public record QueryResult(String rowId, TimeSeriesList timeSeriesList) {}

    public record TimeSeriesList(List<TimeSeries> timeSeries, String unit, String timeShiftLabel,
            ResultContext resultContext) {}

    public record TimeSeries(MetricDefinition metricDefinition, Points points) {}

    /** {@code metric} is the series' metric name; {@code dimensions} the other tags. */
    public record MetricDefinition(String metric, Map<String, String> dimensions) {}

    public record Points(long[] timestamps, double[] values) {}

    public record ResultContext(long quantizationGranularity, String rollup, ActualTimeRange actualQueryTimeRange) {}

    /** ISO-8601 instants. */
    public record ActualTimeRange(String start, String end) {}

    /** The body for the engine's row results over {@code [fromMillis, toMillis)}. */
    static MetricsQueryResponse of(List<MetricsRowResult> rows, long fromMillis, long toMillis, String errorId) {
        List<QueryResult> results = new ArrayList<>(rows.size());
        ActualTimeRange actual = new ActualTimeRange(Instant.ofEpochMilli(fromMillis).toString(),
                Instant.ofEpochMilli(toMillis).toString());
        for (MetricsRowResult row : rows) {
            List<TimeSeries> series = new ArrayList<>(row.series().size());
            for (MetricSeries one : row.series()) {
                Map<String, String> dimensions = new LinkedHashMap<>(one.dimensions());
                dimensions.remove(MetricSample.METRIC);
                series.add(new TimeSeries(new MetricDefinition(one.metric(), dimensions),
                        new Points(one.timestamps(), one.values())));
            }
            results.add(new QueryResult(row.rowId(), new TimeSeriesList(series, row.unit(), timeShiftLabel(row.timeshiftMillis()),
                    new ResultContext(row.quantizationMillis(), row.rollup().apiName(), actual))));
        }
        return new MetricsQueryResponse(results, new ErrorResponder.ErrorListBody(errorId, List.of()));
    }

    /** {@code -1h} for data shifted one hour back, {@code -1d}, {@code -90s}...; empty for none. */
    static String timeShiftLabel(long shiftMillis) {
        if (shiftMillis == 0) {
            return "";
        }
        long magnitude = Math.abs(shiftMillis);
        String sign = shiftMillis > 0 ? "-" : "+";
        long[] units = {604_800_000L, 86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"w", "d", "h", "m", "s"};
        for (int index = 0; index < units.length; index++) {
            if (magnitude % units[index] == 0) {
                return sign + magnitude / units[index] + names[index];
            }
        }
        return sign + magnitude + "ms";
    }
}
