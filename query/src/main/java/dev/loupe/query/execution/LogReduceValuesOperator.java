package dev.loupe.query.execution;

import dev.loupe.query.plan.AnalyticsNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code logreduce values on f1, f2}: clusters rows by the text of the listed fields (rows where all are null are
 * skipped) and emits the clusters most common first (ties by values), at most {@code limit}, with
 * {@code _signature_id} the {@link Signatures} id of the values joined with {@code ", "}.
 */
final class LogReduceValuesOperator implements RowOperator {
    private final AnalyticsNode.LogReduceValues spec;
    private final int slotCount;
    private final RowOperator downstream;
    private final Signatures signatures = new Signatures();
    private final Map<KeyTuple, long[]> counts = new HashMap<>();

    LogReduceValuesOperator(AnalyticsNode.LogReduceValues spec, int slotCount, RowOperator downstream) {
        this.spec = spec;
        this.slotCount = slotCount;
        this.downstream = downstream;
    }

    @Override
    public boolean addInput(Row row) {
        KeyTuple key = KeyTuple.textOf(row.values, spec.slots());
        for (Object value : key.values()) {
            if (value != null) {
                counts.computeIfAbsent(key, unused -> new long[1])[0]++;
                return true;
            }
        }
        return true;
    }

    @Override
    public void finish() {
        List<KeyTuple> keys = new ArrayList<>(counts.keySet());
        keys.sort(Comparator.comparingLong((KeyTuple key) -> counts.get(key)[0]).reversed()
                .thenComparing(LogReduceValuesOperator::joined));
        for (int index = 0; index < keys.size() && index < spec.limit(); index++) {
            KeyTuple key = keys.get(index);
            Object[] values = new Object[slotCount];
            for (int field = 0; field < spec.slots().length; field++) {
                values[spec.slots()[field]] = key.values()[field];
            }
            values[spec.idSlot()] = signatures.id(joined(key));
            values[spec.countSlot()] = counts.get(key)[0];
            if (!downstream.addInput(new Row(values, null))) {
                break;
            }
        }
        downstream.finish();
    }

    private static String joined(KeyTuple key) {
        StringBuilder text = new StringBuilder();
        for (Object value : key.values()) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(value == null ? "" : value);
        }
        return text.toString();
    }
}
