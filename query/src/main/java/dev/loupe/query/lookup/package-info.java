/**
 * Lookup tables for the {@code lookup} family (spec §2.8): the {@link dev.loupe.query.lookup.LookupTables}
 * catalogue the engine resolves table references with, the {@link dev.loupe.query.lookup.LookupTable} contract,
 * the built-in virtual tables' key and column contracts ({@link dev.loupe.query.lookup.VirtualTable}), an
 * in-memory implementation and a CSV loader.
 *
 * <p>Matching of key values ignores case everywhere; a miss yields no row (the lookup writes nulls and never drops
 * the event).
 */
package dev.loupe.query.lookup;
