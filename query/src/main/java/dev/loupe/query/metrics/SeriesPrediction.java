package dev.loupe.query.metrics;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.forecast.LinearEquations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code predict [model=linear|ar] [forecast=N|<d>] [ar.window=N]} over the one input series of a row (spec §4.4).
 * The output is the input series unchanged, then {@code _predict=fitted} (the model's value at each input point) and
 * {@code _predict=forecast} (the points after the series' end, one per interval), both with the input's dimensions.
 */
final class SeriesPrediction {
    private SeriesPrediction() {}

    /** The dimension marking the two output series. */
    static final String PREDICT_DIMENSION = "_predict";

    /*
     * Design notes. The series is quantized, so positions are bucket indexes x = (t - first) / interval; gaps keep
     * their distance. Linear: ordinary least squares y = a + b·x. AR(p): y[i] = c + Σ φ[j]·y[i−j] for j = 1..p over
     * consecutive points (gaps ignored), fitted by least squares (normal equations, Gaussian elimination with partial
     * pivoting); a point has a fitted value once it has p predecessors, and forecasts feed back recursively. With too
     * few points (≤ p + 1) or a singular system the AR model falls back to the linear one.
     */

    /** The input series, its fitted values and its forecast; {@code input} itself when it has no point. */
    static List<MetricSeries> predict(List<MetricSeries> input, MetricsOperator.Predict predict, long interval) {
        if (input.isEmpty()) {
            return input;
        }
        if (input.size() > 1) {
            throw new LoupeException(ErrorCode.QUERY_INVALID, "predict needs a single input series, and this row has " + input.size()
                    + "; aggregate them first (e.g. | sum)", predict.span());
        }
        MetricSeries series = input.getFirst();
        int size = series.size();
        if (size == 0) {
            return input;
        }
        int forecast = predict.forecastMillis() > 0
                ? (int) Math.min(MetricsOperator.Predict.MAX_FORECAST_POINTS, Math.max(1, ceilingDivide(predict.forecastMillis(), interval)))
                : predict.forecastPoints();
        long first = series.timestamps()[0];
        long last = series.timestamps()[size - 1];
        double[] positions = new double[size];
        for (int index = 0; index < size; index++) {
            positions[index] = (double) (series.timestamps()[index] - first) / interval;
        }
        double[] line = linearFit(positions, series.values());
        long[] forecastTimes = new long[forecast];
        double[] forecastValues = new double[forecast];
        for (int step = 0; step < forecast; step++) {
            forecastTimes[step] = last + (step + 1) * interval;
        }
        MetricSeries fitted;
        double[] coefficients = predict.autoregressive() ? autoregressiveFit(series.values(), predict.arWindow()) : null;
        if (coefficients == null) {
            double[] values = new double[size];
            for (int index = 0; index < size; index++) {
                values[index] = line[0] + line[1] * positions[index];
            }
            for (int step = 0; step < forecast; step++) {
                forecastValues[step] = line[0] + line[1] * ((double) (forecastTimes[step] - first) / interval);
            }
            fitted = new MetricSeries(marked(series, "fitted"), series.timestamps().clone(), values);
        } else {
            int order = predict.arWindow();
            double[] extended = new double[size + forecast];
            System.arraycopy(series.values(), 0, extended, 0, size);
            long[] fittedTimes = new long[size - order];
            double[] fittedValues = new double[size - order];
            for (int index = order; index < size + forecast; index++) {
                double value = coefficients[0];
                for (int lag = 1; lag <= order; lag++) {
                    value += coefficients[lag] * extended[index - lag];
                }
                if (index < size) {
                    fittedTimes[index - order] = series.timestamps()[index];
                    fittedValues[index - order] = value;
                } else {
                    extended[index] = value;
                    forecastValues[index - size] = value;
                }
            }
            fitted = new MetricSeries(marked(series, "fitted"), fittedTimes, fittedValues);
        }
        return new ArrayList<>(List.of(series, fitted, new MetricSeries(marked(series, "forecast"), forecastTimes, forecastValues)));
    }

    private static long ceilingDivide(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    private static Map<String, String> marked(MetricSeries series, String kind) {
        Map<String, String> dimensions = new LinkedHashMap<>(series.dimensions());
        dimensions.put(PREDICT_DIMENSION, kind);
        return dimensions;
    }

    /** {@code {a, b}} of the least-squares line {@code y = a + b·x}; a flat line when every x is the same. */
    static double[] linearFit(double[] positions, double[] values) {
        int size = values.length;
        double meanX = 0;
        double meanY = 0;
        for (int index = 0; index < size; index++) {
            meanX += positions[index];
            meanY += values[index];
        }
        meanX /= size;
        meanY /= size;
        double covariance = 0;
        double variance = 0;
        for (int index = 0; index < size; index++) {
            covariance += (positions[index] - meanX) * (values[index] - meanY);
            variance += (positions[index] - meanX) * (positions[index] - meanX);
        }
        double slope = variance == 0 ? 0 : covariance / variance;
        return new double[] {meanY - slope * meanX, slope};
    }

    /** {@code {c, φ1..φp}} of the AR(p) least-squares fit, or null when there are too few points or no unique fit. */
    static double[] autoregressiveFit(double[] values, int order) {
        int size = values.length;
        if (size <= order + 1) {
            return null;
        }
        int unknowns = order + 1;
        double[][] normal = new double[unknowns][unknowns + 1];
        double[] features = new double[unknowns];
        for (int time = order; time < size; time++) {
            features[0] = 1;
            for (int lag = 1; lag <= order; lag++) {
                features[lag] = values[time - lag];
            }
            for (int row = 0; row < unknowns; row++) {
                for (int column = 0; column < unknowns; column++) {
                    normal[row][column] += features[row] * features[column];
                }
                normal[row][unknowns] += features[row] * values[time];
            }
        }
        return solve(normal);
    }

    /** Solves the normal equations; a pivot at most 1e-12 times the largest coefficient counts as zero. */
    private static double[] solve(double[][] system) {
        int size = system.length;
        double scale = 0;
        for (double[] row : system) {
            for (int column = 0; column < size; column++) {
                scale = Math.max(scale, Math.abs(row[column]));
            }
        }
        return LinearEquations.solve(system, 1e-12 * Math.max(1, scale));
    }
}
