package dev.loupe.query.ast;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.SourceSpan;
import dev.loupe.query.ast.Expression.FieldReference;
import java.util.List;

/**
 * The operators of the aggregates-and-time-series family (spec §2.5–2.7, §2.9–2.11): bucketing, pivoting,
 * ranking, gap filling, time comparison and the order-sensitive window operators. They reach the pipeline wrapped
 * in {@link Operator.TimeSeries}. Optional parts are null when absent, as documented per record.
 */
public sealed interface SeriesOperator {

    /** The whole operator text. */
    SourceSpan span();

    /** The operator keyword, for printing. */
    String keyword();

    /** How wide {@code timeslice} buckets are. */
    sealed interface TimesliceSize {
        /** {@code timeslice 5m}: a fixed length in milliseconds. */
        record FixedLength(long millis) implements TimesliceSize {}

        /** {@code timeslice 150 buckets}: a clock-aligned length giving at most this many buckets over the range. */
        record BucketCount(long buckets) implements TimesliceSize {}

        /** {@code timeslice} alone: one bucket spanning the whole query range. */
        record WholeRange() implements TimesliceSize {}
    }

    /**
     * {@code timeslice [by] 5m [as f]}.
     *
     * @param alias the output field, or null for {@code _timeslice}
     */
    record Timeslice(TimesliceSize size, FieldReference alias, SourceSpan span) implements SeriesOperator {
        public Timeslice {
            requireNonNull(size, "size is null");
            requireNonNull(span, "span is null");
        }

        @Override
        public String keyword() {
            return "timeslice";
        }
    }

    /** {@code withtime f}: creates {@code f_withtime} for {@code most_recent}/{@code least_recent}. */
    record Withtime(FieldReference field, SourceSpan span) implements SeriesOperator {
        public Withtime {
            requireNonNull(field, "field is null");
            requireNonNull(span, "span is null");
        }

        @Override
        public String keyword() {
            return "withtime";
        }
    }

    /**
     * {@code transpose row r... column c... [as a, b[, *]]}.
     *
     * @param aliases the listed output columns (empty without {@code as})
     * @param includeRest whether the other dynamic columns are kept: true without {@code as} or with a {@code *}
     */
    record Transpose(List<FieldReference> rows, List<FieldReference> columns, List<FieldReference> aliases,
            boolean includeRest, SourceSpan span) implements SeriesOperator {
        public Transpose {
            rows = List.copyOf(rows);
            columns = List.copyOf(columns);
            aliases = List.copyOf(aliases);
            requireNonNull(span, "span is null");
        }

        @Override
        public String keyword() {
            return "transpose";
        }
    }

    /** {@code topk(N, f[, f2]) [by g...]}. */
    record TopK(long count, List<FieldReference> rankBy, List<FieldReference> groupBy, SourceSpan span)
            implements SeriesOperator {
        public TopK {
            rankBy = List.copyOf(rankBy);
            groupBy = List.copyOf(groupBy);
            requireNonNull(span, "span is null");
        }

        @Override
        public String keyword() {
            return "topk";
        }
    }

    /** One {@code fillmissing} generator. */
    sealed interface FillGenerator {
        /**
         * {@code timeslice[(d)] [in f]}.
         *
         * @param millis the bucket length, or null for the previous {@code timeslice}'s
         * @param field the field, or null for {@code _timeslice}
         */
        record Timeslices(Long millis, FieldReference field) implements FillGenerator {}

        /** {@code values("a", "b") in f}. */
        record ListedValues(List<Expression> values, FieldReference field) implements FillGenerator {
            public ListedValues {
                values = List.copyOf(values);
                requireNonNull(field, "field is null");
            }
        }

        /** {@code values all in f}: every value seen. */
        record AllValues(FieldReference field) implements FillGenerator {
            public AllValues {
                requireNonNull(field, "field is null");
            }
        }
    }

    /** {@code with v for f} of {@code fillmissing}. */
    record FillDefault(Expression value, FieldReference field) {
        public FillDefault {
            requireNonNull(value, "value is null");
            requireNonNull(field, "field is null");
        }
    }

