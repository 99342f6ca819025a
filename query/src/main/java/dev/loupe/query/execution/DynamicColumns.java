package dev.loupe.query.execution;

import dev.loupe.query.FieldType;
import java.util.List;

/**
 * The columns a {@code transpose} created while the query ran: their names, in order, and their type. Row
 * values for them sit after the plan's slots ({@code values[slotCount + i]} is column {@code i}). One per run;
 * written once by the transpose, read when the result is built.
 */
final class DynamicColumns {
    private List<String> names = List.of();
    private FieldType type = FieldType.STRING;

    void set(List<String> columnNames, FieldType columnType) {
        this.names = List.copyOf(columnNames);
        this.type = columnType;
    }

    List<String> names() {
        return names;
    }

    FieldType type() {
        return type;
    }
}
