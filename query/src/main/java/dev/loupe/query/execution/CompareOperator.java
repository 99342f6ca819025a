package dev.loupe.query.execution;

import dev.loupe.core.TimeRange;
import dev.loupe.query.ast.SeriesOperator.ShiftFunction;
import dev.loupe.query.plan.SeriesNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code compare with timeshift} (spec §2.7): buffers the current records, re-runs the plan's first nodes over
 * each shifted range through the {@link PipelineRunner}, and joins on the group keys (the timeslice key moved
 * forward by the shift). Keys present only in a shifted run are added as rows whose current values are null.
 * A combined series ({@code avg|min|max}) uses the periods in which the key exists; none gives null.
 */
final class CompareOperator implements RowOperator {
    private final SeriesNode.Compare node;
    private final SeriesContext context;
    private final RowOperator downstream;
    private final RowBuffer rows;

    CompareOperator(SeriesNode.Compare node, SeriesContext context, RowOperator downstream) {
        this.node = node;
        this.context = context;
        this.downstream = downstream;
        this.rows = new RowBuffer(context.guard(), "compare");
    }

    @Override
    public boolean addInput(Row row) {
        rows.add(row);
        return true;
    }

    @Override
    public void finish() {
        Map<KeyTuple, Row> current = new LinkedHashMap<>();
        int width = context.slotCount();
        for (Row row : rows) {
            current.putIfAbsent(KeyTuple.textOf(row.values, node.keySlots()), row);
            width = Math.max(width, row.values.length);
        }
        List<SeriesNode.ComparedSeries> allSeries = node.series();
        for (SeriesNode.ComparedSeries series : allSeries) {
            List<Map<KeyTuple, Row>> periods = new ArrayList<>();
            for (long offset : series.offsetsMillis()) {
                Map<KeyTuple, Row> shifted = shiftedRun(offset);
                for (Map.Entry<KeyTuple, Row> entry : shifted.entrySet()) {
                    if (!current.containsKey(entry.getKey())) {
                        Object[] values = new Object[width];
                        for (int slot : node.keySlots()) {
                            values[slot] = entry.getValue().values[slot];
                        }
                        Row added = new Row(values, null);
                        current.put(entry.getKey(), added);
                        rows.add(added);
                    }
                }
                periods.add(shifted);
            }
            for (Map.Entry<KeyTuple, Row> entry : current.entrySet()) {
                combine(series, periods, entry.getKey(), entry.getValue());
            }
        }
        for (Row row : rows) {
            if (!downstream.addInput(row)) {
                break;
            }
        }
        rows.clear();
        downstream.finish();
    }

    private Map<KeyTuple, Row> shiftedRun(long offset) {
        TimeRange range = context.range();
        TimeRange shifted = new TimeRange(range.fromMillis() - offset, range.toMillis() - offset);
        Map<KeyTuple, Row> byKey = new LinkedHashMap<>();
        for (Row row : context.runner().run(node.prefixNodeCount(), shifted)) {
            int timeslice = node.timesliceSlot();
            if (timeslice >= 0 && row.values[timeslice] instanceof Long start) {
                row.values[timeslice] = start + offset;
            }
            byKey.putIfAbsent(KeyTuple.textOf(row.values, node.keySlots()), row);
        }
        return byKey;
    }

    private void combine(SeriesNode.ComparedSeries series, List<Map<KeyTuple, Row>> periods, KeyTuple key, Row row) {
        int[] valueSlots = node.valueSlots();
        for (int index = 0; index < valueSlots.length; index++) {
            int output = series.outputSlots()[index];
            if (series.function() == ShiftFunction.NONE) {
                Row match = periods.getFirst().get(key);
                row.values[output] = match == null ? null : match.values[valueSlots[index]];
                continue;
            }
            double total = 0;
            double extreme = 0;
            int found = 0;
            for (Map<KeyTuple, Row> period : periods) {
                Row match = period.get(key);
                Number number = match == null ? null : Values.toNumber(match.values[valueSlots[index]]);
                if (number == null) {
                    continue;
                }
                double value = number.doubleValue();
                if (found == 0 || (series.function() == ShiftFunction.MIN ? value < extreme : value > extreme)) {
                    extreme = value;
                }
                total += value;
                found++;
            }
            row.values[output] = found == 0 ? null
                    : series.function() == ShiftFunction.AVG ? total / found : extreme;
        }
    }
}
