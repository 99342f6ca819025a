package dev.loupe.query.lookup;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable lookup table held in memory, indexed by its key columns ignoring case. When two rows have the same
 * key the last one wins and {@link #warnings()} says so. Thread-safe.
 */
public final class InMemoryLookupTable implements LookupTable {
    private final List<String> columns;
    private final List<String> keyColumns;
    private final int[] keyIndexes;
    private final Map<String, List<String>> rowsByKey;
    private final List<List<String>> rows;
    private final List<String> warnings;

    /**
     * @param columns the column names (distinct ignoring case)
     * @param keyColumns the key columns, each one of {@code columns}
     * @param rows rows aligned with {@code columns}; null values are allowed, a null key value is not
     * @throws IllegalArgumentException for duplicate or unknown columns, ragged rows or null keys
     */
    public InMemoryLookupTable(List<String> columns, List<String> keyColumns, List<List<String>> rows) {
        this.columns = List.copyOf(columns);
        this.keyColumns = List.copyOf(keyColumns);
        if (this.keyColumns.isEmpty()) {
            throw new IllegalArgumentException("a lookup table needs at least one key column");
        }
        List<String> lower = new ArrayList<>();
        for (String column : this.columns) {
            String name = column.toLowerCase(Locale.ROOT);
            if (lower.contains(name)) {
                throw new IllegalArgumentException("column '" + column + "' appears twice");
            }
            lower.add(name);
        }
        keyIndexes = new int[this.keyColumns.size()];
        for (int index = 0; index < keyIndexes.length; index++) {
            keyIndexes[index] = lower.indexOf(this.keyColumns.get(index).toLowerCase(Locale.ROOT));
            if (keyIndexes[index] < 0) {
                throw new IllegalArgumentException("key column '" + this.keyColumns.get(index)
                        + "' is not a column of the table " + this.columns);
            }
        }
        Map<String, List<String>> index = new HashMap<>();
        List<List<String>> kept = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        int rowNumber = 0;
        for (List<String> row : rows) {
            rowNumber++;
            if (row.size() != this.columns.size()) {
                throw new IllegalArgumentException("row " + rowNumber + " has " + row.size() + " values but the table has "
                        + this.columns.size() + " columns");
            }
            List<String> values = Collections.unmodifiableList(new ArrayList<>(row));
            List<String> keyValues = new ArrayList<>(keyIndexes.length);
            for (int keyIndex : keyIndexes) {
                String value = values.get(keyIndex);
                if (value == null) {
                    throw new IllegalArgumentException("row " + rowNumber + " has no value for key column '"
                            + this.columns.get(keyIndex) + "'");
                }
                keyValues.add(value);
            }
            List<String> previous = index.put(key(keyValues), values);
            if (previous != null) {
                kept.remove(previous);
                duplicates.add(String.join(", ", keyValues));
            }
            kept.add(values);
        }
        this.rowsByKey = index;
        this.rows = List.copyOf(kept);
        this.warnings = duplicates.isEmpty() ? List.of() : List.of(duplicates.size()
                + " duplicate key(s); the last row wins: " + String.join("; ", duplicates.subList(0,
                Math.min(10, duplicates.size()))));
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public List<String> keyColumns() {
        return keyColumns;
    }

    @Override
    public List<String> get(List<String> keyValues) {
        requireNonNull(keyValues, "keyValues is null");
        if (keyValues.size() != keyIndexes.length) {
            throw new IllegalArgumentException("expected " + keyIndexes.length + " key value(s) but got "
                    + keyValues.size());
        }
        return rowsByKey.get(key(keyValues));
    }

    /** Every row in insertion order (after duplicate keys were resolved). */
    @Override
    public List<List<String>> rows() {
        return rows;
    }

    /** Problems found while building the table (duplicate keys), for the user; empty when none. */
    public List<String> warnings() {
        return warnings;
    }

    private static String key(List<String> keyValues) {
        if (keyValues.size() == 1) {
            return keyValues.get(0).toLowerCase(Locale.ROOT);
        }
        StringBuilder key = new StringBuilder();
        for (String value : keyValues) {
            key.append(value.toLowerCase(Locale.ROOT)).append('\u0000');
        }
        return key.toString();
    }
}
