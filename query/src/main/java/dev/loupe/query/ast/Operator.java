package dev.loupe.query.ast;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.SourceSpan;
import dev.loupe.query.ast.Expression.FieldReference;
import dev.loupe.query.ast.Expression.StringLiteral;
import java.util.List;

/**
 * One pipeline stage after a {@code |} (spec §2). Optional parts are null when absent, as documented per record.
 */
public sealed interface Operator {

    /** The whole operator text, from its first token to its last. */
    SourceSpan span();

    /**
     * {@code json [field=f] "k1", "k2" [as a, b] [nodrop]}.
     *
     * @param field the input field, or null for {@code _raw}
     * @param aliases empty when the keys name the output fields
     */
    record Json(FieldReference field, List<StringLiteral> keys, List<FieldReference> aliases, boolean nodrop,
            SourceSpan span) implements Operator {
        public Json {
            keys = List.copyOf(keys);
            aliases = List.copyOf(aliases);
            requireNonNull(span, "span is null");
        }
    }

    /**
     * {@code parse [field=f] "a*b" [, "c*"] as x, y [nodrop]}: anchor parsing with {@code *} captures.
     *
     * @param field the input field, or null for {@code _raw}
     */
    record ParseAnchor(FieldReference field, List<StringLiteral> patterns, List<FieldReference> aliases,
            boolean nodrop, SourceSpan span) implements Operator {
        public ParseAnchor {
            patterns = List.copyOf(patterns);
            aliases = List.copyOf(aliases);
            requireNonNull(span, "span is null");
        }
    }

    /**
     * {@code parse regex [field=f] "(?<x>...)" [multi] [nodrop]} and its synonym {@code extract}.
     *
     * @param field the input field, or null for {@code _raw}
     */
    record ParseRegex(FieldReference field, List<StringLiteral> patterns, boolean multi, boolean nodrop,
            SourceSpan span) implements Operator {
        public ParseRegex {
            patterns = List.copyOf(patterns);
            requireNonNull(span, "span is null");
        }
    }

    /** {@code where condition}. */
    record Where(Expression condition, SourceSpan span) implements Operator {
        public Where {
            requireNonNull(condition, "condition is null");
            requireNonNull(span, "span is null");
        }
    }

    /** {@code fields a, b} (keep) or {@code fields - a, b} (drop). */
    record Fields(FieldsMode mode, List<FieldReference> fields, SourceSpan span) implements Operator {
        public Fields {
            requireNonNull(mode, "mode is null");
            fields = List.copyOf(fields);
            requireNonNull(span, "span is null");
        }
    }

    /** One or more aggregate calls with an optional {@code [group] by} list. */
    record Aggregate(List<AggregateCall> calls, List<FieldReference> groupBy, SourceSpan span) implements Operator {
        public Aggregate {
            calls = List.copyOf(calls);
            groupBy = List.copyOf(groupBy);
            requireNonNull(span, "span is null");
        }
    }

    /** {@code sort [by] key, ...} or {@code order by ...}. */
    record Sort(List<SortKey> keys, SourceSpan span) implements Operator {
        public Sort {
            keys = List.copyOf(keys);
            requireNonNull(span, "span is null");
        }
    }

    /** {@code limit N}. */
    record Limit(long count, SourceSpan span) implements Operator {
        public Limit {
            requireNonNull(span, "span is null");
        }
    }

    /**
     * {@code top N f1, f2 [by key, ...]}.
     *
     * @param rankBy empty for "by count"
     */
    record Top(long count, List<FieldReference> fields, List<SortKey> rankBy, SourceSpan span) implements Operator {
        public Top {
            fields = List.copyOf(fields);
            rankBy = List.copyOf(rankBy);
            requireNonNull(span, "span is null");
        }
    }

    /**
     * An expression statement: {@code expr as f}, {@code f as g}, {@code "lit" as g}, or an unaliased call that
     * writes back to its first field argument ({@code toLowerCase(x)}).
     *
     * @param target the alias, or null for the write-back form
     */
    record Assign(Expression value, FieldReference target, SourceSpan span) implements Operator {
        public Assign {
            requireNonNull(value, "value is null");
            requireNonNull(span, "span is null");
        }
    }

