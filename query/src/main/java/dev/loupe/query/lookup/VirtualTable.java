package dev.loupe.query.lookup;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The built-in virtual tables (spec §2.8) and the key and columns each must offer. The application supplies the
 * data as a {@link LookupTable} with exactly this key and at least these columns (values may be null); until it
 * does, {@link #emptyTable()} answers every key with a miss.
 */
public enum VirtualTable {
    /** IP geolocation, key {@code ip}. */
    GEO_LOCATION(TableReference.Kind.GEO_LOCATION, "ip", List.of("latitude", "longitude", "country_code",
            "country_name", "region", "city", "state", "postal_code", "continent", "connection_type", "country_cf",
            "state_cf", "city_cf")),
    /** IP to autonomous system, key {@code ip}. */
    ASN(TableReference.Kind.ASN, "ip", List.of("asn", "organization", "registering_organization",
            "carrier_organization")),
    /** CrowdStrike-style indicators of compromise, key {@code threat}. */
    THREAT(TableReference.Kind.THREAT, "threat", List.of("type", "actor", "raw", "threatlevel"));

    private final TableReference.Kind kind;
    private final String keyColumn;
    private final List<String> valueColumns;

    VirtualTable(TableReference.Kind kind, String keyColumn, List<String> valueColumns) {
        this.kind = kind;
        this.keyColumn = keyColumn;
        this.valueColumns = valueColumns;
    }

    /** How queries address this table. */
    public TableReference reference() {
        return switch (this) {
            case GEO_LOCATION -> new TableReference(kind, "geo://location");
            case ASN -> new TableReference(kind, "asn://default");
            case THREAT -> new TableReference(kind, "sumo://threat/cs");
        };
    }

    /** The one key column. */
    public String keyColumn() {
        return keyColumn;
    }

    /** The key column followed by the value columns: what {@link LookupTable#columns()} must contain. */
    public List<String> columns() {
        List<String> columns = new ArrayList<>();
        columns.add(keyColumn);
        columns.addAll(valueColumns);
        return List.copyOf(columns);
    }

    /** The virtual table addressed by {@code reference}, or null when it is not a virtual table. */
    public static VirtualTable of(TableReference reference) {
        for (VirtualTable table : values()) {
            if (table.kind == reference.kind()) {
                return table;
            }
        }
        return null;
    }

    /**
     * Checks that {@code table} honours this contract.
     *
     * @throws IllegalArgumentException naming the missing key or column
     */
    public void check(LookupTable table) {
        requireNonNull(table, "table is null");
        if (table.keyColumns().size() != 1 || !table.keyColumns().get(0).equalsIgnoreCase(keyColumn)) {
            throw new IllegalArgumentException(reference().display() + " must be keyed on '" + keyColumn
                    + "' but the table's key is " + table.keyColumns());
        }
        List<String> lower = table.columns().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        for (String column : columns()) {
            if (!lower.contains(column)) {
                throw new IllegalArgumentException(reference().display() + " must have a column '" + column + "'");
            }
        }
    }

    /** A table with this contract and no rows. */
    public LookupTable emptyTable() {
        return new InMemoryLookupTable(columns(), List.of(keyColumn), List.of());
    }
}
