package dev.loupe.query.execution;

import dev.loupe.query.plan.SeriesNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code topk(N, f[, f2]) [by g]} (spec §2.4): per group (first-seen order) the N rows with the largest
 * {@code f}, ties broken by {@code f2} and then by input order; {@code _rank} is 1..N, distinct even for ties.
 * Values compare numerically when both are numbers (or numeric text), otherwise as text; nulls rank last.
 */
final class TopKOperator implements RowOperator {
    private final SeriesNode.TopK node;
    private final RowOperator downstream;
    private final Map<KeyTuple, List<Row>> groups = new LinkedHashMap<>();
    private final Comparator<Row> ranking;

    TopKOperator(SeriesNode.TopK node, RowOperator downstream) {
        this.node = node;
        this.downstream = downstream;
        int[] slots = node.rankSlots();
        this.ranking = (left, right) -> {
            for (int slot : slots) {
                int comparison = descending(left.values[slot], right.values[slot]);
                if (comparison != 0) {
                    return comparison;
                }
            }
            return 0;
        };
    }

    /** Orders larger values first, nulls last. */
    static int descending(Object left, Object right) {
        if (left == null || right == null) {
            return left == right ? 0 : left == null ? 1 : -1;
        }
        Number leftNumber = Values.toNumber(left);
        Number rightNumber = Values.toNumber(right);
        if (leftNumber != null && rightNumber != null) {
            return -Values.compareNumbers(leftNumber, rightNumber);
        }
        return -Values.compareForSort(left, right);
    }

    @Override
    public boolean addInput(Row row) {
        groups.computeIfAbsent(KeyTuple.of(row, node.groupSlots()), key -> new ArrayList<>()).add(row);
        return true;
    }

    @Override
    public void finish() {
        emit:
        for (List<Row> rows : groups.values()) {
            rows.sort(ranking);
            long rank = 0;
            for (Row row : rows) {
                if (++rank > node.count()) {
                    break;
                }
                row.values[node.rankOutputSlot()] = rank;
                if (!downstream.addInput(row)) {
                    break emit;
                }
            }
        }
        groups.clear();
        downstream.finish();
    }
}
