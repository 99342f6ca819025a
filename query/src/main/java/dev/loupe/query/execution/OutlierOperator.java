package dev.loupe.query.execution;

import dev.loupe.query.plan.SeriesNode;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code outlier} (spec §2.10), per {@code by} group in row order: the band is the mean ± threshold × the sample
 * standard deviation of the previous {@code window} numeric values (the current one excluded). Until two
 * previous values exist the error, bounds and std are null and nothing is flagged. {@code _indicator} is 1 outside
 * the band on the chosen side; {@code _violation} is 1 once {@code consecutive} indicators in a row are 1.
 * Non-numeric rows get null outputs and leave the state alone.
 */
final class OutlierOperator implements RowOperator {
    private final SeriesNode.Outlier node;
    private final RowOperator downstream;
    private final Map<KeyTuple, History> histories = new HashMap<>();

    OutlierOperator(SeriesNode.Outlier node, RowOperator downstream) {
        this.node = node;
        this.downstream = downstream;
    }

    @Override
    public boolean addInput(Row row) {
        int[] outputs = node.outputSlots();
        Number number = Values.toNumber(row.values[node.inputSlot()]);
        if (number == null) {
            for (int output : outputs) {
                row.values[output] = null;
            }
            return downstream.addInput(row);
        }
        History history = histories.computeIfAbsent(KeyTuple.of(row, node.groupSlots()),
                key -> new History(node.window()));
        double value = number.doubleValue();
        long indicator = 0;
        if (history.size() >= 2) {
            double mean = history.mean();
            double deviation = history.standardDeviation(mean);
            double lower = mean - node.threshold() * deviation;
            double upper = mean + node.threshold() * deviation;
            boolean above = value > upper;
            boolean below = value < lower;
            indicator = switch (node.direction()) {
                case BOTH -> above || below ? 1 : 0;
                case ABOVE -> above ? 1 : 0;
                case BELOW -> below ? 1 : 0;
            };
            row.values[outputs[0]] = value - mean;
            row.values[outputs[1]] = lower;
            row.values[outputs[2]] = upper;
            row.values[outputs[5]] = deviation;
        } else {
            row.values[outputs[0]] = null;
            row.values[outputs[1]] = null;
            row.values[outputs[2]] = null;
            row.values[outputs[5]] = null;
        }
        history.run = indicator == 1 ? history.run + 1 : 0;
        row.values[outputs[3]] = indicator;
        row.values[outputs[4]] = history.run >= node.consecutive() ? 1L : 0L;
        history.push(value);
        return downstream.addInput(row);
    }

    @Override
    public void finish() {
        downstream.finish();
    }

    /** The last values of one group and its current run of indicators. */
    private static final class History {
        private final double[] values;
        private int count;
        private long run;

        History(int window) {
            this.values = new double[Math.max(1, window)];
        }

        int size() {
            return Math.min(count, values.length);
        }

        void push(double value) {
            values[count % values.length] = value;
            count++;
        }

        double mean() {
            double sum = 0;
            for (int index = 0; index < size(); index++) {
                sum += values[index];
            }
            return sum / size();
        }

        double standardDeviation(double mean) {
            double squares = 0;
            for (int index = 0; index < size(); index++) {
                squares += (values[index] - mean) * (values[index] - mean);
            }
            return Math.sqrt(squares / (size() - 1));
        }
    }
}
