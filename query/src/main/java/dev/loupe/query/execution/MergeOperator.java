package dev.loupe.query.execution;

import dev.loupe.query.plan.CompositeNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code merge} (spec §2.17): reduces all its input rows to one, at the end of input. The output is the first
 * row with each merged field replaced: {@code join} concatenates the non-null values with the separator,
 * {@code takeFirst}/{@code takeLast} keep the first/last non-null value, {@code takeDistinct} joins the distinct
 * values with a newline. No input gives no output.
 */
final class MergeOperator implements RowOperator {
    private final CompositeNode.Merge merge;
    private final RowOperator downstream;
    private final RowBuffer rows;

    MergeOperator(CompositeNode.Merge merge, QueryGuard guard, RowOperator downstream) {
        this.merge = merge;
        this.downstream = downstream;
        this.rows = new RowBuffer(guard, "merge");
    }

    @Override
    public boolean addInput(Row row) {
        rows.add(row);
        return true;
    }

    @Override
    public void finish() {
        if (!rows.isEmpty()) {
            Row merged = rows.get(0).copy();
            for (CompositeNode.MergeSpec spec : merge.fields()) {
                merged.values[spec.outputSlot()] = merge(spec);
            }
            downstream.addInput(merged);
        }
        rows.clear();
        downstream.finish();
    }

    private String merge(CompositeNode.MergeSpec spec) {
        List<String> values = new ArrayList<>();
        for (Row row : rows) {
            String value = Values.toText(row.values[spec.inputSlot()]);
            if (value != null) {
                values.add(value);
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        return switch (spec.mode()) {
            case JOIN -> String.join(spec.separator(), values);
            case TAKE_FIRST -> values.get(0);
            case TAKE_LAST -> values.get(values.size() - 1);
            case TAKE_DISTINCT -> {
                Set<String> distinct = new LinkedHashSet<>(values);
                yield String.join("\n", distinct);
            }
        };
    }
}
