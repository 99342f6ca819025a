package dev.loupe.query.execution;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.plan.PlanNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code sort}: buffers every row, then emits them ordered by the keys. Stable; nulls last in either direction;
 * numbers numerically, other values as case-sensitive text.
 */
final class SortOperator implements RowOperator {
    /** Rows a sort may buffer before the query fails. */
    static final int MAX_ROWS = 1_000_000;

    private final RowOperator downstream;
    private final Comparator<Row> comparator;
    private final List<Row> rows = new ArrayList<>();
    private final QueryGuard guard;
    private long reservedBytes;

    SortOperator(PlanNode.Sort node, RowOperator downstream, QueryGuard guard) {
        this.downstream = downstream;
        this.guard = guard;
        List<PlanNode.SortSpec> keys = node.keys();
        int[] slots = new int[keys.size()];
        boolean[] ascending = new boolean[keys.size()];
        for (int index = 0; index < slots.length; index++) {
            slots[index] = keys.get(index).slot();
            ascending[index] = keys.get(index).ascending();
        }
        this.comparator = (left, right) -> {
            for (int index = 0; index < slots.length; index++) {
                Object leftValue = left.values[slots[index]];
                Object rightValue = right.values[slots[index]];
                if (leftValue == null || rightValue == null) {
                    if (leftValue != rightValue) {
                        return leftValue == null ? 1 : -1;
                    }
                    continue;
                }
                int comparison = Values.compareForSort(leftValue, rightValue);
                if (comparison != 0) {
                    return ascending[index] ? comparison : -comparison;
                }
            }
            return 0;
        };
    }

    @Override
    public boolean addInput(Row row) {
        if (rows.size() >= MAX_ROWS) {
            throw new LoupeException(ErrorCode.QUERY_LIMIT_EXCEEDED,
                    "sort can order at most " + MAX_ROWS + " rows; aggregate or filter first");
        }
        long bytes = RetainedSize.ofRow(row);
        reservedBytes += bytes;
        guard.reserve(bytes, QueryGuard.MemoryUse.SORTED_ROWS);
        rows.add(row);
        return true;
    }

    @Override
    public void finish() {
        rows.sort(comparator);
        for (Row row : rows) {
            if (!downstream.addInput(row)) {
                break;
            }
        }
        rows.clear();
        guard.release(reservedBytes);
        reservedBytes = 0;
        downstream.finish();
    }
}
