package dev.loupe.query.execution;

import dev.loupe.query.plan.PlanNode;

/** {@code json}: extracts key paths from a JSON field into slots; missing keys or invalid JSON fail the row. */
final class JsonExtractOperator implements RowOperator {
    private final PlanNode.JsonExtract node;
    private final RowOperator downstream;
    /* The paths as a key tree when they are plain keys: the document is then parsed selectively. */
    private final JsonDocument.KeyTree wanted;

    JsonExtractOperator(PlanNode.JsonExtract node, RowOperator downstream) {
        this.node = node;
        this.downstream = downstream;
        this.wanted = JsonDocument.KeyTree.of(node.paths());
    }

    @Override
    public boolean addInput(Row row) {
        Object[] values = row.values;
        int[] outputs = node.outputSlots();
        String input = Values.toText(values[node.inputSlot()]);
        Object document = input == null ? null : JsonDocument.parse(input, wanted);
        boolean matched = document != null;
        for (int index = 0; index < outputs.length; index++) {
            Object selected = document == null ? JsonDocument.MISSING
                    : JsonDocument.select(document, node.paths().get(index));
            if (selected == JsonDocument.MISSING) {
                matched = false;
                values[outputs[index]] = null;
            } else {
                values[outputs[index]] = JsonDocument.toFieldValue(selected);
            }
        }
        if (!row.settleParse(matched, node.nodrop(), node.inheritsRun())) {
            return true;
        }
        return downstream.addInput(row);
    }

    @Override
    public void finish() {
        downstream.finish();
    }
}
