package dev.loupe.query.execution;

import java.util.ArrayList;
import java.util.List;

/**
 * The end of a chain: keeps up to a maximum number of rows, accounting them in the query's memory budget when it
 * has a guard. Filled by the query's thread; {@link #snapshot} may be called from any thread.
 */
final class RowCollector implements RowOperator {
    private final int maximum;
    private final QueryGuard guard;
    private final List<Row> rows = new ArrayList<>();

    /** A collector outside the budget (sub-pipelines with their own row limits). */
    RowCollector(int maximum) {
        this(maximum, null);
    }

    RowCollector(int maximum, QueryGuard guard) {
        this.maximum = maximum;
        this.guard = guard;
    }

    /* Synchronized so that another thread can take a snapshot while the query runs; uncontended otherwise. */
    @Override
    public synchronized boolean addInput(Row row) {
        if (rows.size() >= maximum) {
            return false;
        }
        if (guard != null) {
            guard.reserve(RetainedSize.ofRow(row), QueryGuard.MemoryUse.RESULT_ROWS);
        }
        rows.add(row);
        return rows.size() < maximum;
    }

    @Override
    public void finish() {}

    synchronized List<Row> rows() {
        return rows;
    }

    /** A copy of the rows collected so far; any thread (the rows are not changed once collected). */
    synchronized List<Row> snapshot() {
        return new ArrayList<>(rows);
    }
}
