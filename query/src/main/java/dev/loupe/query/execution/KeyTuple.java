package dev.loupe.query.execution;

import java.util.Arrays;

/** A tuple of group-key values with value equality, for the per-group state of the time-series operators. */
record KeyTuple(Object[] values) {
    private static final KeyTuple EMPTY = new KeyTuple(new Object[0]);

    /** The values of {@code slots} in {@code row}, as they are. */
    static KeyTuple of(Row row, int[] slots) {
        if (slots.length == 0) {
            return EMPTY;
        }
        Object[] values = new Object[slots.length];
        for (int index = 0; index < slots.length; index++) {
            values[index] = row.values[slots[index]];
        }
        return new KeyTuple(values);
    }

    /**
     * The values of {@code slots} as text, so that a number and its text match (a literal {@code 200} and a
     * parsed {@code "200"}).
     */
    static KeyTuple textOf(Object[] rowValues, int[] slots) {
        Object[] values = new Object[slots.length];
        for (int index = 0; index < slots.length; index++) {
            values[index] = Values.toText(rowValues[slots[index]]);
        }
        return new KeyTuple(values);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyTuple tuple && Arrays.equals(values, tuple.values);
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
