package dev.loupe.query.metrics;

import dev.loupe.query.metrics.MetricsOperator.CounterMode;
import dev.loupe.query.metrics.MetricsOperator.Qualifier;
import dev.loupe.store.spi.metrics.MetricSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The per-series operators: each maps one input series to zero, one or a few output series. Stateless. */
final class SeriesTransforms {
    private SeriesTransforms() {}

    /** Collects points; NaN values are skipped. */
    private static final class Points {
        long[] timestamps;
        double[] values;
        int size;

        Points(int capacity) {
            timestamps = new long[Math.max(capacity, 1)];
            values = new double[timestamps.length];
        }

        void add(long timestamp, double value) {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                return;
            }
            if (size == timestamps.length) {
                timestamps = Arrays.copyOf(timestamps, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            timestamps[size] = timestamp;
            values[size] = value;
            size++;
        }

        MetricSeries toSeries(Map<String, String> dimensions) {
            return new MetricSeries(dimensions, Arrays.copyOf(timestamps, size), Arrays.copyOf(values, size));
        }
    }

    /** The difference to the previous point, with counter resets (a drop means the counter restarted from 0). */
    private static double difference(double previous, double current, CounterMode mode) {
        double delta = current - previous;
        return switch (mode) {
            case PLAIN -> delta;
            case COUNTER, INCREASING -> delta < 0 ? current : delta;
            case DECREASING -> delta > 0 ? current : delta;
        };
    }

    private static Map<String, String> renamed(MetricSeries series, String function) {
        Map<String, String> dimensions = new LinkedHashMap<>(series.dimensions());
        String metric = SeriesAggregator.valueOf(series, MetricSample.METRIC);
        dimensions.keySet().removeIf(key -> key.equalsIgnoreCase(MetricSample.METRIC));
        dimensions.put(MetricSample.METRIC, metric == null ? function : function + "(" + metric + ")");
        return dimensions;
    }

    /**
     * {@code rate}: per second between consecutive points, at the later point; with {@code over d}, between the
     * first point at or after {@code t - d} and the point at t (summing counter-adjusted differences).
     */
    static MetricSeries rate(MetricSeries series, CounterMode mode, long overMillis) {
        long[] timestamps = series.timestamps();
        double[] values = series.values();
        Points points = new Points(timestamps.length);
        if (overMillis == 0) {
            for (int index = 1; index < timestamps.length; index++) {
                points.add(timestamps[index], difference(values[index - 1], values[index], mode) * 1000.0 / (timestamps[index] - timestamps[index - 1]));
            }
        } else {
            double[] cumulative = new double[timestamps.length];
            for (int index = 1; index < timestamps.length; index++) {
                cumulative[index] = cumulative[index - 1] + difference(values[index - 1], values[index], mode);
            }
            int first = 0;
            for (int index = 1; index < timestamps.length; index++) {
                while (timestamps[first] < timestamps[index] - overMillis) {
                    first++;
                }
                if (first < index) {
                    points.add(timestamps[index], (cumulative[index] - cumulative[first]) * 1000.0 / (timestamps[index] - timestamps[first]));
                }
            }
        }
        return points.toSeries(renamed(series, "rate"));
    }

    static MetricSeries delta(MetricSeries series, CounterMode mode) {
        long[] timestamps = series.timestamps();
        double[] values = series.values();
        Points points = new Points(timestamps.length);
        for (int index = 1; index < timestamps.length; index++) {
            points.add(timestamps[index], difference(values[index - 1], values[index], mode));
        }
        return points.toSeries(renamed(series, "delta"));
    }

    static MetricSeries accumulate(MetricSeries series) {
        double[] values = series.values().clone();
        for (int index = 1; index < values.length; index++) {
            values[index] += values[index - 1];
        }
        return new MetricSeries(series.dimensions(), series.timestamps(), values);
    }

    static MetricSeries eval(MetricSeries series, Expression expression, long granularityMillis) {
        SeriesStatistics statistics = new SeriesStatistics(series.values());
        Points points = new Points(series.size());
        for (int index = 0; index < series.size(); index++) {
            points.add(series.timestamps()[index], ExpressionEvaluator.evaluate(expression, statistics, series.values()[index], granularityMillis));
        }
        return points.toSeries(series.dimensions());
    }

