package dev.loupe.query.lookup;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable {@link LookupTables} built from registered tables: library paths, URLs or shared file names, and
 * the virtual tables (checked against their {@link VirtualTable} contract). Path and name matching ignores case.
 * Thread-safe.
 *
 * <p>Loupe never fetches a URL at query time: a {@code from https://...} lookup resolves only when a table was
 * registered under that URL.
 */
public final class LookupCatalog implements LookupTables {
    private final Map<String, LookupTable> tables;

    private LookupCatalog(Map<String, LookupTable> tables) {
        this.tables = Map.copyOf(tables);
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A catalogue that knows the columns of every built-in virtual table ({@code geo://location},
     * {@code asn://default}, {@code sumo://threat/cs}) but holds no data: for checking queries without running
     * them ({@code loupe check}), never for answering them.
     */
    public static LookupCatalog virtualTableSchemas() {
        Builder builder = builder();
        for (VirtualTable virtual : VirtualTable.values()) {
            builder.add(virtual, virtual.emptyTable());
        }
        return builder.build();
    }

    @Override
    public Optional<LookupTable> resolve(TableReference reference) {
        requireNonNull(reference, "reference is null");
        return Optional.ofNullable(tables.get(key(reference)));
    }

    private static String key(TableReference reference) {
        return reference.kind() + ":" + reference.location().toLowerCase(Locale.ROOT);
    }

    /** Collects tables; not thread-safe. */
    public static final class Builder {
        private final Map<String, LookupTable> tables = new HashMap<>();

        private Builder() {}

        /**
         * Registers {@code table} under {@code reference}; for a virtual table reference the table must honour
         * the {@link VirtualTable} contract.
         *
         * @throws IllegalArgumentException when a table is already registered there or the contract is broken
         */
        public Builder add(TableReference reference, LookupTable table) {
            requireNonNull(reference, "reference is null");
            requireNonNull(table, "table is null");
            VirtualTable virtual = VirtualTable.of(reference);
            if (virtual != null) {
                virtual.check(table);
            }
            if (tables.putIfAbsent(key(reference), table) != null) {
                throw new IllegalArgumentException("a table is already registered for " + reference.display());
            }
            return this;
        }

        /** Registers a library table at {@code path://"path"}. */
        public Builder addPath(String path, LookupTable table) {
            return add(TableReference.path(path), table);
        }

        /** Registers the data of a virtual table. */
        public Builder add(VirtualTable virtual, LookupTable table) {
            return add(virtual.reference(), table);
        }

        public LookupCatalog build() {
            return new LookupCatalog(tables);
        }
    }
}