    /** An operator of the parse and lookup family ({@link EnrichOperator}): csv, split, kv, json auto, parse xml,
     * lookup, geoip, threatip, dedup, bin. */
    record Enrich(EnrichOperator operator) implements Operator {
        public Enrich {
            requireNonNull(operator, "operator is null");
        }

        @Override
        public SourceSpan span() {
            return operator.span();
        }
    }

    /** An operator of the aggregates-and-time-series family ({@link SeriesOperator}). */
    record TimeSeries(SeriesOperator operator) implements Operator {
        public TimeSeries {
            requireNonNull(operator, "operator is null");
        }

        @Override
        public SourceSpan span() {
            return operator.span();
        }
    }

    /** An operator that runs sub-pipelines or reduces groups ({@link CompositeOperator}): join, filter, merge,
     * transactionize, cat. */
    record Composite(CompositeOperator operator) implements Operator {
        public Composite {
            requireNonNull(operator, "operator is null");
        }

        @Override
        public SourceSpan span() {
            return operator.span();
        }
    }

    /** Transaction analytics, behaviour insights or {@code save} ({@link AnalyticsOperator}). */
    record Analytics(AnalyticsOperator operator) implements Operator {
        public Analytics {
            requireNonNull(operator, "operator is null");
        }

        @Override
        public SourceSpan span() {
            return operator.span();
        }
    }

    /**
     * One aggregate call.
     *
     * @param argument the argument expression (the analyzer requires a plain field), or null for {@code count}
     * @param alias the {@code as} name, or null for the default output name
     * @param percentiles the percentiles of {@code pct}/{@code pct_sampling} (one output each); empty otherwise
     */
    record AggregateCall(AggregateFunction function, Expression argument, FieldReference alias, SourceSpan span,
            List<Double> percentiles) {
        public AggregateCall {
            requireNonNull(function, "function is null");
            requireNonNull(span, "span is null");
            percentiles = List.copyOf(percentiles);
        }

        /** A call without percentiles. */
        public AggregateCall(AggregateFunction function, Expression argument, FieldReference alias, SourceSpan span) {
            this(function, argument, alias, span, List.of());
        }
    }

    /** One sort key. */
    record SortKey(FieldReference field, SortDirection direction, SourceSpan span) {
        public SortKey {
            requireNonNull(field, "field is null");
            requireNonNull(direction, "direction is null");
            requireNonNull(span, "span is null");
        }
    }

    /** Keep-list or drop-list. */
    enum FieldsMode {
        KEEP,
        DROP
    }

    /** Sort direction; Sumo's default is descending. */
    enum SortDirection {
        ASCENDING,
        DESCENDING
    }

    /** The aggregate functions this engine runs, with Sumo's default output column names. */
    enum AggregateFunction {
        COUNT("count", "_count"),
        COUNT_DISTINCT("count_distinct", "_count_distinct"),
        SUM("sum", "_sum"),
        AVG("avg", "_avg"),
        MIN("min", "_min"),
        MAX("max", "_max"),
        COUNT_FREQUENT("count_frequent", "_approxcount"),
        STDDEV("stddev", "_stddev"),
        PCT("pct", "_pct"),
        PCT_SAMPLING("pct_sampling", "_pct"),
        MEDIAN("median", "_median"),
        FIRST("first", "_first"),
        LAST("last", "_last"),
        MOST_RECENT("most_recent", "_mostrecent"),
        LEAST_RECENT("least_recent", "_leastrecent"),
        VALUES("values", "_values");

        private final String keyword;
        private final String defaultOutputName;

        AggregateFunction(String keyword, String defaultOutputName) {
            this.keyword = keyword;
            this.defaultOutputName = defaultOutputName;
        }

        /** The name as written in queries (lower case). */
        public String keyword() {
            return keyword;
        }

        /** The output column when no alias is given ({@code pct} names its columns per percentile instead). */
        public String defaultOutputName() {
            return defaultOutputName;
        }
    }
}
