package dev.loupe.query.metrics;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.query.metrics.MetricsOperator.AggregateFunction;
import dev.loupe.store.spi.metrics.MetricStore;
import dev.loupe.store.spi.metrics.SeriesPoints;
import dev.loupe.store.spi.metrics.SeriesRollups;
import dev.loupe.store.spi.metrics.SeriesSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Evaluates the rows of one metrics query. One instance per query, used by one thread.
 *
 * <p>A row is evaluated for a read shift: the row's data come from {@code [from - shift, to - shift)}. A row's own
 * {@code timeshift} operators (and the API's timeshift parameter) add to the shift of everything before them, and
 * move timestamps forward by their amount where they stand in the pipeline; a row expression evaluates the rows it
 * references with its own read shift, so {@code #A | timeshift 1d} is row A over the day before, shown today.
 */
final class RowEvaluator {
    private final MetricStore store;
    private final MetricsQueryContext context;
    private final Map<String, ParsedRow> parsed = new LinkedHashMap<>();
    private final Map<String, RowOutput> evaluated = new HashMap<>();
    private final Set<String> visiting = new HashSet<>();

    private record ParsedRow(MetricsQueryRow row, MetricsQuery query) {}

    private record RowOutput(List<MetricSeries> series, long quantizationMillis, Rollup rollup, long timeshiftMillis, String unit) {}

    /** The {@code unit} metadata key (CloudWatch deliveries and other sources set it). */
    static final String UNIT = "unit";

    RowEvaluator(MetricStore store, MetricsQueryContext context) {
        this.store = store;
        this.context = context;
    }

    MetricsQueryResult evaluate(List<MetricsQueryRow> rows) {
        for (MetricsQueryRow row : rows) {
            if (parsed.containsKey(row.rowId())) {
                throw new LoupeException(ErrorCode.INVALID_INPUT, "row " + row.rowId() + " is given twice");
            }
            parsed.put(row.rowId(), new ParsedRow(row, parseRow(row)));
        }
        List<MetricsRowResult> results = new ArrayList<>(rows.size());
        for (MetricsQueryRow row : rows) {
            RowOutput output = evaluateRow(row.rowId(), 0);
            results.add(new MetricsRowResult(row.rowId(), output.series(), output.quantizationMillis(), output.rollup(), output.timeshiftMillis(),
                    output.unit()));
        }
        return new MetricsQueryResult(results);
    }

    private static MetricsQuery parseRow(MetricsQueryRow row) {
        try {
            return MetricsParser.parse(row.query());
        } catch (LoupeException error) {
            throw new LoupeException(error.errorCode(), "row " + row.rowId() + ": " + error.detail(), error.span().orElse(null), error);
        }
    }

    private RowOutput evaluateRow(String rowId, long outerShift) {
        String key = rowId + "@" + outerShift;
        RowOutput known = evaluated.get(key);
        if (known != null) {
            return known;
        }
        if (!visiting.add(key)) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "row " + rowId + " refers to itself through other rows");
        }
        ParsedRow row = parsed.get(rowId);
        List<MetricsOperator> operators = new ArrayList<>(row.query().operators());
        if (row.row().timeshiftMillis() != 0) {
            operators.add(new MetricsOperator.Timeshift(-row.row().timeshiftMillis(), row.query().source().span()));
        }
        long pipelineShift = 0;
        for (MetricsOperator operator : operators) {
            if (operator instanceof MetricsOperator.Timeshift timeshift) {
                pipelineShift += timeshift.millis();
            }
        }
        long readShift = outerShift + pipelineShift;
        TimeRange range = context.range();
        TimeRange readRange = new TimeRange(range.fromMillis() - readShift, range.toMillis() - readShift);
        Pipeline pipeline = switch (row.query().source()) {
            case MetricsQuery.SelectorSource selector -> selectorSource(row.row(), selector, operators, readRange);
            case MetricsQuery.RowExpressionSource expression -> rowExpressionSource(expression, operators, readShift);
        };
        pipeline.run(readRange);
        if (pipeline.series.size() > context.maxOutputSeries()) {
            throw new LoupeException(ErrorCode.QUERY_LIMIT_EXCEEDED, "row " + rowId + " returns " + pipeline.series.size()
                    + " series, more than the limit of " + context.maxOutputSeries() + "; aggregate them (e.g. sum by ...) or narrow the selector");
        }
        String unit = commonUnit(pipeline.units);
        if (!unit.isEmpty() && operators.stream().anyMatch(operator -> operator instanceof MetricsOperator.Rate)) {
            unit = unit + "/second";
        }
        RowOutput output = new RowOutput(pipeline.series, pipeline.interval, pipeline.rollup, pipelineShift, unit);
        visiting.remove(key);
        evaluated.put(key, output);
        return output;
    }

    /** The one unit of the set, or empty when there are several or none. */
    private static String commonUnit(Set<String> units) {
        return units.size() == 1 ? units.iterator().next() : "";
    }

    /** The series' unit metadata (key matched ignoring case), empty when it has none. */
    private static String unitOf(Map<String, String> metadata) {
        String unit = metadata.isEmpty() ? null : SeriesAggregator.valueOfKey(metadata, UNIT);
        return unit == null ? "" : unit;
    }

    private Pipeline selectorSource(MetricsQueryRow row, MetricsQuery.SelectorSource source, List<MetricsOperator> operators, TimeRange readRange) {
        MetricsOperator.Quantize leading = source.rollupSelector();
        if (!operators.isEmpty() && operators.getFirst() instanceof MetricsOperator.Quantize quantize) {
            leading = quantize;
            operators.removeFirst();
        }
        long interval = row.quantizationMillis() > 0 ? row.quantizationMillis()
                : leading != null && leading.intervalMillis() > 0 ? Quantization.limitBuckets(leading.intervalMillis(), readRange.lengthMillis())
                : Quantization.automaticInterval(readRange.lengthMillis());
        Rollup rollup = row.rollup() != null ? row.rollup() : leading != null && leading.rollup() != null ? leading.rollup() : impliedRollup(operators);
        boolean dropLast = leading != null && leading.dropLast();
        Set<String> units = new HashSet<>();
        if (!dropLast && !operators.isEmpty() && operators.getFirst() instanceof MetricsOperator.Aggregate aggregate) {
            List<MetricSeries> aggregated = readAggregated(source.selector(), readRange, interval, rollup, aggregate, units);
            if (aggregated != null) {
                operators.removeFirst();
                return new Pipeline(aggregated, interval, rollup, operators, units);
            }
        }
        List<MetricSeries> series = read(source.selector(), readRange, interval, rollup, units);
        if (dropLast) {
            series.replaceAll(one -> Quantization.dropLast(one, interval, readRange.toMillis()));
        }
        return new Pipeline(series, interval, rollup, operators, units);
    }

    /** Spec §4.3: a max/min aggregation without an explicit rollup quantizes with max/min; otherwise avg. */
    private static Rollup impliedRollup(List<MetricsOperator> operators) {
        for (MetricsOperator operator : operators) {
            if (operator instanceof MetricsOperator.Aggregate aggregate) {
                if (aggregate.function() == AggregateFunction.MAX) {
                    return Rollup.MAX;
                }
                if (aggregate.function() == AggregateFunction.MIN) {
                    return Rollup.MIN;
                }
                return Rollup.AVG;
            }
        }
        return Rollup.AVG;
    }

    private List<MetricSeries> read(SeriesSelector selector, TimeRange readRange, long interval, Rollup rollup, Set<String> units) {
        long alignedStart = Math.floorDiv(readRange.fromMillis(), interval) * interval;
        TimeRange aligned = new TimeRange(alignedStart, readRange.toMillis());
        List<MetricSeries> series = new ArrayList<>();
        long rollupMillis = store.rollupMillis();
        if (rollupMillis > 0 && rollup != Rollup.RATE && interval % rollupMillis == 0) {
            store.readRollups(selector, aligned, context.maxInputSeries(), (SeriesRollups rollups) -> {
                units.add(unitOf(rollups.metadata()));
                series.add(Quantization.fromRollups(dimensions(rollups.tags(), rollups.metadata()), rollups, interval, rollup));
            });
        } else {
            long resolution = rollup == Rollup.AVG ? interval : 0;
            store.read(selector, aligned, resolution, context.maxInputSeries(), (SeriesPoints points) -> {
                units.add(unitOf(points.metadata()));
                series.add(Quantization.quantize(dimensions(points.tags(), points.metadata()), points.timestamps(), points.values(), interval, rollup));
            });
        }
        series.removeIf(one -> one.size() == 0);
        return series;
    }

    /**
     * Quantizes and aggregates in one pass when an aggregate directly follows the selector: each series read is
     * quantized into reused arrays and folded into its group's primitive arrays on the bucket grid of the range, so
     * no {@link MetricSeries} (nor its dimension map) is built per input series and the store may reuse its buffers
     * ({@link MetricStore#visit}). Same answer as {@link #read} followed by {@link SeriesAggregator#aggregate}.
     * Null when the grid would exceed {@link Quantization#MAX_BUCKETS} (an API quantization can ask for that); the
     * caller then takes the general path.
     */
    private List<MetricSeries> readAggregated(SeriesSelector selector, TimeRange readRange, long interval, Rollup rollup,
            MetricsOperator.Aggregate aggregate, Set<String> units) {
        long alignedStart = Math.floorDiv(readRange.fromMillis(), interval) * interval;
        long slots = (readRange.toMillis() - alignedStart + interval - 1) / interval;
        if (slots <= 0 || slots > Quantization.MAX_BUCKETS) {
            return null;
        }
        TimeRange aligned = new TimeRange(alignedStart, readRange.toMillis());
        SeriesAggregator.Accumulation accumulation = new SeriesAggregator.Accumulation(aggregate, (int) slots);
        QuantizedBuffer buffer = new QuantizedBuffer();
        long rollupMillis = store.rollupMillis();
        if (rollupMillis > 0 && rollup != Rollup.RATE && interval % rollupMillis == 0) {
            store.readRollups(selector, aligned, context.maxInputSeries(), (SeriesRollups rollups) -> {
                units.add(unitOf(rollups.metadata()));
                buffer.ensure(rollups.bucketStarts().length);
                int size = Quantization.fromRollupsInto(rollups, interval, rollup, buffer.timestamps, buffer.values);
                buffer.fold(accumulation, dimensions(rollups.tags(), rollups.metadata()), size, alignedStart, interval, (int) slots);
            });
        } else {
            store.visit(selector, aligned, context.maxInputSeries(), (tags, metadata, timestamps, values, length) -> {
                units.add(unitOf(metadata));
                buffer.ensure(length);
                int size = Quantization.quantizeInto(timestamps, values, length, interval, rollup, buffer.timestamps, buffer.values);
                buffer.fold(accumulation, dimensions(tags, metadata), size, alignedStart, interval, (int) slots);
            });
        }
        return accumulation.finish(slot -> alignedStart + slot * interval);
    }

    /** One series' quantized points, reused from series to series by {@link #readAggregated}. */
    private static final class QuantizedBuffer {
        long[] timestamps = new long[0];
        double[] values = new double[0];

        void ensure(int capacity) {
            if (capacity > timestamps.length) {
                timestamps = new long[capacity];
                values = new double[capacity];
            }
        }

        void fold(SeriesAggregator.Accumulation accumulation, Map<String, String> dimensions, int size, long gridStart, long interval, int slots) {
            if (size == 0) {
                return;
            }
            SeriesAggregator.Group group = accumulation.group(dimensions);
            for (int point = 0; point < size; point++) {
                long slot = (timestamps[point] - gridStart) / interval;
                if (slot < 0 || slot >= slots) {
                    throw new LoupeException(ErrorCode.INTERNAL, "a quantized point at " + timestamps[point] + " lies outside the grid from "
                            + gridStart + " by " + interval + " (" + slots + " buckets)");
                }
                accumulation.add(group, (int) slot, values[point]);
            }
        }
    }

    private static Map<String, String> dimensions(Map<String, String> tags, Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return tags;
        }
        Map<String, String> dimensions = new LinkedHashMap<>(metadata);
        dimensions.putAll(tags);
        return dimensions;
    }

    private Pipeline rowExpressionSource(MetricsQuery.RowExpressionSource source, List<MetricsOperator> operators, long readShift) {
        Set<String> references = new LinkedHashSet<>();
        collectReferences(source.expression(), references);
        Map<String, List<MetricSeries>> rows = new LinkedHashMap<>();
        long interval = 0;
        Rollup rollup = null;
        Set<String> units = new HashSet<>();
        for (String reference : references) {
            if (!parsed.containsKey(reference)) {
                throw new LoupeException(ErrorCode.INVALID_INPUT, "the query refers to row #" + reference + ", which is not in the query", source.span());
            }
            RowOutput output = evaluateRow(reference, readShift);
            rows.put(reference, output.series());
            units.add(output.unit());
            interval = Math.max(interval, output.quantizationMillis());
            rollup = rollup == null ? output.rollup() : rollup;
        }
        List<MetricSeries> series = RowJoin.join(source, rows, context.maxOutputSeries());
        return new Pipeline(new ArrayList<>(series), interval == 0 ? Quantization.automaticInterval(context.range().lengthMillis()) : interval,
                rollup == null ? Rollup.AVG : rollup, operators, units);
    }

    private static void collectReferences(Expression expression, Set<String> references) {
        switch (expression) {
            case Expression.RowReference reference -> references.add(reference.rowId());
            case Expression.Negate negate -> collectReferences(negate.operand(), references);
            case Expression.Not not -> collectReferences(not.operand(), references);
            case Expression.Binary binary -> {
                collectReferences(binary.left(), references);
                collectReferences(binary.right(), references);
            }
            case Expression.FunctionCall call -> call.arguments().forEach(argument -> collectReferences(argument, references));
            case Expression.NumberLiteral literal -> { }
            case Expression.PointValue point -> { }
            case Expression.Granularity granularity -> { }
            case Expression.SeriesReducer reducer -> { }
        }
    }

    /** The series of a row between operators, and the state the operators read. */
    private static final class Pipeline {
        List<MetricSeries> series;
        long interval;
        final Rollup rollup;
        final List<MetricsOperator> operators;
        /** The units of the series read (empty string for a series without one). */
        final Set<String> units;
        boolean ordered;

        Pipeline(List<MetricSeries> series, long interval, Rollup rollup, List<MetricsOperator> operators, Set<String> units) {
            this.units = units;
            this.series = series;
            this.interval = interval;
            this.rollup = rollup;
            this.operators = operators;
        }

        void run(TimeRange readRange) {
            long rangeStart = readRange.fromMillis();
            long rangeEnd = readRange.toMillis();
            for (MetricsOperator operator : operators) {
                switch (operator) {
                    case MetricsOperator.Quantize quantize -> {
                        if (quantize.intervalMillis() > 0) {
                            interval = Quantization.limitBuckets(quantize.intervalMillis(), rangeEnd - rangeStart);
                            series = map(one -> Quantization.quantize(one.dimensions(), one.timestamps(), one.values(), interval, Rollup.AVG));
                        }
                    }
                    case MetricsOperator.Aggregate aggregate -> {
                        series = SeriesAggregator.aggregate(series, aggregate);
                        ordered = false;
                    }
                    case MetricsOperator.Rate rate -> series = map(one -> SeriesTransforms.rate(one, rate.mode(), rate.overMillis()));
                    case MetricsOperator.Delta delta -> series = map(one -> SeriesTransforms.delta(one, delta.mode()));
                    case MetricsOperator.Accumulate accumulate -> series = map(SeriesTransforms::accumulate);
                    case MetricsOperator.Eval eval -> series = map(one -> SeriesTransforms.eval(one, eval.expression(), interval));
                    case MetricsOperator.Where where -> series = where(where);
                    case MetricsOperator.Rank rank -> {
                        series = SeriesRanking.rank(series, rank, interval);
                        ordered = true;
                    }
                    case MetricsOperator.Sort sort -> {
                        series = SeriesRanking.sort(series, sort, interval);
                        ordered = true;
                    }
                    case MetricsOperator.FillMissing fill -> {
                        long start = rangeStart;
                        long end = rangeEnd;
                        series = map(one -> SeriesTransforms.fillMissing(one, fill, interval, start, end));
                    }
                    case MetricsOperator.Timeshift timeshift -> {
                        series = map(one -> SeriesTransforms.shift(one, timeshift.millis()));
                        rangeStart += timeshift.millis();
                        rangeEnd += timeshift.millis();
                    }
                    case MetricsOperator.Outlier outlier -> {
                        List<MetricSeries> output = new ArrayList<>();
                        for (MetricSeries one : series) {
                            output.addAll(SeriesTransforms.outlier(one, outlier));
                        }
                        series = output;
                    }
                    case MetricsOperator.MovingAverage average -> series = map(one -> SeriesTransforms.movingAverage(one, average.alpha()));
                    case MetricsOperator.Predict predict -> {
                        series = SeriesPrediction.predict(series, predict, interval);
                        ordered = true;
                    }
                    case MetricsOperator.HistogramQuantile histogram -> {
                        series = HistogramQuantile.apply(series, histogram.quantile());
                        ordered = false;
                    }
                    case MetricsOperator.Parse parse -> {
                        Pattern pattern = SeriesTransforms.parsePattern(parse.pattern());
                        series = map(one -> SeriesTransforms.parse(one, parse, pattern));
                    }
                }
            }
            series.removeIf(one -> one.size() == 0);
            if (!ordered) {
                series.sort(Comparator.comparing(one -> one.dimensions().toString()));
            }
        }

        private List<MetricSeries> map(UnaryOperator<MetricSeries> transform) {
            List<MetricSeries> output = new ArrayList<>(series.size());
            for (MetricSeries one : series) {
                output.add(transform.apply(one));
            }
            return output;
        }

        private List<MetricSeries> where(MetricsOperator.Where where) {
            boolean pointFilter = where.qualifier() == null && ExpressionEvaluator.usesPointValue(where.condition());
            List<MetricSeries> output = new ArrayList<>(series.size());
            for (MetricSeries one : series) {
                if (pointFilter) {
                    MetricSeries kept = SeriesTransforms.wherePoints(one, where.condition(), interval);
                    if (kept != null) {
                        output.add(kept);
                    }
                } else if (SeriesTransforms.keepSeries(one, where.condition(), where.qualifier(), interval)) {
                    output.add(one);
                }
            }
            return output;
        }
    }
}
