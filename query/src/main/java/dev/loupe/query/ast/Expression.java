package dev.loupe.query.ast;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.SourceSpan;
import java.util.List;

/** An expression as written in {@code where}, {@code if}, expression statements and operator arguments (spec §1.5). */
public sealed interface Expression {

    /** Where the expression was written. */
    SourceSpan span();

    /** A double-quoted string, escapes resolved. */
    record StringLiteral(String value, SourceSpan span) implements Expression {
        public StringLiteral {
            requireNonNull(value, "value is null");
            requireNonNull(span, "span is null");
        }
    }

    /**
     * A number, size and time suffixes applied ({@code 5m} is 300000).
     *
     * @param value a {@link Long} when integral and written without a fraction or exponent, else a {@link Double}
     * @param text the source text
     */
    record NumberLiteral(Number value, String text, SourceSpan span) implements Expression {
        public NumberLiteral {
            requireNonNull(value, "value is null");
            requireNonNull(text, "text is null");
            requireNonNull(span, "span is null");
        }
    }

    /** {@code true} or {@code false}. */
    record BooleanLiteral(boolean value, SourceSpan span) implements Expression {
        public BooleanLiteral {
            requireNonNull(span, "span is null");
        }
    }

    /** {@code null}. */
    record NullLiteral(SourceSpan span) implements Expression {
        public NullLiteral {
            requireNonNull(span, "span is null");
        }
    }

    /** A {@code /regex/} literal; {@code pattern} is the text between the slashes with {@code \/} resolved. */
    record RegexLiteral(String pattern, SourceSpan span) implements Expression {
        public RegexLiteral {
            requireNonNull(pattern, "pattern is null");
            requireNonNull(span, "span is null");
        }
    }

    /** A field name as written: plain ({@code user.name}) or escaped ({@code %"field name"}). */
    record FieldReference(String name, SourceSpan span) implements Expression {
        public FieldReference {
            requireNonNull(name, "name is null");
            requireNonNull(span, "span is null");
        }
    }

    /** {@code -x}, {@code !x} or {@code not x}. */
    record Unary(UnaryOperator operator, Expression operand, SourceSpan span) implements Expression {
        public Unary {
            requireNonNull(operator, "operator is null");
            requireNonNull(operand, "operand is null");
            requireNonNull(span, "span is null");
        }
    }

    /** {@code + - * / %}. */
    record Arithmetic(ArithmeticOperator operator, Expression left, Expression right, SourceSpan span)
            implements Expression {
        public Arithmetic {
            requireNonNull(operator, "operator is null");
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
            requireNonNull(span, "span is null");
        }
    }

    /** {@code and}/{@code &&}, {@code or}/{@code ||}. */
    record Logical(LogicalOperator operator, Expression left, Expression right, SourceSpan span) implements Expression {
        public Logical {
            requireNonNull(operator, "operator is null");
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
            requireNonNull(span, "span is null");
        }
    }

    /** {@code = == != <> < <= > >=}. */
    record Comparison(ComparisonOperator operator, Expression left, Expression right, SourceSpan span)
            implements Expression {
        public Comparison {
            requireNonNull(operator, "operator is null");
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
            requireNonNull(span, "span is null");
        }
    }

    /** {@code value matches pattern}: a wildcard string, a {@link RegexLiteral}, or any expression giving a pattern. */
    record Matches(Expression value, Expression pattern, SourceSpan span) implements Expression {
        public Matches {
            requireNonNull(value, "value is null");
            requireNonNull(pattern, "pattern is null");
            requireNonNull(span, "span is null");
        }
    }

    /** {@code text contains part}: a case-sensitive substring test. */
    record Contains(Expression text, Expression part, SourceSpan span) implements Expression {
        public Contains {
            requireNonNull(text, "text is null");
            requireNonNull(part, "part is null");
            requireNonNull(span, "span is null");
        }
    }

    /** {@code value [not] in (a, b, ...)}. */
    record InList(Expression value, List<Expression> candidates, boolean negated, SourceSpan span)
            implements Expression {
        public InList {
            requireNonNull(value, "value is null");
            candidates = List.copyOf(candidates);
            requireNonNull(span, "span is null");
        }
    }

    /** {@code condition ? whenTrue : whenFalse}. */
    record Conditional(Expression condition, Expression whenTrue, Expression whenFalse, SourceSpan span)
            implements Expression {
        public Conditional {
            requireNonNull(condition, "condition is null");
            requireNonNull(whenTrue, "whenTrue is null");
            requireNonNull(whenFalse, "whenFalse is null");
            requireNonNull(span, "span is null");
        }
    }

    /**
     * A function call {@code name(arguments)}; the name is not resolved yet.
     *
     * @param nameSpan where the function name was written
     */
    record Call(String name, SourceSpan nameSpan, List<Expression> arguments, SourceSpan span) implements Expression {
        public Call {
            requireNonNull(name, "name is null");
            requireNonNull(nameSpan, "nameSpan is null");
            arguments = List.copyOf(arguments);
            requireNonNull(span, "span is null");
        }
    }

    /** A subquery ({@link SubqueryClause}) used as a boolean condition in {@code where} or {@code if}. */
    record Subquery(SubqueryClause clause, SourceSpan span) implements Expression {
        public Subquery {
            requireNonNull(clause, "clause is null");
            requireNonNull(span, "span is null");
        }
    }

    /**
     * {@code lookupContains(path://"...", f=col [AND f2=col2])}: whether the table has a row whose key columns
     * equal the fields' values (ignoring case).
     *
     * @param table the table reference as written
     * @param fields the event fields, aligned with {@code columns}
     * @param columns the table's key columns named in the call
     */
    record LookupContains(String table, SourceSpan tableSpan, List<FieldReference> fields,
            List<FieldReference> columns, SourceSpan span) implements Expression {
        public LookupContains {
            requireNonNull(table, "table is null");
            requireNonNull(tableSpan, "tableSpan is null");
            fields = List.copyOf(fields);
            columns = List.copyOf(columns);
            requireNonNull(span, "span is null");
        }
    }

    /** Prefix operators. */
    enum UnaryOperator {
        NEGATE,
        NOT
    }

    /** Arithmetic operators; {@code /} is floating point. */
    enum ArithmeticOperator {
        ADD("+"),
        SUBTRACT("-"),
        MULTIPLY("*"),
        DIVIDE("/"),
        MODULO("%");

        private final String symbol;

        ArithmeticOperator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** Boolean connectives. */
    enum LogicalOperator {
        AND,
        OR
    }

    /** Comparison operators; {@code ==} is {@code =} and {@code <>} is {@code !=}. */
    enum ComparisonOperator {
        EQUAL("="),
        NOT_EQUAL("!="),
        LESS("<"),
        LESS_OR_EQUAL("<="),
        GREATER(">"),
        GREATER_OR_EQUAL(">=");

        private final String symbol;

        ComparisonOperator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** The operator giving the same result with the operands swapped. */
        public ComparisonOperator flip() {
            return switch (this) {
                case EQUAL -> EQUAL;
                case NOT_EQUAL -> NOT_EQUAL;
                case LESS -> GREATER;
                case LESS_OR_EQUAL -> GREATER_OR_EQUAL;
                case GREATER -> LESS;
                case GREATER_OR_EQUAL -> LESS_OR_EQUAL;
            };
        }
    }
}
