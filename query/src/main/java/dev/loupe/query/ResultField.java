package dev.loupe.query;

import static java.util.Objects.requireNonNull;

/**
 * A column of a query result.
 *
 * @param name the field name in the spelling the query first used (the API lower-cases it)
 * @param type the column type
 * @param keyField whether it is a group-by key of the final aggregation
 */
public record ResultField(String name, FieldType type, boolean keyField) {
    public ResultField {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
