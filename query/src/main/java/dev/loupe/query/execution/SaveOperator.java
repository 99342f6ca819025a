package dev.loupe.query.execution;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.plan.AnalyticsNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code save [append] path://"..."}: passes every row on unchanged and, at the end of input, writes the saved
 * columns of all rows (values as text; a null key value is written as the empty text) to the table in one
 * {@link dev.loupe.query.lookup.WritableLookupTables#write} call, so a failed query writes nothing.
 */
final class SaveOperator implements RowOperator {
    private final AnalyticsNode.Save spec;
    private final RowOperator downstream;
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean[] keyColumn;

    SaveOperator(AnalyticsNode.Save spec, RowOperator downstream) {
        this.spec = spec;
        this.downstream = downstream;
        keyColumn = new boolean[spec.columns().size()];
        for (int index = 0; index < keyColumn.length; index++) {
            keyColumn[index] = spec.keyColumns().contains(spec.columns().get(index));
        }
    }

    @Override
    public boolean addInput(Row row) {
        List<String> values = new ArrayList<>(spec.slots().length);
        for (int index = 0; index < spec.slots().length; index++) {
            int slot = spec.slots()[index];
            String value = slot < row.values.length ? Values.toText(row.values[slot]) : null;
            values.add(value == null && keyColumn[index] ? "" : value);
        }
        rows.add(values);
        downstream.addInput(row);
        return true;
    }

    @Override
    public void finish() {
        try {
            spec.target().write(spec.reference(), spec.columns(), spec.keyColumns(), rows, spec.append());
        } catch (IllegalArgumentException rejected) {
            throw new LoupeException(ErrorCode.QUERY_INVALID, rejected.getMessage(), rejected);
        }
        downstream.finish();
    }
}
