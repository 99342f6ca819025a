package dev.loupe.query.execution;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.ast.SeriesOperator.WindowKind;
import dev.loupe.query.plan.SeriesNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The running operators of spec §2.9 in current row order, with separate state per {@code by} group. Rows whose
 * input is not numeric get a null output and do not change the state ({@code backshift} shifts any non-null
 * value). {@code total} buffers all rows (at most {@link #MAX_TOTAL_ROWS}); the others stream.
 */
final class WindowOperator implements RowOperator {
    static final int MAX_TOTAL_ROWS = 100_000;

    private final SeriesNode.Window node;
    private final RowOperator downstream;
    private final Map<KeyTuple, State> states = new HashMap<>();
    private final List<Row> buffered = new ArrayList<>();

    WindowOperator(SeriesNode.Window node, RowOperator downstream) {
        this.node = node;
        this.downstream = downstream;
    }

    @Override
    public boolean addInput(Row row) {
        State state = states.computeIfAbsent(KeyTuple.of(row, node.groupSlots()), key -> new State(node.size()));
        Object input = row.values[node.inputSlot()];
        Number number = Values.toNumber(input);
        switch (node.kind()) {
            case TOTAL -> {
                if (number != null) {
                    state.total += number.doubleValue();
                }
                if (buffered.size() >= MAX_TOTAL_ROWS) {
                    throw new LoupeException(ErrorCode.QUERY_LIMIT_EXCEEDED,
                            "total works on at most " + MAX_TOTAL_ROWS + " rows; aggregate first");
                }
                buffered.add(row);
                return true;
            }
            case ACCUM -> {
                if (number != null) {
                    state.total += number.doubleValue();
                }
                row.values[node.outputSlot()] = number == null ? null : state.total;
            }
            case DIFF -> {
                Object output = null;
                if (number != null) {
                    output = state.count == 0 ? null : number.doubleValue() - state.previous;
                    state.previous = number.doubleValue();
                    state.count++;
                }
                row.values[node.outputSlot()] = output;
            }
            case BACKSHIFT -> {
                if (input == null) {
                    row.values[node.outputSlot()] = null;
                } else {
                    row.values[node.outputSlot()] = state.shift(input);
                }
            }
            case SMOOTH, ROLLINGSTD -> {
                if (number == null) {
                    row.values[node.outputSlot()] = null;
                } else {
                    state.push(number.doubleValue());
                    row.values[node.outputSlot()] = node.kind() == WindowKind.SMOOTH ? state.mean()
                            : state.standardDeviation();
                }
            }
        }
        return downstream.addInput(row);
    }

    @Override
    public void finish() {
        for (Row row : buffered) {
            row.values[node.outputSlot()] = states.get(KeyTuple.of(row, node.groupSlots())).total;
            if (!downstream.addInput(row)) {
                break;
            }
        }
        buffered.clear();
        downstream.finish();
    }

    /** The per-group state: a running total, the previous value, and a ring of the last {@code size} values. */
    private static final class State {
        private final double[] window;
        private final Object[] shifted;
        private int count;
        private double total;
        private double previous;

        State(int size) {
            this.window = new double[Math.max(1, size)];
            this.shifted = new Object[Math.max(1, size)];
        }

        Object shift(Object value) {
            int position = count % shifted.length;
            Object old = count >= shifted.length ? shifted[position] : null;
            shifted[position] = value;
            count++;
            return old;
        }

        void push(double value) {
            window[count % window.length] = value;
            count++;
        }

        double mean() {
            int size = Math.min(count, window.length);
            double sum = 0;
            for (int index = 0; index < size; index++) {
                sum += window[index];
            }
            return sum / size;
        }

        /** The sample standard deviation of the window; one value gives 0. */
        double standardDeviation() {
            int size = Math.min(count, window.length);
            if (size < 2) {
                return 0.0;
            }
            double mean = mean();
            double squares = 0;
            for (int index = 0; index < size; index++) {
                squares += (window[index] - mean) * (window[index] - mean);
            }
            return Math.sqrt(squares / (size - 1));
        }
    }
}
