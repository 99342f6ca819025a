package dev.loupe.query.ast;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.SourceSpan;
import dev.loupe.query.ast.Expression.FieldReference;
import java.util.List;

/**
 * Operators that run sub-pipelines over the incoming rows or reduce groups of rows (spec §2.8, §2.14, §2.15,
 * §2.17), carried by {@link Operator.Composite}. Optional parts are null when absent, as documented per record.
 */
public sealed interface CompositeOperator {

    /** The whole operator text. */
    SourceSpan span();

    /**
     * {@code join (q1) as t1, (q2) as t2 on t1.a = t2.b [and ...] [timewindow 10m]}.
     *
     * @param timeWindowMillis the largest time distance of joined rows, or -1 for none
     */
    record Join(List<JoinTable> tables, List<JoinCondition> conditions, long timeWindowMillis, SourceSpan span)
            implements CompositeOperator {
        public Join {
            tables = List.copyOf(tables);
            conditions = List.copyOf(conditions);
            requireNonNull(span, "span is null");
        }
    }

    /** One table of a join: its sub-pipeline (any scope inside was ignored) and its name. */
    record JoinTable(List<Operator> pipeline, FieldReference name, SourceSpan span) {
        public JoinTable {
            pipeline = List.copyOf(pipeline);
            requireNonNull(name, "name is null");
            requireNonNull(span, "span is null");
        }
    }

    /** {@code leftTable.leftField = rightTable.rightField}. */
    record JoinCondition(String leftTable, String leftField, String rightTable, String rightField, SourceSpan span) {
        public JoinCondition {
            requireNonNull(leftTable, "leftTable is null");
            requireNonNull(leftField, "leftField is null");
            requireNonNull(rightTable, "rightTable is null");
            requireNonNull(rightField, "rightField is null");
            requireNonNull(span, "span is null");
        }
    }

    /** {@code filter f1[, f2] in (<child operators>)}. */
    record FilterIn(List<FieldReference> keys, List<Operator> pipeline, SourceSpan span) implements CompositeOperator {
        public FilterIn {
            keys = List.copyOf(keys);
            pipeline = List.copyOf(pipeline);
            requireNonNull(span, "span is null");
        }
    }

    /** {@code merge f [mode] [as g], ...}; an empty list merges {@code _raw}. */
    record Merge(List<MergeField> fields, SourceSpan span) implements CompositeOperator {
        public Merge {
            fields = List.copyOf(fields);
            requireNonNull(span, "span is null");
        }
    }

    /**
     * One field of a {@code merge}.
     *
     * @param separator the text between values for {@link MergeMode#JOIN}
     * @param alias the output name, or null for the field itself
     */
    record MergeField(FieldReference field, MergeMode mode, String separator, FieldReference alias, SourceSpan span) {
        public MergeField {
            requireNonNull(field, "field is null");
            requireNonNull(mode, "mode is null");
            requireNonNull(separator, "separator is null");
            requireNonNull(span, "span is null");
        }
    }

    /** How {@code merge} reduces a field's values. */
    enum MergeMode {
        JOIN,
        TAKE_FIRST,
        TAKE_LAST,
        TAKE_DISTINCT
    }

    /**
     * {@code transactionize f1[, f2] [as g] [maxSpan=.. maxPause=.. maxLogs=.. startsWith=.. endsWith=..
     * keepOrphans=..] [(sub-pipeline)]}.
     *
     * @param alias the prefix of the {@code _group*} fields, or null for {@code _group}
     * @param maxSpanMillis -1 for no limit
     * @param maxPauseMillis -1 for no limit
     * @param maxLogs -1 for no limit
     * @param startsWith the text a group's first message contains, or null
     * @param endsWith the text a group's last message contains, or null
     * @param pipeline run per group (commonly {@code merge}); empty for none
     */
    record Transactionize(List<FieldReference> fields, FieldReference alias, long maxSpanMillis, long maxPauseMillis,
            long maxLogs, String startsWith, String endsWith, boolean keepOrphans, List<Operator> pipeline,
            SourceSpan span) implements CompositeOperator {
        public Transactionize {
            fields = List.copyOf(fields);
            pipeline = List.copyOf(pipeline);
            requireNonNull(span, "span is null");
        }
    }

    /** {@code cat path://"..."}: the rows of a lookup table as records. */
    record Cat(String table, SourceSpan tableSpan, SourceSpan span) implements CompositeOperator {
        public Cat {
            requireNonNull(table, "table is null");
            requireNonNull(tableSpan, "tableSpan is null");
            requireNonNull(span, "span is null");
        }
    }
}
