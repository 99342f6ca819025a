package dev.loupe.query.metrics;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;

/**
 * Evaluates {@link Expression}s on one point of one series. Booleans are 1 and 0; NaN means "no value" and makes a
 * point disappear from {@code eval} output and fail every {@code where}.
 */
final class ExpressionEvaluator {
    private ExpressionEvaluator() {}

    /**
     * @param statistics the series' reducers
     * @param value the point's value ({@code _value}); NaN when evaluating on the whole series
     * @param granularityMillis {@code _granularity}
     */
    static double evaluate(Expression expression, SeriesStatistics statistics, double value, long granularityMillis) {
        return switch (expression) {
            case Expression.NumberLiteral literal -> literal.value();
            case Expression.PointValue point -> value;
            case Expression.Granularity granularity -> granularityMillis;
            case Expression.SeriesReducer reducer -> statistics.reduce(reducer.reducer(), reducer.percentile());
            case Expression.RowReference reference -> throw new LoupeException(ErrorCode.QUERY_INVALID,
                    "a row reference is only allowed at the start of a row", reference.span());
            case Expression.Negate negate -> -evaluate(negate.operand(), statistics, value, granularityMillis);
            case Expression.Not not -> truth(evaluate(not.operand(), statistics, value, granularityMillis)) ? 0 : 1;
            case Expression.Binary binary -> binary(binary.operator(),
                    evaluate(binary.left(), statistics, value, granularityMillis),
                    evaluate(binary.right(), statistics, value, granularityMillis));
            case Expression.FunctionCall call -> call(call.function(),
                    evaluate(call.arguments().getFirst(), statistics, value, granularityMillis),
                    call.arguments().size() > 1 ? evaluate(call.arguments().get(1), statistics, value, granularityMillis) : Double.NaN);
        };
    }

    static boolean truth(double value) {
        return !Double.isNaN(value) && value != 0;
    }

    static double binary(Expression.BinaryOperator operator, double left, double right) {
        if (Double.isNaN(left) || Double.isNaN(right)) {
            return Double.NaN;
        }
        return switch (operator) {
            case ADD -> left + right;
            case SUBTRACT -> left - right;
            case MULTIPLY -> left * right;
            case DIVIDE -> right == 0 ? Double.NaN : left / right;
            case EQUALS -> left == right ? 1 : 0;
            case NOT_EQUALS -> left != right ? 1 : 0;
            case LESS -> left < right ? 1 : 0;
            case LESS_EQUALS -> left <= right ? 1 : 0;
            case GREATER -> left > right ? 1 : 0;
            case GREATER_EQUALS -> left >= right ? 1 : 0;
            case AND -> truth(left) && truth(right) ? 1 : 0;
            case OR -> truth(left) || truth(right) ? 1 : 0;
        };
    }

    static double call(Expression.MathFunction function, double first, double second) {
        return switch (function) {
            case SIN -> Math.sin(first);
            case COS -> Math.cos(first);
            case TAN -> Math.tan(first);
            case ABS -> Math.abs(first);
            case LOG -> first <= 0 ? Double.NaN : Math.log(first);
            case ROUND -> Math.rint(first) == first ? first : (double) Math.round(first);
            case CEIL -> Math.ceil(first);
            case FLOOR -> Math.floor(first);
            case EXP -> Math.exp(first);
            case SQRT -> first < 0 ? Double.NaN : Math.sqrt(first);
            case MIN -> Math.min(first, second);
            case MAX -> Math.max(first, second);
        };
    }

    /** Whether {@code expression} reads {@code _value} (a point expression) rather than only series reducers. */
    static boolean usesPointValue(Expression expression) {
        return switch (expression) {
            case Expression.PointValue point -> true;
            case Expression.NumberLiteral literal -> false;
            case Expression.Granularity granularity -> false;
            case Expression.SeriesReducer reducer -> false;
            case Expression.RowReference reference -> false;
            case Expression.Negate negate -> usesPointValue(negate.operand());
            case Expression.Not not -> usesPointValue(not.operand());
            case Expression.Binary binary -> usesPointValue(binary.left()) || usesPointValue(binary.right());
            case Expression.FunctionCall call -> call.arguments().stream().anyMatch(ExpressionEvaluator::usesPointValue);
        };
    }
}
