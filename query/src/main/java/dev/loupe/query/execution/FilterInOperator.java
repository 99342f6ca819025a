package dev.loupe.query.execution;

import dev.loupe.query.plan.CompositeNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code filter keys in (...)} (spec §2.15): buffers the records, runs the child pipeline over copies of them at
 * the end of input, and passes on, in their order, the records whose key values (as text) appear in a child
 * output row. A record with a null key never passes.
 */
final class FilterInOperator implements RowOperator {
    private final CompositeNode.FilterIn filter;
    private final CompositeOperators.ChainBuilder chains;
    private final RowOperator downstream;
    private final QueryGuard guard;
    private final RowBuffer rows;

    FilterInOperator(CompositeNode.FilterIn filter, CompositeOperators.ChainBuilder chains, QueryGuard guard,
            RowOperator downstream) {
        this.filter = filter;
        this.chains = chains;
        this.guard = guard;
        this.downstream = downstream;
        this.rows = new RowBuffer(guard, "filter");
    }

    @Override
    public boolean addInput(Row row) {
        rows.add(row);
        return true;
    }

    @Override
    public void finish() {
        RowCollector childRows = new RowCollector(Integer.MAX_VALUE, guard);
        RowOperator child = chains.build(filter.nodes(), childRows);
        for (Row row : rows) {
            if (!child.addInput(row.copy())) {
                break;
            }
        }
        child.finish();
        Set<List<String>> keys = new HashSet<>();
        for (Row row : childRows.rows()) {
            keys.add(key(row));
        }
        for (Row row : rows) {
            List<String> key = key(row);
            if (!key.contains(null) && keys.contains(key) && !downstream.addInput(row)) {
                break;
            }
        }
        rows.clear();
        downstream.finish();
    }

    private List<String> key(Row row) {
        List<String> key = new ArrayList<>(filter.keySlots().length);
        for (int slot : filter.keySlots()) {
            key.add(Values.toText(row.values[slot]));
        }
        return key;
    }
}
