package dev.loupe.query.execution;

import dev.loupe.query.plan.AnalyticsNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code logexplain <test> [against <control>] on f1, f2}: finds the field values that set the test rows apart.
 *
 * <p>Each row is a test row when {@code test} is true, else a control row when {@code control} is true (no
 * {@code control}: every other row). For every listed field and every value it takes in a test row, the
 * explanation {@code f=value} has {@code _test_coverage} = share of test rows with that value,
 * {@code _control_coverage} = share of control rows with it (0 without control rows) and
 * {@code _relevance = _test_coverage - _control_coverage}, all rounded to 4 decimals. Explanations with a positive
 * relevance are emitted, most relevant first, ties by test coverage then explanation text.
 */
final class LogExplainOperator implements RowOperator {
    private final AnalyticsNode.LogExplain spec;
    private final ExpressionEvaluator evaluator;
    private final int slotCount;
    private final RowOperator downstream;
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private long testRows;
    private long controlRows;

    LogExplainOperator(AnalyticsNode.LogExplain spec, ExpressionEvaluator evaluator, int slotCount,
            RowOperator downstream) {
        this.spec = spec;
        this.evaluator = evaluator;
        this.slotCount = slotCount;
        this.downstream = downstream;
    }

    @Override
    public boolean addInput(Row row) {
        int side;
        try {
            if (evaluator.test(spec.test(), row.values)) {
                side = 0;
            } else if (spec.control() == null || evaluator.test(spec.control(), row.values)) {
                side = 1;
            } else {
                return true;
            }
        } catch (RowDropped dropped) {
            return true;
        }
        if (side == 0) {
            testRows++;
        } else {
            controlRows++;
        }
        for (int field = 0; field < spec.fieldSlots().length; field++) {
            String value = Values.toText(row.values[spec.fieldSlots()[field]]);
            if (value != null) {
                String explanation = spec.fieldNames().get(field) + "=" + value;
                long[] count = counts.get(explanation);
                if (count == null && side == 0) {
                    count = new long[2];
                    counts.put(explanation, count);
                }
                if (count != null) {
                    count[side]++;
                }
            }
        }
        return true;
    }

    @Override
    public void finish() {
        List<Object[]> records = new ArrayList<>();
        int[] outputs = spec.outputSlots();
        for (Map.Entry<String, long[]> entry : counts.entrySet()) {
            double testCoverage = round((double) entry.getValue()[0] / testRows);
            double controlCoverage = controlRows == 0 ? 0 : round((double) entry.getValue()[1] / controlRows);
            double relevance = round(testCoverage - controlCoverage);
            if (relevance > 0) {
                Object[] values = new Object[slotCount];
                values[outputs[0]] = entry.getKey();
                values[outputs[1]] = relevance;
                values[outputs[2]] = testCoverage;
                values[outputs[3]] = controlCoverage;
                records.add(values);
            }
        }
        records.sort(Comparator.comparingDouble((Object[] values) -> (Double) values[outputs[1]]).reversed()
                .thenComparing(Comparator.comparingDouble((Object[] values) -> (Double) values[outputs[2]]).reversed())
                .thenComparing(values -> (String) values[outputs[0]]));
        for (Object[] values : records) {
            if (!downstream.addInput(new Row(values, null))) {
                break;
            }
        }
        downstream.finish();
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
