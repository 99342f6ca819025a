package dev.loupe.query.execution;

import java.util.ArrayList;
import java.util.List;

/** The end of a chain: keeps up to a maximum number of rows. */
final class RowCollector implements RowOperator {
    private final int maximum;
    private final List<Row> rows = new ArrayList<>();

    RowCollector(int maximum) {
        this.maximum = maximum;
    }

    @Override
    public boolean addInput(Row row) {
        if (rows.size() >= maximum) {
            return false;
        }
        rows.add(row);
        return rows.size() < maximum;
    }

    @Override
    public void finish() {}

    List<Row> rows() {
        return rows;
    }
}
