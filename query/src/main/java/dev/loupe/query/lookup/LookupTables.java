package dev.loupe.query.lookup;

import java.util.Optional;

/**
 * The catalogue of lookup tables a query may name after {@code from}, {@code cat} or in {@code geoip} and
 * {@code threatip}. Resolved once per query at analysis time; implementations must be thread-safe.
 */
public interface LookupTables {

    /** The table behind {@code reference}, or empty when this catalogue does not have it. */
    Optional<LookupTable> resolve(TableReference reference);

    /**
     * Where {@code save} writes, when this catalogue accepts writes; empty (the default) for read-only catalogues,
     * where {@code save} is answered with {@code QUERY_UNSUPPORTED}.
     */
    default Optional<WritableLookupTables> writable() {
        return Optional.empty();
    }

    /** A catalogue with no tables: every lookup fails with "lookup table X is not available". */
    static LookupTables empty() {
        return reference -> Optional.empty();
    }
}