    /** {@code fillmissing generator, ... [with v for f, ...] [takeLast]}. */
    record FillMissing(List<FillGenerator> generators, List<FillDefault> defaults, boolean takeLast, SourceSpan span)
            implements SeriesOperator {
        public FillMissing {
            generators = List.copyOf(generators);
            defaults = List.copyOf(defaults);
            requireNonNull(span, "span is null");
        }

        @Override
        public String keyword() {
            return "fillmissing";
        }
    }

    /** How a multi-period {@code timeshift} is combined. */
    enum ShiftFunction {
        /** One column per period. */
        NONE,
        AVG,
        MIN,
        MAX
    }

    /**
     * One {@code timeshift <amount><unit> [periods] [avg|min|max] [as alias]}.
     *
     * @param amount the number before the unit ({@code 2} in {@code 2d})
     * @param unit the unit letter ({@code s m h d w})
     * @param alias the suffix replacing the generated one, or null
     */
    record Shift(long amount, String unit, long periods, ShiftFunction function, String alias, SourceSpan span) {
        public Shift {
            requireNonNull(unit, "unit is null");
            requireNonNull(function, "function is null");
            requireNonNull(span, "span is null");
        }
    }

    /** {@code compare [with] timeshift ... {, timeshift ...}}. */
    record Compare(List<Shift> shifts, SourceSpan span) implements SeriesOperator {
        public Compare {
            shifts = List.copyOf(shifts);
            requireNonNull(span, "span is null");
        }

        @Override
        public String keyword() {
            return "compare";
        }
    }

    /** The running operators of spec §2.9 with their default output names and window sizes. */
    enum WindowKind {
        TOTAL("total", "_total", 0),
        ACCUM("accum", "_accum", 0),
        DIFF("diff", "_diff", 0),
        BACKSHIFT("backshift", "_backshift", 1),
        SMOOTH("smooth", "_smooth", 10),
        ROLLINGSTD("rollingstd", "_rollingstd", 10);

        private final String keyword;
        private final String defaultOutputName;
        private final long defaultSize;

        WindowKind(String keyword, String defaultOutputName, long defaultSize) {
            this.keyword = keyword;
            this.defaultOutputName = defaultOutputName;
            this.defaultSize = defaultSize;
        }

        public String keyword() {
            return keyword;
        }

        public String defaultOutputName() {
            return defaultOutputName;
        }

        /** The window (or shift) when none is written; 0 when the operator takes none. */
        public long defaultSize() {
            return defaultSize;
        }
    }

    /**
     * {@code total|accum|diff f [as a] [by g]}, {@code backshift|smooth|rollingstd f[, n] [as a] [by g]}.
     *
     * @param size the window or shift as written, or null for the default
     * @param alias the output field, or null for the default name
     */
    record Window(WindowKind kind, FieldReference field, Long size, FieldReference alias,
            List<FieldReference> groupBy, SourceSpan span) implements SeriesOperator {
        public Window {
            requireNonNull(kind, "kind is null");
            requireNonNull(field, "field is null");
            groupBy = List.copyOf(groupBy);
            requireNonNull(span, "span is null");
        }

        @Override
        public String keyword() {
            return kind.keyword();
        }
    }

    /** Which side of the band {@code outlier} flags. */
    enum Direction {
        BOTH,
        ABOVE,
        BELOW
    }

    /** {@code outlier f [by g] [window=N, threshold=T, consecutive=C, direction=+-]}. */
    record Outlier(FieldReference field, List<FieldReference> groupBy, long window, double threshold,
            long consecutive, Direction direction, SourceSpan span) implements SeriesOperator {
        public Outlier {
            requireNonNull(field, "field is null");
            groupBy = List.copyOf(groupBy);
            requireNonNull(direction, "direction is null");
            requireNonNull(span, "span is null");
        }

        @Override
        public String keyword() {
            return "outlier";
        }
    }

    /**
     * {@code predict f by <interval> [model=linear|ar, ar.window=N, forecast=N|<duration>]}.
     *
     * @param forecastPoints how many points to forecast after the last one
     */
    record Predict(FieldReference field, long intervalMillis, boolean autoregressive, long arWindow,
            long forecastPoints, SourceSpan span) implements SeriesOperator {
        public Predict {
            requireNonNull(field, "field is null");
            requireNonNull(span, "span is null");
        }

        @Override
        public String keyword() {
            return "predict";
        }
    }
}
