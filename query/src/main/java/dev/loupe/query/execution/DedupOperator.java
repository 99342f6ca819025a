package dev.loupe.query.execution;

import dev.loupe.query.plan.EnrichNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code dedup}: passes the first N rows of each key in stream order; with {@code consecutive}, only runs of
 * adjacent rows with the same key are thinned. Keys compare as text, case-sensitively; null is a key like any.
 */
final class DedupOperator implements RowOperator {
    private final EnrichNode.Dedup node;
    private final RowOperator downstream;
    private final Map<Key, long[]> seen = new HashMap<>();
    private Key previous;
    private long run;

    DedupOperator(EnrichNode.Dedup node, RowOperator downstream) {
        this.node = node;
        this.downstream = downstream;
    }

    /** A key tuple compared by content. */
    private record Key(String[] values) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Arrays.equals(values, key.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    @Override
    public boolean addInput(Row row) {
        int[] slots = node.keySlots();
        String[] values = new String[slots.length];
        for (int index = 0; index < slots.length; index++) {
            values[index] = Values.toText(row.values[slots[index]]);
        }
        Key key = new Key(values);
        long count;
        if (node.consecutive()) {
            run = key.equals(previous) ? run + 1 : 1;
            previous = key;
            count = run;
        } else {
            long[] counter = seen.computeIfAbsent(key, absent -> new long[1]);
            count = ++counter[0];
        }
        return count > node.count() || downstream.addInput(row);
    }

    @Override
    public void finish() {
        downstream.finish();
    }
}
