package dev.loupe.query.lookup;

import java.util.List;

/**
 * One lookup table: named columns, the key columns a lookup must join on, and a keyed get.
 *
 * <p>Implementations must be thread-safe for reads: concurrent queries call {@link #get} from many threads.
 * Key matching ignores case ({@link java.util.Locale#ROOT} lower case). The built-in virtual tables
 * ({@link VirtualTable}) are implementations of this interface supplied by the application (geo data, threat
 * intelligence); the engine only relies on this contract.
 */
public interface LookupTable {

    /** The table's columns in table order; names are compared ignoring case. */
    List<String> columns();

    /**
     * The primary-key columns, a non-empty subset of {@link #columns()}; a lookup's {@code on} clause must name
     * each of them exactly once.
     */
    List<String> keyColumns();

    /**
     * The row whose key equals {@code keyValues} ignoring case.
     *
     * @param keyValues one non-null value per {@link #keyColumns()} entry, in that order
     * @return the row's values aligned with {@link #columns()} (an element may be null), or null on a miss
     */
    List<String> get(List<String> keyValues);

    /**
     * Every row, each aligned with {@link #columns()}, for {@code cat}. Tables that cannot be listed (the
     * built-in virtual tables) return an empty list.
     */
    default List<List<String>> rows() {
        return List.of();
    }
}
