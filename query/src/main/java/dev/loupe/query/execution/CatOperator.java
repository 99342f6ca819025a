package dev.loupe.query.execution;

import dev.loupe.query.plan.CompositeNode;
import java.util.List;

/** {@code cat} (spec §2.8): ignores its input (asking for none) and emits the lookup table's rows as records. */
final class CatOperator implements RowOperator {
    private final CompositeNode.Cat cat;
    private final int slotCount;
    private final RowOperator downstream;

    CatOperator(CompositeNode.Cat cat, int slotCount, RowOperator downstream) {
        this.cat = cat;
        this.slotCount = slotCount;
        this.downstream = downstream;
    }

    @Override
    public boolean addInput(Row row) {
        return false;
    }

    @Override
    public void finish() {
        for (List<String> tableRow : cat.rows()) {
            Object[] values = new Object[slotCount];
            for (int column = 0; column < cat.outputSlots().length; column++) {
                values[cat.outputSlots()[column]] = tableRow.get(column);
            }
            if (!downstream.addInput(new Row(values, null))) {
                break;
            }
        }
        downstream.finish();
    }
}
