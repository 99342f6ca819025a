package dev.loupe.query.execution;

import dev.loupe.query.plan.EnrichNode;

/**
 * {@code bin}: the bin of a numeric field, as {@code _bin_lower}, {@code _bin_upper} (doubles) and
 * {@code _bin_label} ({@code "[lower, upper)"}); values below {@code min} fall in the first bin, values at or above
 * {@code max} in the last. Non-numeric or null values give nulls.
 */
final class BinOperator implements RowOperator {
    private final EnrichNode.Bin node;
    private final RowOperator downstream;

    BinOperator(EnrichNode.Bin node, RowOperator downstream) {
        this.node = node;
        this.downstream = downstream;
    }

    @Override
    public boolean addInput(Row row) {
        Object[] values = row.values;
        Number number = Values.toNumber(values[node.inputSlot()]);
        if (number == null || Double.isNaN(number.doubleValue()) || Double.isInfinite(number.doubleValue())) {
            values[node.labelSlot()] = null;
            values[node.lowerSlot()] = null;
            values[node.upperSlot()] = null;
            return downstream.addInput(row);
        }
        double width = node.width();
        boolean hasMin = !Double.isNaN(node.min());
        double base = hasMin ? node.min() : 0;
        double index = Math.floor((number.doubleValue() - base) / width);
        if (hasMin) {
            index = Math.max(index, 0);
        }
        if (!Double.isNaN(node.max())) {
            double last = Math.ceil((node.max() - base) / width) - 1;
            index = Math.min(index, Math.max(last, 0));
        }
        double lower = base + index * width;
        double upper = lower + width;
        values[node.lowerSlot()] = lower;
        values[node.upperSlot()] = upper;
        values[node.labelSlot()] = "[" + Values.formatDouble(lower) + ", " + Values.formatDouble(upper) + ")";
        return downstream.addInput(row);
    }

    @Override
    public void finish() {
        downstream.finish();
    }
}
