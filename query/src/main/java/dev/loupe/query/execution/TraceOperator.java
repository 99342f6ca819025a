package dev.loupe.query.execution;

import dev.loupe.query.plan.AnalyticsNode;
import dev.loupe.query.plan.FieldLayout;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * {@code trace [+|-] "regex(capture)" "start"}: buffers the rows and keeps those chained to the start value.
 *
 * <p>The known values start as {@code {start}}. Repeatedly, every row not yet kept whose {@code _raw} contains a
 * known value (case-sensitive) is kept, and every value the regex's first group captures in it becomes known,
 * until nothing changes. {@code +} only considers rows at or after the first row containing the start value,
 * {@code -} only rows at or before it; without a direction, all rows. Kept rows pass on in input order.
 */
final class TraceOperator implements RowOperator {
    private final AnalyticsNode.Trace spec;
    private final RowOperator downstream;
    private final RowBuffer rows;

    TraceOperator(AnalyticsNode.Trace spec, QueryGuard guard, RowOperator downstream) {
        this.spec = spec;
        this.downstream = downstream;
        this.rows = new RowBuffer(guard, "trace");
    }

    @Override
    public boolean addInput(Row row) {
        rows.add(row);
        return true;
    }

    @Override
    public void finish() {
        boolean[] eligible = eligible();
        boolean[] kept = new boolean[rows.size()];
        Set<String> known = new LinkedHashSet<>();
        known.add(spec.startValue());
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int index = 0; index < rows.size(); index++) {
                String raw = raw(rows.get(index));
                if (kept[index] || !eligible[index] || raw == null || !containsAny(raw, known)) {
                    continue;
                }
                kept[index] = true;
                changed = true;
                Matcher matcher = spec.pattern().matcher(raw);
                while (matcher.find()) {
                    if (matcher.group(1) != null && !matcher.group(1).isEmpty()) {
                        known.add(matcher.group(1));
                    }
                }
            }
        }
        for (int index = 0; index < rows.size(); index++) {
            if (kept[index] && !downstream.addInput(rows.get(index))) {
                break;
            }
        }
        rows.clear();
        downstream.finish();
    }

    private boolean[] eligible() {
        boolean[] eligible = new boolean[rows.size()];
        long startTime = Long.MAX_VALUE;
        for (Row row : rows) {
            String raw = raw(row);
            if (raw != null && raw.contains(spec.startValue())) {
                startTime = Math.min(startTime, time(row));
            }
        }
        for (int index = 0; index < eligible.length; index++) {
            long time = time(rows.get(index));
            eligible[index] = switch (spec.direction()) {
                case BOTH -> true;
                case FORWARD -> time >= startTime;
                case BACKWARD -> startTime != Long.MAX_VALUE && time <= startTime;
            };
        }
        return eligible;
    }

    private static boolean containsAny(String raw, Set<String> values) {
        for (String value : values) {
            if (raw.contains(value)) {
                return true;
            }
        }
        return false;
    }

    private static String raw(Row row) {
        return Values.toText(row.values[FieldLayout.RAW]);
    }

    private static long time(Row row) {
        return row.values[FieldLayout.MESSAGE_TIME] instanceof Long time ? time : 0L;
    }
}
