package dev.loupe.query.ast;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.SourceSpan;
import java.util.List;

/** The keyword search expression before the first pipe (spec §1.3). */
public sealed interface ScopeExpression {

    /** Where the node was written. */
    SourceSpan span();

    /** Everything: an empty scope or {@code *}. */
    record All(SourceSpan span) implements ScopeExpression {
        public All {
            requireNonNull(span, "span is null");
        }
    }

    /**
     * A bare keyword (with optional {@code *}/{@code ?} wildcards) or a quoted phrase.
     *
     * @param text the keyword, escapes resolved and quotes removed
     * @param quoted whether it was a quoted phrase
     */
    record Keyword(String text, boolean quoted, SourceSpan span) implements ScopeExpression {
        public Keyword {
            requireNonNull(text, "text is null");
            requireNonNull(span, "span is null");
        }
    }

    /**
     * {@code field=value}, e.g. {@code _sourceCategory=prod/*}.
     *
     * @param field the field name as written
     * @param pattern the value, quotes removed; {@code *} alone means "field present"
     */
    record FieldMatch(String field, String pattern, SourceSpan span) implements ScopeExpression {
        public FieldMatch {
            requireNonNull(field, "field is null");
            requireNonNull(pattern, "pattern is null");
            requireNonNull(span, "span is null");
        }
    }

    /** All operands must match (explicit {@code AND} or juxtaposition). */
    record And(List<ScopeExpression> operands, SourceSpan span) implements ScopeExpression {
        public And {
            operands = List.copyOf(operands);
            requireNonNull(span, "span is null");
        }
    }

    /** At least one operand must match. */
    record Or(List<ScopeExpression> operands, SourceSpan span) implements ScopeExpression {
        public Or {
            operands = List.copyOf(operands);
            requireNonNull(span, "span is null");
        }
    }

    /** {@code NOT x} or {@code !x}. */
    record Not(ScopeExpression operand, SourceSpan span) implements ScopeExpression {
        public Not {
            requireNonNull(operand, "operand is null");
            requireNonNull(span, "span is null");
        }
    }

    /** A subquery ({@link SubqueryClause}) standing for the disjunction its child rows compose. */
    record Subquery(SubqueryClause clause, SourceSpan span) implements ScopeExpression {
        public Subquery {
            requireNonNull(clause, "clause is null");
            requireNonNull(span, "span is null");
        }
    }
}
