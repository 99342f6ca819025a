package dev.loupe.query.execution;

import dev.loupe.query.lookup.LookupTable;
import dev.loupe.query.plan.AnalyticsNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code threatlookup}: looks each input field up in the {@code sumo://threat/cs} table, in order, and fills the
 * {@code _threatlookup.*} fields from the first hit: indicator ({@code threat}), type, actors ({@code actor}),
 * confidence ({@code threatlevel}), raw, and source (the table's {@code source} column when it has one, else
 * {@code CrowdStrike}). A {@code source="s"} option other than the hit's source (ignoring case) counts as a miss.
 * Rows are never dropped: on a miss the fields are null.
 */
final class ThreatLookupOperator implements RowOperator {
    private static final String DEFAULT_SOURCE = "CrowdStrike";
    private static final List<String> COLUMNS = List.of("threat", "type", "actor", "threatlevel", "raw", "source");

    private final AnalyticsNode.ThreatLookup spec;
    private final RowOperator downstream;
    private final int[] columnIndexes = new int[COLUMNS.size()];
    private final List<String> keyValue = new ArrayList<>(1);

    ThreatLookupOperator(AnalyticsNode.ThreatLookup spec, RowOperator downstream) {
        this.spec = spec;
        this.downstream = downstream;
        List<String> columns = spec.table().columns();
        for (int index = 0; index < columnIndexes.length; index++) {
            columnIndexes[index] = -1;
            for (int column = 0; column < columns.size(); column++) {
                if (columns.get(column).equalsIgnoreCase(COLUMNS.get(index))) {
                    columnIndexes[index] = column;
                }
            }
        }
    }

    @Override
    public boolean addInput(Row row) {
        LookupTable table = spec.table();
        int[] outputs = spec.outputSlots();
        for (int output : outputs) {
            row.values[output] = null;
        }
        for (int slot : spec.inputSlots()) {
            String value = Values.toText(row.values[slot]);
            if (value == null || value.isEmpty()) {
                continue;
            }
            keyValue.clear();
            keyValue.add(value);
            List<String> hit = table.get(keyValue);
            if (hit == null) {
                continue;
            }
            String source = columnIndexes[5] >= 0 && hit.get(columnIndexes[5]) != null ? hit.get(columnIndexes[5])
                    : DEFAULT_SOURCE;
            if (spec.source() != null && !spec.source().equalsIgnoreCase(source)) {
                continue;
            }
            for (int index = 0; index < 5; index++) {
                row.values[outputs[index]] = columnIndexes[index] < 0 ? null : hit.get(columnIndexes[index]);
            }
            row.values[outputs[5]] = source;
            break;
        }
        return downstream.addInput(row);
    }

    @Override
    public void finish() {
        downstream.finish();
    }
}
