package dev.loupe.query.execution;

import dev.loupe.query.plan.EnrichNode;
import java.util.List;

/** {@code csv} and {@code split}: positional values of a delimited field; never drops a row. */
final class SplitOperator implements RowOperator {
    private final EnrichNode.Split node;
    private final RowOperator downstream;

    SplitOperator(EnrichNode.Split node, RowOperator downstream) {
        this.node = node;
        this.downstream = downstream;
    }

    @Override
    public boolean addInput(Row row) {
        String input = Values.toText(row.values[node.inputSlot()]);
        List<String> parts = input == null ? List.of() : node.dialect().split(input);
        int[] positions = node.positions();
        int[] outputs = node.outputSlots();
        for (int index = 0; index < outputs.length; index++) {
            row.values[outputs[index]] = positions[index] < parts.size() ? parts.get(positions[index]) : null;
        }
        return downstream.addInput(row);
    }

    @Override
    public void finish() {
        downstream.finish();
    }
}
