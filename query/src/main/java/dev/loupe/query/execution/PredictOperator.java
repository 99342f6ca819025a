package dev.loupe.query.execution;

import dev.loupe.query.forecast.LinearEquations;
import dev.loupe.query.plan.SeriesNode;

/**
 * {@code predict} (spec §2.10): buffers the rows, orders them by timeslice, and fits the series. Missing and
 * non-numeric values count as 0. The linear model is an ordinary least-squares line over the bucket index;
 * {@code model=ar} fits {@code y[t] = c + Σ φ[j]·y[t−j]} for {@code j = 1..window} by least squares (normal
 * equations, Gaussian elimination), predicts each point from its predecessors (the first {@code window} points
 * get the linear prediction) and forecasts recursively; it also writes the linear prediction to
 * {@code <f>_linear}. Forecast rows extend the timeslice by the interval and carry only the timeslice and the
 * prediction.
 */
final class PredictOperator implements RowOperator {
    private final SeriesNode.Predict node;
    private final SeriesContext context;
    private final RowOperator downstream;
    private final RowBuffer rows;

    PredictOperator(SeriesNode.Predict node, SeriesContext context, RowOperator downstream) {
        this.node = node;
        this.context = context;
        this.downstream = downstream;
        this.rows = new RowBuffer(context.guard(), "predict");
    }

    @Override
    public boolean addInput(Row row) {
        rows.add(row);
        return true;
    }

    @Override
    public void finish() {
        rows.sort((left, right) -> -TopKOperator.descending(left.values[node.timesliceSlot()],
                right.values[node.timesliceSlot()]));
        int size = rows.size();
        int total = size + node.forecastPoints();
        double[] series = new double[total];
        for (int index = 0; index < size; index++) {
            Number number = Values.toNumber(rows.get(index).values[node.inputSlot()]);
            series[index] = number == null ? 0 : number.doubleValue();
        }
        double[] line = linear(series, size, total);
        double[] predicted = node.autoregressive() ? autoregressive(series, size, total, line) : line;
        int width = context.slotCount();
        long lastStart = 0;
        for (int index = 0; index < size; index++) {
            Row row = rows.get(index);
            if (size > 0) {
                row.values[node.predictedSlot()] = predicted[index];
                row.values[node.errorSlot()] = series[index] - predicted[index];
                if (node.linearSlot() >= 0) {
                    row.values[node.linearSlot()] = line[index];
                }
            }
            if (row.values[node.timesliceSlot()] instanceof Long start) {
                lastStart = start;
            }
            width = Math.max(width, row.values.length);
        }
        boolean open = true;
        for (Row row : rows) {
            if (!downstream.addInput(row)) {
                open = false;
                break;
            }
        }
        for (int index = size; open && size > 0 && index < total; index++) {
            Object[] values = new Object[width];
            values[node.timesliceSlot()] = lastStart + (index - size + 1) * node.intervalMillis();
            values[node.predictedSlot()] = predicted[index];
            if (node.linearSlot() >= 0) {
                values[node.linearSlot()] = line[index];
            }
            open = downstream.addInput(new Row(values, null));
        }
        rows.clear();
        downstream.finish();
    }

    private static double[] linear(double[] series, int size, int total) {
        double[] result = new double[total];
        if (size == 0) {
            return result;
        }
        double meanX = (size - 1) / 2.0;
        double meanY = 0;
        for (int index = 0; index < size; index++) {
            meanY += series[index] / size;
        }
        double covariance = 0;
        double variance = 0;
        for (int index = 0; index < size; index++) {
            covariance += (index - meanX) * (series[index] - meanY);
            variance += (index - meanX) * (index - meanX);
        }
        double slope = variance == 0 ? 0 : covariance / variance;
        for (int index = 0; index < total; index++) {
            result[index] = meanY + slope * (index - meanX);
        }
        return result;
    }

    private double[] autoregressive(double[] series, int size, int total, double[] line) {
        int order = node.arWindow();
        if (size <= order + 1) {
            return line;
        }
        int unknowns = order + 1;
        double[][] normal = new double[unknowns][unknowns + 1];
        double[] features = new double[unknowns];
        for (int time = order; time < size; time++) {
            features[0] = 1;
            for (int lag = 1; lag <= order; lag++) {
                features[lag] = series[time - lag];
            }
            for (int row = 0; row < unknowns; row++) {
                for (int column = 0; column < unknowns; column++) {
                    normal[row][column] += features[row] * features[column];
                }
                normal[row][unknowns] += features[row] * series[time];
            }
        }
        // Pivots below 1e-12 in magnitude count as zero.
        double[] coefficients = LinearEquations.solve(normal, Math.nextDown(1e-12));
        if (coefficients == null) {
            return line;
        }
        double[] result = new double[total];
        double[] extended = series.clone();
        for (int time = 0; time < total; time++) {
            if (time < order) {
                result[time] = line[time];
                continue;
            }
            double value = coefficients[0];
            for (int lag = 1; lag <= order; lag++) {
                value += coefficients[lag] * extended[time - lag];
            }
            result[time] = value;
            if (time >= size) {
                extended[time] = value;
            }
        }
        return result;
    }
}