    /** {@code where} as a point filter: the points for which the condition holds; null when none does. */
    static MetricSeries wherePoints(MetricSeries series, Expression condition, long granularityMillis) {
        SeriesStatistics statistics = new SeriesStatistics(series.values());
        Points points = new Points(series.size());
        for (int index = 0; index < series.size(); index++) {
            double value = series.values()[index];
            if (ExpressionEvaluator.truth(ExpressionEvaluator.evaluate(condition, statistics, value, granularityMillis))) {
                points.add(series.timestamps()[index], value);
            }
        }
        return points.size == 0 ? null : points.toSeries(series.dimensions());
    }

    /** {@code where}/{@code filter} as a series filter: whether the whole series is kept. */
    static boolean keepSeries(MetricSeries series, Expression condition, Qualifier qualifier, long granularityMillis) {
        SeriesStatistics statistics = new SeriesStatistics(series.values());
        if (qualifier == null) {
            return ExpressionEvaluator.truth(ExpressionEvaluator.evaluate(condition, statistics, Double.NaN, granularityMillis));
        }
        int size = series.size();
        if (size == 0) {
            return false;
        }
        long last = series.timestamps()[size - 1];
        long first = series.timestamps()[0];
        int matching = 0;
        int considered = 0;
        for (int index = 0; index < size; index++) {
            long timestamp = series.timestamps()[index];
            boolean inWindow = switch (qualifier.kind()) {
                case LAST -> timestamp > last - qualifier.durationMillis();
                case FIRST -> timestamp < first + qualifier.durationMillis();
                case ALL, ANY, AT_LEAST -> true;
            };
            if (!inWindow) {
                continue;
            }
            considered++;
            if (ExpressionEvaluator.truth(ExpressionEvaluator.evaluate(condition, statistics, series.values()[index], granularityMillis))) {
                matching++;
            }
        }
        return switch (qualifier.kind()) {
            case ALL, LAST, FIRST -> matching == considered;
            case ANY -> matching > 0;
            case AT_LEAST -> matching >= qualifier.count();
        };
    }

    /**
     * {@code fillmissing}: fills the empty buckets of {@code interval} over {@code [rangeStart, rangeEnd)} (bucket-aligned):
     * a constant everywhere, the last value after the first point, or linear interpolation between points.
     */
    static MetricSeries fillMissing(MetricSeries series, MetricsOperator.FillMissing fill, long interval, long rangeStart, long rangeEnd) {
        if (fill.mode() == MetricsOperator.FillMode.EMPTY || series.size() == 0) {
            return series;
        }
        long firstBucket = Math.floorDiv(rangeStart, interval) * interval;
        Points points = new Points((int) Math.min(Integer.MAX_VALUE - 8, (rangeEnd - firstBucket) / interval + 1));
        long[] timestamps = series.timestamps();
        double[] values = series.values();
        int next = 0;
        for (long bucket = firstBucket; bucket < rangeEnd; bucket += interval) {
            while (next < timestamps.length && timestamps[next] < bucket) {
                points.add(timestamps[next], values[next]);
                next++;
            }
            if (next < timestamps.length && timestamps[next] == bucket) {
                points.add(bucket, values[next]);
                next++;
                continue;
            }
            double value = switch (fill.mode()) {
                case CONSTANT -> fill.constant();
                case LAST -> next == 0 ? Double.NaN : values[next - 1];
                case INTERPOLATION -> next == 0 || next == timestamps.length ? Double.NaN
                        : values[next - 1] + (values[next] - values[next - 1]) * (bucket - timestamps[next - 1]) / (timestamps[next] - timestamps[next - 1]);
                case EMPTY -> Double.NaN;
            };
            points.add(bucket, value);
        }
        while (next < timestamps.length) {
            points.add(timestamps[next], values[next]);
            next++;
        }
        return points.toSeries(series.dimensions());
    }

    static MetricSeries shift(MetricSeries series, long millis) {
        long[] timestamps = series.timestamps().clone();
        for (int index = 0; index < timestamps.length; index++) {
            timestamps[index] += millis;
        }
        return new MetricSeries(series.dimensions(), timestamps, series.values());
    }

