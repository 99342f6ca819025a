package dev.loupe.query.execution;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * The rows an operator holds until the end of its input ({@code compare}, {@code predict}, {@code fillmissing},
 * {@code filter ... in}, {@code merge}, {@code sessionize}, {@code trace}, {@code transactionize}), each charged to
 * the query's memory budget ({@link QueryGuard}) as it arrives, so that a query buffering too much fails with
 * {@code QUERY_LIMIT_EXCEEDED} naming the operator instead of exhausting the heap. {@link #clear} gives the
 * reservation back.
 *
 * <p>Not thread-safe: used by the query's thread only. The estimate per row is {@link RetainedSize#ofRow}.
 */
final class RowBuffer implements Iterable<Row> {
    private final List<Row> rows = new ArrayList<>();
    private final QueryGuard guard;
    private final String operator;
    private long reservedBytes;

    /**
     * @param guard the query's guard, whose budget the rows are charged to
     * @param operator the operator's name as a user writes it, for the error message
     */
    RowBuffer(QueryGuard guard, String operator) {
        this.guard = requireNonNull(guard, "guard is null");
        this.operator = requireNonNull(operator, "operator is null");
    }

    /**
     * Keeps {@code row}.
     *
     * @throws dev.loupe.core.LoupeException {@code QUERY_LIMIT_EXCEEDED} when the query's budget is exhausted
     */
    void add(Row row) {
        long bytes = RetainedSize.ofRow(row);
        guard.reserveBuffered(bytes, operator);
        reservedBytes += bytes;
        rows.add(row);
    }

    int size() {
        return rows.size();
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    Row get(int index) {
        return rows.get(index);
    }

    /** Orders the kept rows in place. */
    void sort(Comparator<Row> order) {
        rows.sort(order);
    }

    /** A read-only view of the kept rows in their current order. */
    List<Row> view() {
        return Collections.unmodifiableList(rows);
    }

    @Override
    public Iterator<Row> iterator() {
        return view().iterator();
    }

    /** Drops every row and gives its bytes back to the budget. */
    void clear() {
        rows.clear();
        guard.release(reservedBytes);
        reservedBytes = 0;
    }
}
