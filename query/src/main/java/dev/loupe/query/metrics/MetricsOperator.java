package dev.loupe.query.metrics;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.SourceSpan;
import java.util.List;

/** One {@code |}-separated operator of a metrics query (spec §4.4). */
sealed interface MetricsOperator {
    SourceSpan span();

    /**
     * {@code quantize [to] <d> [using r] [drop last]}.
     *
     * @param intervalMillis 0 when only {@code using} was given
     * @param rollup null when no {@code using}
     */
    record Quantize(long intervalMillis, Rollup rollup, boolean dropLast, SourceSpan span) implements MetricsOperator {}

    /** {@code sum by a, b}, {@code pct(95) by a}, {@code count}. */
    record Aggregate(AggregateFunction function, double percentile, List<String> by, SourceSpan span) implements MetricsOperator {
        public Aggregate {
            requireNonNull(function, "function is null");
            by = List.copyOf(by);
        }
    }

    /** {@code rate [counter] [over d]}; {@code overMillis} 0 for consecutive points. */
    record Rate(CounterMode mode, long overMillis, SourceSpan span) implements MetricsOperator {}

    record Delta(CounterMode mode, SourceSpan span) implements MetricsOperator {}

    record Accumulate(SourceSpan span) implements MetricsOperator {}

    record Eval(Expression expression, SourceSpan span) implements MetricsOperator {}

    /**
     * {@code where}/{@code filter}: a point filter when {@code condition} uses {@code _value} and {@code qualifier}
     * is null, otherwise a series filter.
     */
    record Where(Expression condition, Qualifier qualifier, SourceSpan span) implements MetricsOperator {}

    /** {@code topk(N, expr) by f} and {@code bottomk}. */
    record Rank(boolean top, int count, Expression ranking, List<String> by, SourceSpan span) implements MetricsOperator {
        public Rank {
            by = List.copyOf(by);
        }
    }

    /** {@code fillmissing [using] empty|interpolation|last|<n>}; {@code constant} used with {@code CONSTANT}. */
    record FillMissing(FillMode mode, double constant, SourceSpan span) implements MetricsOperator {}

    record Timeshift(long millis, SourceSpan span) implements MetricsOperator {}

    record Outlier(long windowMillis, int windowPoints, double threshold, Direction direction, SourceSpan span) implements MetricsOperator {}

    /** {@code ewma [alpha=a | span=n]}. */
    record MovingAverage(double alpha, SourceSpan span) implements MetricsOperator {}

    /** {@code parse [field=F] pattern as a, b}. */
    record Parse(String field, String pattern, List<String> names, SourceSpan span) implements MetricsOperator {
        public Parse {
            names = List.copyOf(names);
        }
    }

    /**
     * {@code predict [model=linear|ar] [forecast=N|<d>] [ar.window=N]}.
     *
     * @param forecastPoints points forecast after the series' end, 1..{@link #MAX_FORECAST_POINTS}; when
     *     {@code forecastMillis} is positive the count is worked out from it and the row's interval instead
     * @param forecastMillis the forecast as a duration, 0 when given as a count
     * @param arWindow the autoregressive model's order (lags), used with {@code autoregressive}
     */
    record Predict(boolean autoregressive, int forecastPoints, long forecastMillis, int arWindow, SourceSpan span) implements MetricsOperator {
        /** The most forecast points (spec §4.4). */
        public static final int MAX_FORECAST_POINTS = 50;
    }

    /** {@code histogram_quantile(q)} with {@code 0 <= q <= 1}, over Prometheus {@code le}-bucket series. */
    record HistogramQuantile(double quantile, SourceSpan span) implements MetricsOperator {}

    /** {@code sort [by] <dimension | series expression> [asc|desc]}. */
    record Sort(String dimension, Expression ranking, boolean ascending, SourceSpan span) implements MetricsOperator {}

    enum AggregateFunction {
        AVG,
        SUM,
        MIN,
        MAX,
        COUNT,
        PCT,
        STDDEV
    }

    enum CounterMode {
        PLAIN,
        INCREASING,
        DECREASING,
        COUNTER
    }

    enum FillMode {
        EMPTY,
        INTERPOLATION,
        LAST,
        CONSTANT
    }

    enum Direction {
        BOTH,
        UP,
        DOWN
    }

    /**
     * How a point condition qualifies a whole series: {@code all}, {@code any}, {@code atleast N}, {@code last d}
     * (every point of the last d), {@code first d}.
     */
    record Qualifier(QualifierKind kind, int count, long durationMillis) {}

    enum QualifierKind {
        ALL,
        ANY,
        AT_LEAST,
        LAST,
        FIRST
    }
}
