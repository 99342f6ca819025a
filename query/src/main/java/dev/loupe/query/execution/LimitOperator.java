package dev.loupe.query.execution;

/** {@code limit N}: passes the first N rows, then asks for no more input. */
final class LimitOperator implements RowOperator {
    private final long limit;
    private final RowOperator downstream;
    private long passed;

    LimitOperator(long limit, RowOperator downstream) {
        this.limit = limit;
        this.downstream = downstream;
    }

    @Override
    public boolean addInput(Row row) {
        if (passed >= limit) {
            return false;
        }
        passed++;
        return downstream.addInput(row) && passed < limit;
    }

    @Override
    public void finish() {
        downstream.finish();
    }
}
