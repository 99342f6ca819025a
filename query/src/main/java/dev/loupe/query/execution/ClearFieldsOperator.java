package dev.loupe.query.execution;

/** {@code fields}: nulls the slots a keep-list or drop-list removes. */
final class ClearFieldsOperator implements RowOperator {
    private final int[] slots;
    private final RowOperator downstream;

    ClearFieldsOperator(int[] slots, RowOperator downstream) {
        this.slots = slots;
        this.downstream = downstream;
    }

    @Override
    public boolean addInput(Row row) {
        for (int slot : slots) {
            row.values[slot] = null;
        }
        return downstream.addInput(row);
    }

    @Override
    public void finish() {
        downstream.finish();
    }
}
