package dev.loupe.query.execution;

import dev.loupe.core.TimeRange;
import dev.loupe.query.plan.AnalyticsNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code logcompare timeshift -D}: counts the {@link Signatures} of this run (the target) and of the plan's steps
 * before it re-run over the range shifted back by D (the baseline, through {@link SeriesContext#runner()}), then
 * emits one record per signature of either run.
 *
 * <p>With shares {@code t = count / target total} and {@code b = baseline count / baseline total} (0 for an empty
 * run): {@code _deltaPercentage = 100 (t - b)} rounded to 2 decimals, {@code _anomalyScore = 10 |t - b| / max(t, b)}
 * rounded to 2 decimals (10 for a signature in one run only), {@code _isNew} when the baseline never had it.
 * Records are sorted by anomaly score, then count, descending, then by signature.
 */
final class LogCompareOperator implements RowOperator {
    private final AnalyticsNode.LogCompare spec;
    private final SeriesContext context;
    private final RowOperator downstream;
    private final Map<String, long[]> target = new LinkedHashMap<>();

    LogCompareOperator(AnalyticsNode.LogCompare spec, SeriesContext context, RowOperator downstream) {
        this.spec = spec;
        this.context = context;
        this.downstream = downstream;
    }

    @Override
    public boolean addInput(Row row) {
        count(target, row);
        return true;
    }

    private void count(Map<String, long[]> counts, Row row) {
        String template = Signatures.template(Values.toText(row.values[spec.inputSlot()]));
        if (template != null) {
            counts.computeIfAbsent(template, unused -> new long[1])[0]++;
        }
    }

    @Override
    public void finish() {
        TimeRange range = context.range();
        TimeRange shifted = new TimeRange(range.fromMillis() - spec.shiftMillis(), range.toMillis() - spec.shiftMillis());
        Map<String, long[]> baseline = new LinkedHashMap<>();
        for (Row row : context.runner().run(spec.prefixNodeCount(), shifted)) {
            count(baseline, row);
        }
        double targetTotal = total(target);
        double baselineTotal = total(baseline);
        TreeSet<String> templates = new TreeSet<>(target.keySet());
        templates.addAll(baseline.keySet());
        Signatures signatures = new Signatures();
        List<Object[]> records = new ArrayList<>();
        int[] outputs = spec.outputSlots();
        for (String template : templates) {
            long count = target.containsKey(template) ? target.get(template)[0] : 0;
            long before = baseline.containsKey(template) ? baseline.get(template)[0] : 0;
            double targetShare = targetTotal == 0 ? 0 : count / targetTotal;
            double baselineShare = baselineTotal == 0 ? 0 : before / baselineTotal;
            double largest = Math.max(targetShare, baselineShare);
            Object[] values = new Object[context.slotCount()];
            values[outputs[0]] = template;
            values[outputs[1]] = signatures.id(template);
            values[outputs[2]] = count;
            values[outputs[3]] = before;
            values[outputs[4]] = round(100 * (targetShare - baselineShare));
            values[outputs[5]] = largest == 0 ? 0.0 : round(10 * Math.abs(targetShare - baselineShare) / largest);
            values[outputs[6]] = before == 0;
            records.add(values);
        }
        records.sort(Comparator.comparingDouble((Object[] values) -> (Double) values[outputs[5]]).reversed()
                .thenComparing(Comparator.comparingLong((Object[] values) -> (Long) values[outputs[2]]).reversed())
                .thenComparing(values -> (String) values[outputs[0]]));
        for (Object[] values : records) {
            if (!downstream.addInput(new Row(values, null))) {
                break;
            }
        }
        downstream.finish();
    }

    private static double total(Map<String, long[]> counts) {
        long total = 0;
        for (long[] count : counts.values()) {
            total += count[0];
        }
        return total;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
