package dev.loupe.query.execution;

import dev.loupe.query.plan.FieldLayout;
import dev.loupe.query.plan.PlanNode;
import dev.loupe.query.plan.QueryPlan;
import dev.loupe.query.plan.SeriesNode;
import dev.loupe.store.spi.ScanProjection;
import java.util.BitSet;

/**
 * Decides what of each message a plan reads, so the store can leave the rest out ({@link ScanProjection}). Only
 * the first aggregate's input matters for a records plan: what follows it sees groups, not messages. The answer is
 * {@link ScanProjection#TIMES_ONLY} when every step up to and including the first aggregate is a {@code timeslice}
 * or that aggregate, and they read only the two times and the timeslices, as in
 * {@code error | timeslice 1m | count by _timeslice}; anything else reads whole messages. Stateless.
 */
final class ScanProjections {
    private ScanProjections() {}

    /**
     * @param keepMatchedMessages whether the executor keeps the messages that reach the first aggregate (they are
     *     shown whole, so they must be read whole)
     */
    static ScanProjection of(QueryPlan plan, boolean keepMatchedMessages) {
        int aggregateIndex = plan.firstAggregateIndex();
        if (!plan.records() || keepMatchedMessages || aggregateIndex < 0) {
            return ScanProjection.WHOLE_MESSAGE;
        }
        BitSet readable = new BitSet();
        readable.set(FieldLayout.MESSAGE_TIME);
        readable.set(FieldLayout.RECEIPT_TIME);
        for (int index = 0; index <= aggregateIndex; index++) {
            PlanNode node = plan.nodes().get(index);
            if (node instanceof PlanNode.Series(SeriesNode.Timeslice timeslice) && index < aggregateIndex) {
                readable.set(timeslice.outputSlot());
            } else if (node instanceof PlanNode.Aggregate aggregate && index == aggregateIndex) {
                if (!readsOnly(aggregate, readable)) {
                    return ScanProjection.WHOLE_MESSAGE;
                }
            } else {
                return ScanProjection.WHOLE_MESSAGE;
            }
        }
        return ScanProjection.TIMES_ONLY;
    }

    private static boolean readsOnly(PlanNode.Aggregate aggregate, BitSet readable) {
        for (int slot : aggregate.groupSlots()) {
            if (!readable.get(slot)) {
                return false;
            }
        }
        for (PlanNode.AggregateSpec spec : aggregate.aggregates()) {
            if (spec.inputSlot() >= 0 && !readable.get(spec.inputSlot())) {
                return false;
            }
        }
        return true;
    }
}
