package dev.loupe.query.ast;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.SourceSpan;
import dev.loupe.query.ast.Expression.FieldReference;
import java.util.List;

/**
 * Transaction analytics, behaviour insights and result persistence (spec §2.8, §2.17), carried by
 * {@link Operator.Analytics}: transaction, sessionize, trace, save, threatlookup, logreduce (and its keys and
 * values forms), logcompare, logexplain, details. Optional parts are null when absent, as documented per record.
 */
public sealed interface AnalyticsOperator {

    /** The whole operator text. */
    SourceSpan span();

    /**
     * {@code transaction on f1[, f2] [fringe=D] with "match" [in f] as state, ... results by ...}.
     *
     * @param fringeMillis the largest pause inside one transaction, or -1 for none
     */
    record Transaction(List<FieldReference> keys, long fringeMillis, List<TransactionState> states,
            TransactionResults results, SourceSpan span) implements AnalyticsOperator {
        public Transaction {
            keys = List.copyOf(keys);
            states = List.copyOf(states);
            requireNonNull(results, "results is null");
            requireNonNull(span, "span is null");
        }
    }

    /**
     * One state of a {@code transaction}: rows whose {@code field} matches {@code match} are in state {@code name}.
     *
     * @param match a wildcard text ({@code *}) found anywhere in the field, or, when {@code exact}, the whole value
     * @param field the field matched, or null for {@code _raw}
     */
    record TransactionState(String match, boolean exact, FieldReference field, String name, SourceSpan span) {
        public TransactionState {
            requireNonNull(match, "match is null");
            requireNonNull(name, "name is null");
            requireNonNull(span, "span is null");
        }
    }

    /** What a {@code transaction} outputs. */
    enum TransactionResults {
        TRANSACTIONS,
        STATES,
        FLOW
    }

    /** {@code sessionize "pattern" as (a, b), "pattern with $a" as (c)}. */
    record Sessionize(List<SessionPattern> patterns, SourceSpan span) implements AnalyticsOperator {
        public Sessionize {
            patterns = List.copyOf(patterns);
            requireNonNull(span, "span is null");
        }
    }

    /** One anchor pattern of {@code sessionize} ({@code *} captures, {@code $name} references) and its fields. */
    record SessionPattern(String pattern, List<FieldReference> aliases, SourceSpan span) {
        public SessionPattern {
            requireNonNull(pattern, "pattern is null");
            aliases = List.copyOf(aliases);
            requireNonNull(span, "span is null");
        }
    }

    /** {@code trace [+|-] "regex(capture)" "startValue"}. */
    record Trace(TraceDirection direction, String regex, SourceSpan regexSpan, String startValue, SourceSpan span)
            implements AnalyticsOperator {
        public Trace {
            requireNonNull(direction, "direction is null");
            requireNonNull(regex, "regex is null");
            requireNonNull(regexSpan, "regexSpan is null");
            requireNonNull(startValue, "startValue is null");
            requireNonNull(span, "span is null");
        }
    }

    /** Which messages {@code trace} follows from the first one holding the start value. */
    enum TraceDirection {
        BOTH,
        FORWARD,
        BACKWARD
    }

    /** {@code save [append] path://"..."}: writes the results to a lookup table; nothing may follow. */
    record Save(String table, boolean append, SourceSpan tableSpan, SourceSpan span) implements AnalyticsOperator {
        public Save {
            requireNonNull(table, "table is null");
            requireNonNull(tableSpan, "tableSpan is null");
            requireNonNull(span, "span is null");
        }
    }

    /**
     * {@code threatlookup [singleIndicator] [source="s"] [include="i"] f1[, f2]}.
     *
     * @param source the indicator source to accept, or null for any
     * @param include the validity filter as written, or null
     */
    record ThreatLookup(List<FieldReference> fields, boolean singleIndicator, String source, String include,
            SourceSpan span) implements AnalyticsOperator {
        public ThreatLookup {
            fields = List.copyOf(fields);
            requireNonNull(span, "span is null");
        }
    }

    /**
     * {@code logreduce [field=f] [by g] [limit=n] [, criteria=mostcommon|leastcommon] [optimize]} (alias
     * {@code summarize}).
     *
     * @param field the clustered field, or null for {@code _raw}
     * @param limit the most signatures output, or -1 for the default
     */
    record LogReduce(FieldReference field, List<FieldReference> groupBy, long limit, boolean leastCommon,
            boolean optimize, SourceSpan span) implements AnalyticsOperator {
        public LogReduce {
            groupBy = List.copyOf(groupBy);
            requireNonNull(span, "span is null");
        }
    }

    /**
     * {@code logreduce keys [field=f] [limit=n]}: clusters messages by the set of keys they hold.
     *
     * @param field the inspected field, or null for {@code _raw}
     * @param limit the most schemas output, or -1 for the default
     */
    record LogReduceKeys(FieldReference field, long limit, SourceSpan span) implements AnalyticsOperator {
        public LogReduceKeys {
            requireNonNull(span, "span is null");
        }
    }

    /**
     * {@code logreduce values on f1[, f2] [limit=n]}: clusters messages by the values of the listed fields.
     *
     * @param limit the most clusters output, or -1 for the default
     */
    record LogReduceValues(List<FieldReference> fields, long limit, SourceSpan span) implements AnalyticsOperator {
        public LogReduceValues {
            fields = List.copyOf(fields);
            requireNonNull(span, "span is null");
        }
    }

    /**
     * {@code logcompare timeshift -24h}: signatures of the query range compared with a range shifted back.
     *
     * @param shiftMillis how far back the baseline range lies (positive)
     */
    record LogCompare(long shiftMillis, SourceSpan span) implements AnalyticsOperator {
        public LogCompare {
            requireNonNull(span, "span is null");
        }
    }

    /**
     * {@code logexplain <condition> [against <condition>] on f1[, f2]}.
     *
     * @param control the control condition, or null for "not {@code test}"
     */
    record LogExplain(Expression test, Expression control, List<FieldReference> fields, SourceSpan span)
            implements AnalyticsOperator {
        public LogExplain {
            requireNonNull(test, "test is null");
            fields = List.copyOf(fields);
            requireNonNull(span, "span is null");
        }
    }

    /**
     * {@code details <signatureId>} (usually right after {@code logreduce}): the messages of one signature.
     *
     * @param field the clustered field (the preceding logreduce's), or null for {@code _raw}
     */
    record Details(long signatureId, FieldReference field, SourceSpan span) implements AnalyticsOperator {
        public Details {
            requireNonNull(span, "span is null");
        }
    }
}