    /**
     * {@code outlier}: for each point, the mean and standard deviation of the window before it; a point further
     * than {@code threshold} deviations (in the chosen direction) is an outlier. Output: the series itself, and
     * series with an extra dimension {@code _outlier}: {@code upper} and {@code lower} (the band) and {@code marker}
     * (the outlying points only, omitted when there are none).
     */
    static List<MetricSeries> outlier(MetricSeries series, MetricsOperator.Outlier outlier) {
        long[] timestamps = series.timestamps();
        double[] values = series.values();
        Points upper = new Points(values.length);
        Points lower = new Points(values.length);
        Points markers = new Points(4);
        int windowStart = 0;
        double sum = 0;
        double squares = 0;
        for (int index = 0; index < values.length; index++) {
            if (outlier.windowPoints() > 0) {
                while (index - windowStart > outlier.windowPoints()) {
                    sum -= values[windowStart];
                    squares -= values[windowStart] * values[windowStart];
                    windowStart++;
                }
            } else {
                while (timestamps[windowStart] < timestamps[index] - outlier.windowMillis()) {
                    sum -= values[windowStart];
                    squares -= values[windowStart] * values[windowStart];
                    windowStart++;
                }
            }
            int count = index - windowStart;
            if (count >= 2) {
                double mean = sum / count;
                double deviation = Math.sqrt(Math.max(0, squares / count - mean * mean));
                double high = mean + outlier.threshold() * deviation;
                double low = mean - outlier.threshold() * deviation;
                upper.add(timestamps[index], high);
                lower.add(timestamps[index], low);
                boolean outlying = switch (outlier.direction()) {
                    case BOTH -> values[index] > high || values[index] < low;
                    case UP -> values[index] > high;
                    case DOWN -> values[index] < low;
                };
                if (outlying) {
                    markers.add(timestamps[index], values[index]);
                }
            }
            sum += values[index];
            squares += values[index] * values[index];
        }
        List<MetricSeries> output = new ArrayList<>(4);
        output.add(series);
        output.add(upper.toSeries(withDimension(series, "_outlier", "upper")));
        output.add(lower.toSeries(withDimension(series, "_outlier", "lower")));
        if (markers.size > 0) {
            output.add(markers.toSeries(withDimension(series, "_outlier", "marker")));
        }
        return output;
    }

    static MetricSeries movingAverage(MetricSeries series, double alpha) {
        double[] values = series.values().clone();
        for (int index = 1; index < values.length; index++) {
            values[index] = alpha * values[index] + (1 - alpha) * values[index - 1];
        }
        return new MetricSeries(series.dimensions(), series.timestamps(), values);
    }

    /** Compiles a parse pattern: {@code *} lazy, {@code **} greedy, the rest literal, matching the whole value. */
    static Pattern parsePattern(String pattern) {
        StringBuilder regex = new StringBuilder();
        int index = 0;
        while (index < pattern.length()) {
            if (pattern.startsWith("**", index)) {
                regex.append("(.*)");
                index += 2;
            } else if (pattern.charAt(index) == '*') {
                regex.append("(.*?)");
                index++;
            } else {
                int next = pattern.indexOf('*', index);
                int end = next < 0 ? pattern.length() : next;
                regex.append(Pattern.quote(pattern.substring(index, end)));
                index = end;
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** {@code parse}: adds the captured dimensions; a series whose field does not match is kept unchanged. */
    static MetricSeries parse(MetricSeries series, MetricsOperator.Parse parse, Pattern pattern) {
        String value = SeriesAggregator.valueOf(series, parse.field());
        if (value == null) {
            return series;
        }
        Matcher matcher = pattern.matcher(value);
        if (!matcher.matches()) {
            return series;
        }
        Map<String, String> dimensions = new LinkedHashMap<>(series.dimensions());
        for (int group = 0; group < parse.names().size(); group++) {
            String name = parse.names().get(group);
            dimensions.keySet().removeIf(key -> key.equalsIgnoreCase(name));
            dimensions.put(name, matcher.group(group + 1));
        }
        return new MetricSeries(dimensions, series.timestamps(), series.values());
    }

    static Map<String, String> withDimension(MetricSeries series, String key, String value) {
        Map<String, String> dimensions = new LinkedHashMap<>(series.dimensions());
        dimensions.put(key, value);
        return dimensions;
    }
}
