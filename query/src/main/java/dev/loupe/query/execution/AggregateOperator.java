package dev.loupe.query.execution;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.ast.Operator.AggregateFunction;
import dev.loupe.query.plan.FieldLayout;
import dev.loupe.query.plan.PlanNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group-by aggregation: one accumulator set per distinct key tuple, emitted in first-seen order at
 * {@link #finish}. The output rows hold only the group keys and aggregate outputs. Fails with
 * {@code QUERY_LIMIT_EXCEEDED} past {@link #MAX_GROUPS} groups, or when the groups' estimated size passes the
 * query's memory budget ({@link QueryGuard}); {@code count_distinct} sets are accounted as they grow.
 */
final class AggregateOperator implements RowOperator {
    /** The most groups one aggregation may hold. */
    static final int MAX_GROUPS = 100_000;

    private final int[] groupSlots;
    private final List<PlanNode.AggregateSpec> specs;
    private final int slotCount;
    private final RowOperator downstream;
    private final QueryGuard guard;
    private final boolean tracksGrowth;
    private final Map<GroupKey, Accumulator[]> groups = new LinkedHashMap<>();
    private long reservedBytes;

    AggregateOperator(PlanNode.Aggregate node, int slotCount, RowOperator downstream, QueryGuard guard) {
        this.groupSlots = node.groupSlots();
        this.specs = node.aggregates();
        this.slotCount = slotCount;
        this.downstream = downstream;
        this.guard = guard;
        boolean growing = false;
        for (PlanNode.AggregateSpec spec : specs) {
            growing |= spec.function() == AggregateFunction.COUNT_DISTINCT;
        }
        this.tracksGrowth = growing;
    }

    @Override
    public boolean addInput(Row row) {
        Object[] key = new Object[groupSlots.length];
        for (int index = 0; index < key.length; index++) {
            key[index] = row.values[groupSlots[index]];
        }
        GroupKey groupKey = new GroupKey(key);
        Accumulator[] accumulators = groups.get(groupKey);
        if (accumulators == null) {
            if (groups.size() >= MAX_GROUPS) {
                throw new LoupeException(ErrorCode.QUERY_LIMIT_EXCEEDED, "the aggregation has more than "
                        + MAX_GROUPS + " groups; group by fewer or coarser fields");
            }
            accumulators = new Accumulator[specs.size()];
            long bytes = RetainedSize.MAP_ENTRY + 16 + RetainedSize.ofValues(key) + 16 + 8L * accumulators.length;
            for (int index = 0; index < accumulators.length; index++) {
                accumulators[index] = Accumulator.create(specs.get(index));
                bytes += accumulators[index].retainedBytes();
            }
            reserve(bytes);
            groups.put(groupKey, accumulators);
        }
        long before = tracksGrowth ? retained(accumulators) : 0;
        for (int index = 0; index < accumulators.length; index++) {
            int inputSlot = specs.get(index).inputSlot();
            accumulators[index].add(inputSlot < 0 ? Boolean.TRUE : row.values[inputSlot],
                    row.values[FieldLayout.MESSAGE_TIME]);
        }
        if (tracksGrowth) {
            long growth = retained(accumulators) - before;
            if (growth > 0) {
                reserve(growth);
            }
        }
        return true;
    }

    private void reserve(long bytes) {
        reservedBytes += bytes;
        guard.reserve(bytes, QueryGuard.MemoryUse.GROUPS);
    }

    private static long retained(Accumulator[] accumulators) {
        long bytes = 0;
        for (Accumulator accumulator : accumulators) {
            bytes += accumulator.retainedBytes();
        }
        return bytes;
    }

    @Override
    public void finish() {
        if (groups.isEmpty() && groupSlots.length == 0) {
            Accumulator[] empty = new Accumulator[specs.size()];
            for (int index = 0; index < empty.length; index++) {
                empty[index] = Accumulator.create(specs.get(index));
            }
            groups.put(new GroupKey(new Object[0]), empty);
        }
        for (Map.Entry<GroupKey, Accumulator[]> group : groups.entrySet()) {
            Object[] values = new Object[slotCount];
            Object[] key = group.getKey().values();
            for (int index = 0; index < key.length; index++) {
                values[groupSlots[index]] = key[index];
            }
            Accumulator[] accumulators = group.getValue();
            for (int index = 0; index < accumulators.length; index++) {
                values[specs.get(index).outputSlot()] = accumulators[index].result();
            }
            if (!downstream.addInput(new Row(values, null))) {
                break;
            }
        }
        groups.clear();
        guard.release(reservedBytes);
        reservedBytes = 0;
        downstream.finish();
    }

    /** A key tuple with value equality. */
    private record GroupKey(Object[] values) {
        @Override
        public boolean equals(Object other) {
            return other instanceof GroupKey key && Arrays.equals(values, key.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }
}
