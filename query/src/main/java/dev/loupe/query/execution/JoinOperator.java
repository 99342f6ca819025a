package dev.loupe.query.execution;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.plan.CompositeNode;
import dev.loupe.query.plan.FieldLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code join} (spec §2.14): each table's pipeline runs over a copy of every incoming row and keeps at most
 * {@link #MAX_TABLE_ROWS} rows; at the end of input the tables are inner-joined, table by table, with a hash on
 * the key values (compared as text) of the conditions linking the next table to the ones already joined, and the
 * time window checked on every tuple. Joined tuples come out in the order of the first table's rows, then the
 * second's, and so on.
 */
final class JoinOperator implements RowOperator {
    /** Sumo's limit of input rows per join table. */
    static final int MAX_TABLE_ROWS = 50_000;
    /** Sumo's limit of joined rows; more is an error. */
    static final long MAX_OUTPUT_ROWS = 10_000_000L;

    private final CompositeNode.Join join;
    private final int slotCount;
    private final RowOperator downstream;
    private final RowCollector[] collectors;
    private final RowOperator[] heads;
    private final boolean[] open;

    JoinOperator(CompositeNode.Join join, int slotCount, CompositeOperators.ChainBuilder chains,
            RowOperator downstream) {
        this.join = join;
        this.slotCount = slotCount;
        this.downstream = downstream;
        int tables = join.tables().size();
        this.collectors = new RowCollector[tables];
        this.heads = new RowOperator[tables];
        this.open = new boolean[tables];
        for (int table = 0; table < tables; table++) {
            collectors[table] = new RowCollector(MAX_TABLE_ROWS);
            heads[table] = chains.build(join.tables().get(table).nodes(), collectors[table]);
            open[table] = true;
        }
    }

    @Override
    public boolean addInput(Row row) {
        boolean anyOpen = false;
        for (int table = 0; table < heads.length; table++) {
            if (open[table]) {
                open[table] = heads[table].addInput(row.copy());
                anyOpen |= open[table];
            }
        }
        return anyOpen;
    }

    @Override
    public void finish() {
        for (RowOperator head : heads) {
            head.finish();
        }
        List<Row[]> tuples = new ArrayList<>();
        for (Row row : collectors[0].rows()) {
            Row[] tuple = new Row[heads.length];
            tuple[0] = row;
            tuples.add(tuple);
        }
        for (int table = 1; table < heads.length && !tuples.isEmpty(); table++) {
            tuples = extend(tuples, table);
        }
        for (Row[] tuple : tuples) {
            if (!downstream.addInput(output(tuple))) {
                break;
            }
        }
        downstream.finish();
    }

    private List<Row[]> extend(List<Row[]> tuples, int table) {
        List<CompositeNode.JoinKey> keys = new ArrayList<>();
        for (CompositeNode.JoinKey key : join.keys()) {
            if (key.rightTable() == table) {
                keys.add(key);
            }
        }
        Map<List<String>, List<Row>> index = new HashMap<>();
        for (Row row : collectors[table].rows()) {
            List<String> key = new ArrayList<>(keys.size());
            for (CompositeNode.JoinKey joinKey : keys) {
                key.add(Values.toText(row.values[joinKey.rightSlot()]));
            }
            if (!key.contains(null)) {
                index.computeIfAbsent(key, unused -> new ArrayList<>()).add(row);
            }
        }
        List<Row[]> extended = new ArrayList<>();
        for (Row[] tuple : tuples) {
            List<String> probe = new ArrayList<>(keys.size());
            for (CompositeNode.JoinKey joinKey : keys) {
                probe.add(Values.toText(tuple[joinKey.leftTable()].values[joinKey.leftSlot()]));
            }
            List<Row> matches = index.get(probe);
            if (matches == null) {
                continue;
            }
            for (Row match : matches) {
                if (withinWindow(tuple, table, match)) {
                    Row[] next = tuple.clone();
                    next[table] = match;
                    extended.add(next);
                    if (extended.size() > MAX_OUTPUT_ROWS) {
                        throw new LoupeException(ErrorCode.QUERY_LIMIT_EXCEEDED, "join produced more than "
                                + MAX_OUTPUT_ROWS + " rows; add join conditions or narrow the tables");
                    }
                }
            }
        }
        return extended;
    }

    /** Whether every pair of message times in the tuple plus {@code candidate} is at most the window apart. */
    private boolean withinWindow(Row[] tuple, int table, Row candidate) {
        if (join.timeWindowMillis() < 0 || !(candidate.values[FieldLayout.MESSAGE_TIME] instanceof Long time)) {
            return true;
        }
        for (int other = 0; other < table; other++) {
            if (tuple[other].values[FieldLayout.MESSAGE_TIME] instanceof Long otherTime
                    && Math.abs(time - otherTime) > join.timeWindowMillis()) {
                return false;
            }
        }
        return true;
    }

    private Row output(Row[] tuple) {
        Object[] values = new Object[slotCount];
        for (int table = 0; table < tuple.length; table++) {
            CompositeNode.JoinTable spec = join.tables().get(table);
            for (int index = 0; index < spec.sourceSlots().length; index++) {
                values[spec.outputSlots()[index]] = tuple[table].values[spec.sourceSlots()[index]];
            }
        }
        return new Row(values, null);
    }
}
