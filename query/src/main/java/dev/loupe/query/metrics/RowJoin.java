package dev.loupe.query.metrics;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.SourceSpan;
import dev.loupe.store.spi.metrics.MetricSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Row expressions (spec §4.5): {@code #A + #B [along f...] [as name]}. Each distinct row referenced is one operand;
 * every combination of one series per operand is evaluated (a cross join), or only combinations agreeing on the
 * {@code along} dimensions (values compared ignoring case). A combination has a point at each timestamp where all
 * its series have one. The result's dimensions are the union of the combined series' dimensions minus those whose
 * values disagree, and {@code metric} is the {@code as} name when given.
 */
final class RowJoin {
    private RowJoin() {}

    static List<MetricSeries> join(MetricsQuery.RowExpressionSource source, Map<String, List<MetricSeries>> rows, int maxOutputSeries) {
        List<String> rowIds = new ArrayList<>(rows.keySet());
        List<Map<String, List<MetricSeries>>> byKey = new ArrayList<>();
        for (String rowId : rowIds) {
            Map<String, List<MetricSeries>> groups = new LinkedHashMap<>();
            for (MetricSeries series : rows.get(rowId)) {
                StringBuilder key = new StringBuilder();
                for (String along : source.along()) {
                    String value = SeriesAggregator.valueOf(series, along);
                    key.append(value == null ? "\u0000" : value.toLowerCase(Locale.ROOT)).append('\u0001');
                }
                groups.computeIfAbsent(key.toString(), ignored -> new ArrayList<>()).add(series);
            }
            byKey.add(groups);
        }
        List<MetricSeries> output = new ArrayList<>();
        if (rowIds.isEmpty()) {
            return output;
        }
        for (Map.Entry<String, List<MetricSeries>> first : byKey.getFirst().entrySet()) {
            List<List<MetricSeries>> candidates = new ArrayList<>();
            boolean everyRow = true;
            for (Map<String, List<MetricSeries>> groups : byKey) {
                List<MetricSeries> group = groups.get(first.getKey());
                if (group == null) {
                    everyRow = false;
                    break;
                }
                candidates.add(group);
            }
            if (everyRow) {
                combine(source, rowIds, candidates, new MetricSeries[rowIds.size()], 0, output, maxOutputSeries);
            }
        }
        return output;
    }

    private static void combine(MetricsQuery.RowExpressionSource source, List<String> rowIds, List<List<MetricSeries>> candidates,
            MetricSeries[] chosen, int depth, List<MetricSeries> output, int maxOutputSeries) {
        if (depth == chosen.length) {
            MetricSeries result = evaluate(source, rowIds, chosen);
            if (result.size() > 0) {
                if (output.size() == maxOutputSeries) {
                    throw new LoupeException(ErrorCode.QUERY_LIMIT_EXCEEDED, "the row expression produces more than " + maxOutputSeries
                            + " series; join with 'along' on shared dimensions", source.span());
                }
                output.add(result);
            }
            return;
        }
        for (MetricSeries series : candidates.get(depth)) {
            chosen[depth] = series;
            combine(source, rowIds, candidates, chosen, depth + 1, output, maxOutputSeries);
        }
    }

    private static MetricSeries evaluate(MetricsQuery.RowExpressionSource source, List<String> rowIds, MetricSeries[] chosen) {
        int[] positions = new int[chosen.length];
        double[] current = new double[chosen.length];
        int capacity = Integer.MAX_VALUE;
        for (MetricSeries series : chosen) {
            capacity = Math.min(capacity, series.size());
        }
        long[] timestamps = new long[capacity];
        double[] values = new double[capacity];
        int size = 0;
        MetricSeries lead = chosen[0];
        for (int leadIndex = 0; leadIndex < lead.size(); leadIndex++) {
            long timestamp = lead.timestamps()[leadIndex];
            boolean everywhere = true;
            for (int operand = 0; operand < chosen.length; operand++) {
                long[] operandTimes = chosen[operand].timestamps();
                while (positions[operand] < operandTimes.length && operandTimes[positions[operand]] < timestamp) {
                    positions[operand]++;
                }
                if (positions[operand] >= operandTimes.length || operandTimes[positions[operand]] != timestamp) {
                    everywhere = false;
                    break;
                }
                current[operand] = chosen[operand].values()[positions[operand]];
            }
            if (!everywhere) {
                continue;
            }
            double value = evaluate(source.expression(), rowIds, current);
            if (!Double.isNaN(value) && !Double.isInfinite(value)) {
                timestamps[size] = timestamp;
                values[size] = value;
                size++;
            }
        }
        return new MetricSeries(dimensions(chosen, source.alias()), Arrays.copyOf(timestamps, size), Arrays.copyOf(values, size));
    }

    private static double evaluate(Expression expression, List<String> rowIds, double[] current) {
        return switch (expression) {
            case Expression.NumberLiteral literal -> literal.value();
            case Expression.RowReference reference -> current[rowIds.indexOf(reference.rowId())];
            case Expression.Negate negate -> -evaluate(negate.operand(), rowIds, current);
            case Expression.Not not -> ExpressionEvaluator.truth(evaluate(not.operand(), rowIds, current)) ? 0 : 1;
            case Expression.Binary binary -> ExpressionEvaluator.binary(binary.operator(),
                    evaluate(binary.left(), rowIds, current), evaluate(binary.right(), rowIds, current));
            case Expression.FunctionCall call -> ExpressionEvaluator.call(call.function(), evaluate(call.arguments().getFirst(), rowIds, current),
                    call.arguments().size() > 1 ? evaluate(call.arguments().get(1), rowIds, current) : Double.NaN);
            case Expression.PointValue point -> throw invalid(point.span());
            case Expression.Granularity granularity -> throw invalid(granularity.span());
            case Expression.SeriesReducer reducer -> throw invalid(reducer.span());
        };
    }

    private static LoupeException invalid(SourceSpan span) {
        return new LoupeException(ErrorCode.QUERY_INVALID,
                "a row expression combines rows (#A, #B), numbers and math functions; _value, _granularity and reducers belong in eval", span);
    }

    private static Map<String, String> dimensions(MetricSeries[] chosen, String alias) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        List<String> conflicting = new ArrayList<>();
        for (MetricSeries series : chosen) {
            for (Map.Entry<String, String> entry : series.dimensions().entrySet()) {
                String existing = SeriesAggregator.valueOfKey(dimensions, entry.getKey());
                if (existing == null) {
                    dimensions.put(entry.getKey(), entry.getValue());
                } else if (!existing.equalsIgnoreCase(entry.getValue())) {
                    conflicting.add(entry.getKey().toLowerCase(Locale.ROOT));
                }
            }
        }
        dimensions.keySet().removeIf(key -> conflicting.contains(key.toLowerCase(Locale.ROOT)));
        if (alias != null) {
            dimensions.keySet().removeIf(key -> key.equalsIgnoreCase(MetricSample.METRIC));
            dimensions.put(MetricSample.METRIC, alias);
        }
        return dimensions;
    }
}
