package dev.loupe.query.metrics;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.SourceSpan;
import java.util.List;

/**
 * An expression of {@code eval}, {@code where}, {@code filter}, {@code topk}, {@code sort} and row expressions
 * ({@code #A + #B}). Evaluated per point ({@code _value}) or per series (reducers such as {@code avg}).
 */
sealed interface Expression {
    SourceSpan span();

    record NumberLiteral(double value, SourceSpan span) implements Expression {}

    /** {@code _value}: the current point's value. */
    record PointValue(SourceSpan span) implements Expression {}

    /** {@code _granularity}: the row's quantization in milliseconds. */
    record Granularity(SourceSpan span) implements Expression {}

    /** A reducer over the whole series: {@code avg}, {@code latest}, {@code pct(95)}... */
    record SeriesReducer(Reducer reducer, double percentile, SourceSpan span) implements Expression {
        public SeriesReducer {
            requireNonNull(reducer, "reducer is null");
        }
    }

    /** {@code #A}: the series of another row. Only in row expressions. */
    record RowReference(String rowId, SourceSpan span) implements Expression {}

    record Negate(Expression operand, SourceSpan span) implements Expression {}

    record Not(Expression operand, SourceSpan span) implements Expression {}

    record Binary(BinaryOperator operator, Expression left, Expression right, SourceSpan span) implements Expression {
        public Binary {
            requireNonNull(operator, "operator is null");
        }
    }

    record FunctionCall(MathFunction function, List<Expression> arguments, SourceSpan span) implements Expression {
        public FunctionCall {
            arguments = List.copyOf(arguments);
        }
    }

    /** Series reducers (spec §4.4 eval/where/topk). */
    enum Reducer {
        AVG,
        MIN,
        MAX,
        SUM,
        COUNT,
        LATEST,
        STDDEV,
        PCT
    }

    enum BinaryOperator {
        ADD,
        SUBTRACT,
        MULTIPLY,
        DIVIDE,
        EQUALS,
        NOT_EQUALS,
        LESS,
        LESS_EQUALS,
        GREATER,
        GREATER_EQUALS,
        AND,
        OR
    }

    /** Point functions; {@code min}/{@code max} with two arguments are these, with none they are reducers. */
    enum MathFunction {
        SIN(1),
        COS(1),
        TAN(1),
        ABS(1),
        LOG(1),
        ROUND(1),
        CEIL(1),
        FLOOR(1),
        EXP(1),
        SQRT(1),
        MIN(2),
        MAX(2);

        final int arity;

        MathFunction(int arity) {
            this.arity = arity;
        }
    }
}
