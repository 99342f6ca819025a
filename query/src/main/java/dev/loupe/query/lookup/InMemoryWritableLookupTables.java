package dev.loupe.query.lookup;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lookup tables kept in memory that {@code save} can write: library paths written here are resolved first, every
 * other reference falls through to a read-only base catalogue. Thread-safe; a write replaces the table atomically
 * (queries already analyzed keep the version they resolved).
 */
public final class InMemoryWritableLookupTables implements LookupTables, WritableLookupTables {
    private final LookupTables base;
    private final Map<String, InMemoryLookupTable> written = new ConcurrentHashMap<>();

    /** @param base the tables that exist before any write (tables written here shadow its library paths) */
    public InMemoryWritableLookupTables(LookupTables base) {
        this.base = requireNonNull(base, "base is null");
    }

    /** Writable tables over no base tables. */
    public InMemoryWritableLookupTables() {
        this(LookupTables.empty());
    }

    @Override
    public Optional<LookupTable> resolve(TableReference reference) {
        requireNonNull(reference, "reference is null");
        InMemoryLookupTable table = reference.kind() == TableReference.Kind.PATH ? written.get(key(reference)) : null;
        return table != null ? Optional.of(table) : base.resolve(reference);
    }

    @Override
    public Optional<WritableLookupTables> writable() {
        return Optional.of(this);
    }

    @Override
    public void write(TableReference reference, List<String> columns, List<String> keyColumns,
            List<List<String>> rows, boolean append) {
        requireNonNull(reference, "reference is null");
        if (reference.kind() != TableReference.Kind.PATH) {
            throw new IllegalArgumentException("save writes library tables (path://\"/Library/...\"), not "
                    + reference.display());
        }
        written.compute(key(reference), (key, existing) -> {
            LookupTable previous = existing != null ? existing : base.resolve(reference).orElse(null);
            if (!append || previous == null) {
                return new InMemoryLookupTable(columns, keyColumns, rows);
            }
            int[] positions = positions(previous.columns(), columns, reference);
            List<List<String>> combined = new ArrayList<>(previous.rows());
            for (List<String> row : rows) {
                List<String> aligned = new ArrayList<>(positions.length);
                for (int position : positions) {
                    aligned.add(row.get(position));
                }
                combined.add(aligned);
            }
            return new InMemoryLookupTable(previous.columns(), previous.keyColumns(), combined);
        });
    }

    /** For each table column, the index of the same column (ignoring case) in {@code columns}. */
    private static int[] positions(List<String> tableColumns, List<String> columns, TableReference reference) {
        if (tableColumns.size() != columns.size()) {
            throw mismatch(tableColumns, columns, reference);
        }
        int[] positions = new int[tableColumns.size()];
        for (int index = 0; index < positions.length; index++) {
            positions[index] = -1;
            for (int column = 0; column < columns.size(); column++) {
                if (columns.get(column).equalsIgnoreCase(tableColumns.get(index))) {
                    positions[index] = column;
                }
            }
            if (positions[index] < 0) {
                throw mismatch(tableColumns, columns, reference);
            }
        }
        return positions;
    }

    private static IllegalArgumentException mismatch(List<String> tableColumns, List<String> columns,
            TableReference reference) {
        return new IllegalArgumentException("save append: the results' columns " + columns
                + " do not match the columns of " + reference.display() + " " + tableColumns);
    }

    private static String key(TableReference reference) {
        return reference.location().toLowerCase(Locale.ROOT);
    }
}
