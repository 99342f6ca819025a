package dev.loupe.query.execution;

import dev.loupe.query.plan.FieldLayout;
import dev.loupe.query.plan.SeriesNode;

/** {@code timeslice}: writes the start of the row's {@link TimeBuckets} bucket (a Long); null without a time. */
final class TimesliceOperator implements RowOperator {
    private final TimeBuckets buckets;
    private final long rangeStart;
    private final int outputSlot;
    private final RowOperator downstream;

    TimesliceOperator(SeriesNode.Timeslice node, SeriesContext context, RowOperator downstream) {
        this.buckets = TimeBuckets.of(node.size(), context.range(), context.zone());
        this.rangeStart = context.range().fromMillis();
        this.outputSlot = node.outputSlot();
        this.downstream = downstream;
    }

    @Override
    public boolean addInput(Row row) {
        row.values[outputSlot] = row.values[FieldLayout.MESSAGE_TIME] instanceof Long time
                ? buckets.start(time, rangeStart) : null;
        return downstream.addInput(row);
    }

    @Override
    public void finish() {
        downstream.finish();
    }
}
