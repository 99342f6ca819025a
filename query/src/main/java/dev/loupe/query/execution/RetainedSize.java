package dev.loupe.query.execution;

import java.util.Map;

/**
 * Cheap estimates of the heap bytes that rows and values retain, for {@link QueryGuard}'s memory budget. They assume
 * compressed object pointers and Latin-1 strings and ignore sharing (two rows holding one string count it twice),
 * so they may over-estimate, which errs on the safe side; they never walk deeper than one level.
 */
final class RetainedSize {
    /** A row object plus the list slot that keeps it. */
    static final long ROW_OVERHEAD = 16 + 8;
    /** A map entry, its key object and the table slot. */
    static final long MAP_ENTRY = 48;
    /** One accumulator of an aggregate group (counters, sums, first/last); growing ones count their own growth. */
    static final long ACCUMULATOR = 48;
    /** A stored message with its log message and field map, besides the strings the row already counts. */
    private static final long MESSAGE = 120;

    private RetainedSize() {}

    static long of(Object value) {
        return switch (value) {
            case null -> 0;
            case String text -> 40 + text.length();
            case Boolean flag -> 0;
            case Object[] array -> ofValues(array);
            default -> 16;
        };
    }

    /** An {@code Object[]} and what its elements hold. */
    static long ofValues(Object[] values) {
        long bytes = 16 + 8L * values.length;
        for (Object value : values) {
            if (value != null) {
                bytes += value instanceof Object[] nested ? 16 + 8L * nested.length : of(value);
            }
        }
        return bytes;
    }

    /** A row, its values and, for a message row, the message's own fields. */
    static long ofRow(Row row) {
        long bytes = ROW_OVERHEAD + ofValues(row.values);
        if (row.message != null) {
            bytes += MESSAGE;
            for (Map.Entry<String, String> field : row.message.message().fields().entrySet()) {
                bytes += MAP_ENTRY + of(field.getKey()) + of(field.getValue());
            }
        }
        return bytes;
    }
}
