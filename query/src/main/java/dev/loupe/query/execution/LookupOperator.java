package dev.loupe.query.execution;

import dev.loupe.query.plan.EnrichNode;
import java.util.ArrayList;
import java.util.List;

/** {@code lookup}: joins each row with at most one table row by key, ignoring case; a miss writes nulls. */
final class LookupOperator implements RowOperator {
    private final EnrichNode.Lookup node;
    private final RowOperator downstream;

    LookupOperator(EnrichNode.Lookup node, RowOperator downstream) {
        this.node = node;
        this.downstream = downstream;
    }

    @Override
    public boolean addInput(Row row) {
        Object[] values = row.values;
        int[] keySlots = node.keySlots();
        List<String> key = new ArrayList<>(keySlots.length);
        for (int keySlot : keySlots) {
            String value = Values.toText(values[keySlot]);
            if (value == null) {
                key = null;
                break;
            }
            key.add(value);
        }
        List<String> match = key == null ? null : node.table().get(key);
        int[] columns = node.columnIndexes();
        int[] outputs = node.outputSlots();
        for (int index = 0; index < outputs.length; index++) {
            values[outputs[index]] = match == null ? null : match.get(columns[index]);
        }
        return downstream.addInput(row);
    }

    @Override
    public void finish() {
        downstream.finish();
    }
}
