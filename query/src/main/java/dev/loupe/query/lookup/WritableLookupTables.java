package dev.loupe.query.lookup;

import java.util.List;

/**
 * Where {@code save [append] path://"..."} writes query results (spec §2.8). Offered by a {@link LookupTables}
 * through {@link LookupTables#writable()}; implementations must be thread-safe, and a table written by one query is
 * visible to the {@code lookup}, {@code lookupContains} and {@code cat} of every query analyzed afterwards.
 */
public interface WritableLookupTables {

    /**
     * Writes rows to the table at {@code reference}, creating it when absent.
     *
     * <p>Without {@code append} the table is replaced: its columns become {@code columns} and its rows
     * {@code rows}; {@code keyColumns} is the key of a new table. With {@code append} the rows are added to the
     * existing table (created as without append when absent), whose columns must be {@code columns} in any order
     * ignoring case; a row whose key is already present replaces the old row.
     *
     * @param columns the result's column names, distinct ignoring case
     * @param keyColumns a non-empty subset of {@code columns}
     * @param rows rows aligned with {@code columns}; values may be null except in key columns
     * @throws IllegalArgumentException when appending rows whose columns do not match the table's, or when the
     *     reference is not a library path
     */
    void write(TableReference reference, List<String> columns, List<String> keyColumns, List<List<String>> rows,
            boolean append);
}
