package dev.loupe.query.execution;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.plan.AnalyticsNode;
import dev.loupe.query.plan.FieldLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code transaction on keys ... with ... results by transactions|states|flow} (spec §2.17).
 *
 * <p>Each row with a value in every key field is put in the first state whose match it satisfies (rows in no state
 * are ignored) and recorded as an event (time, state) of its key. At the end each key's events are sorted by
 * message time and cut into transactions wherever two consecutive events are more than {@code fringe} apart.
 * <ul>
 *   <li>transactions: one record per transaction with the keys, {@code _start_time}, {@code _end_time} and the
 *       number of events per state (0 for a state never seen), by start time;
 *   <li>states: one record per state in declaration order with its number of events;
 *   <li>flow: one record per transition {@code fromstate -> tostate} between consecutive events of different states
 *       in a transaction, with {@code _count} and {@code latency} (average milliseconds from the last event of the
 *       first state to the next event), most frequent first.
 * </ul>
 * More than {@link #MAX_GROUPS} distinct keys fail with {@code QUERY_LIMIT_EXCEEDED}.
 */
final class TransactionOperator implements RowOperator {
    /** Most distinct transaction keys (spec §2.17). */
    static final int MAX_GROUPS = 10_000;

    private final AnalyticsNode.Transaction spec;
    private final int slotCount;
    private final RowOperator downstream;
    private final List<String> stateNames = new ArrayList<>();
    private final int[] stateIndexes;
    private final Map<KeyTuple, List<long[]>> events = new LinkedHashMap<>();

    TransactionOperator(AnalyticsNode.Transaction spec, int slotCount, RowOperator downstream) {
        this.spec = spec;
        this.slotCount = slotCount;
        this.downstream = downstream;
        stateIndexes = new int[spec.states().size()];
        for (int index = 0; index < stateIndexes.length; index++) {
            String name = spec.states().get(index).name();
            if (!stateNames.contains(name)) {
                stateNames.add(name);
            }
            stateIndexes[index] = stateNames.indexOf(name);
        }
    }

    @Override
    public boolean addInput(Row row) {
        KeyTuple key = KeyTuple.textOf(row.values, spec.keySlots());
        for (Object value : key.values()) {
            if (value == null) {
                return true;
            }
        }
        int state = state(row);
        if (state < 0) {
            return true;
        }
        List<long[]> keyEvents = events.get(key);
        if (keyEvents == null) {
            if (events.size() >= MAX_GROUPS) {
                throw new LoupeException(ErrorCode.QUERY_LIMIT_EXCEEDED, "transaction has more than " + MAX_GROUPS
                        + " distinct keys; narrow the query");
            }
            keyEvents = new ArrayList<>();
            events.put(key, keyEvents);
        }
        long time = row.values[FieldLayout.MESSAGE_TIME] instanceof Long millis ? millis : 0L;
        keyEvents.add(new long[] {time, state});
        return true;
    }

    private int state(Row row) {
        for (int index = 0; index < stateIndexes.length; index++) {
            AnalyticsNode.StateMatcher matcher = spec.states().get(index);
            String text = Values.toText(row.values[matcher.inputSlot()]);
            if (text != null && matcher.pattern().matcher(text).find()) {
                return stateIndexes[index];
            }
        }
        return -1;
    }

    @Override
    public void finish() {
        List<Object[]> records = switch (spec.results()) {
            case TRANSACTIONS -> transactions();
            case STATES -> states();
            case FLOW -> flow();
        };
        for (Object[] values : records) {
            if (!downstream.addInput(new Row(values, null))) {
                break;
            }
        }
        downstream.finish();
    }

    /** Every transaction: its key and its events in time order. */
    private List<Map.Entry<KeyTuple, List<long[]>>> split() {
        List<Map.Entry<KeyTuple, List<long[]>>> transactions = new ArrayList<>();
        for (Map.Entry<KeyTuple, List<long[]>> entry : events.entrySet()) {
            List<long[]> ordered = new ArrayList<>(entry.getValue());
            ordered.sort(Comparator.comparingLong(event -> event[0]));
            List<long[]> current = new ArrayList<>();
            for (long[] event : ordered) {
                if (!current.isEmpty() && spec.fringeMillis() >= 0
                        && event[0] - current.getLast()[0] > spec.fringeMillis()) {
                    transactions.add(Map.entry(entry.getKey(), current));
                    current = new ArrayList<>();
                }
                current.add(event);
            }
            transactions.add(Map.entry(entry.getKey(), current));
        }
        return transactions;
    }

    private List<Object[]> transactions() {
        List<Object[]> records = new ArrayList<>();
        int[] outputs = spec.outputSlots();
        for (Map.Entry<KeyTuple, List<long[]>> transaction : split()) {
            Object[] values = new Object[slotCount];
            for (int index = 0; index < spec.keySlots().length; index++) {
                values[spec.keySlots()[index]] = transaction.getKey().values()[index];
            }
            List<long[]> transactionEvents = transaction.getValue();
            values[outputs[0]] = transactionEvents.getFirst()[0];
            values[outputs[1]] = transactionEvents.getLast()[0];
            long[] counts = new long[stateNames.size()];
            for (long[] event : transactionEvents) {
                counts[(int) event[1]]++;
            }
            for (int state = 0; state < counts.length; state++) {
                values[outputs[2 + state]] = counts[state];
            }
            records.add(values);
        }
        records.sort(Comparator.comparingLong((Object[] values) -> (Long) values[outputs[0]])
                .thenComparing(values -> keyText(values)));
        return records;
    }

    private String keyText(Object[] values) {
        StringBuilder text = new StringBuilder();
        for (int slot : spec.keySlots()) {
            text.append(values[slot]).append('\u0000');
        }
        return text.toString();
    }

    private List<Object[]> states() {
        long[] counts = new long[stateNames.size()];
        for (List<long[]> keyEvents : events.values()) {
            for (long[] event : keyEvents) {
                counts[(int) event[1]]++;
            }
        }
        List<Object[]> records = new ArrayList<>();
        for (int state = 0; state < counts.length; state++) {
            Object[] values = new Object[slotCount];
            values[spec.outputSlots()[0]] = stateNames.get(state);
            values[spec.outputSlots()[1]] = counts[state];
            records.add(values);
        }
        return records;
    }

    private List<Object[]> flow() {
        int states = stateNames.size();
        long[][] counts = new long[states][states];
        long[][] latencies = new long[states][states];
        List<int[]> order = new ArrayList<>();
        for (Map.Entry<KeyTuple, List<long[]>> transaction : split()) {
            List<long[]> transactionEvents = transaction.getValue();
            for (int index = 1; index < transactionEvents.size(); index++) {
                long[] previous = transactionEvents.get(index - 1);
                long[] next = transactionEvents.get(index);
                int from = (int) previous[1];
                int to = (int) next[1];
                if (from == to) {
                    continue;
                }
                if (counts[from][to] == 0) {
                    order.add(new int[] {from, to});
                }
                counts[from][to]++;
                latencies[from][to] += next[0] - previous[0];
            }
        }
        order.sort(Comparator.comparingLong((int[] pair) -> counts[pair[0]][pair[1]]).reversed()
                .thenComparingInt(pair -> pair[0]).thenComparingInt(pair -> pair[1]));
        List<Object[]> records = new ArrayList<>();
        int[] outputs = spec.outputSlots();
        for (int[] pair : order) {
            Object[] values = new Object[slotCount];
            values[outputs[0]] = stateNames.get(pair[0]);
            values[outputs[1]] = stateNames.get(pair[1]);
            values[outputs[2]] = counts[pair[0]][pair[1]];
            values[outputs[3]] = (double) latencies[pair[0]][pair[1]] / counts[pair[0]][pair[1]];
            records.add(values);
        }
        return records;
    }
}
