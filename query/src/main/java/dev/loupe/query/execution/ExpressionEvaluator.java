package dev.loupe.query.execution;

import dev.loupe.core.Wildcards;
import dev.loupe.query.ast.Expression.ArithmeticOperator;
import dev.loupe.query.plan.PlanExpression;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Evaluates {@link PlanExpression}s against a row's values. Stateless apart from the query context. */
final class ExpressionEvaluator {
    private final EvaluationContext context;

    ExpressionEvaluator(EvaluationContext context) {
        this.context = context;
    }

    /** Whether a condition holds for the row (null and non-boolean values are false). */
    boolean test(PlanExpression condition, Object[] values) {
        return Values.isTrue(evaluate(condition, values));
    }

    Object evaluate(PlanExpression expression, Object[] values) {
        return switch (expression) {
            case PlanExpression.Constant constant -> constant.value();
            case PlanExpression.Slot slot -> values[slot.slot()];
            case PlanExpression.Arithmetic arithmetic -> arithmetic(arithmetic.operator(),
                    evaluate(arithmetic.left(), values), evaluate(arithmetic.right(), values));
            case PlanExpression.Negate negate -> negate(evaluate(negate.operand(), values));
            case PlanExpression.Compare compare -> compare(compare, values);
            case PlanExpression.And and -> test(and.left(), values) && test(and.right(), values);
            case PlanExpression.Or or -> test(or.left(), values) || test(or.right(), values);
            case PlanExpression.Not not -> !test(not.operand(), values);
            case PlanExpression.Conditional conditional -> test(conditional.condition(), values)
                    ? evaluate(conditional.whenTrue(), values) : evaluate(conditional.whenFalse(), values);
            case PlanExpression.MatchPattern match -> matchPattern(match, values);
            case PlanExpression.MatchDynamic match -> {
                String text = Values.toText(evaluate(match.value(), values));
                String pattern = Values.toText(evaluate(match.pattern(), values));
                yield text != null && pattern != null && Wildcards.matches(pattern, text, false);
            }
            case PlanExpression.ContainsText contains -> contains(evaluate(contains.text(), values),
                    evaluate(contains.part(), values));
            case PlanExpression.InValues in -> in(in, values);
            case PlanExpression.Call call -> call(call, values);
        };
    }

    private Boolean compare(PlanExpression.Compare compare, Object[] values) {
        Object left = evaluate(compare.left(), values);
        Object right = evaluate(compare.right(), values);
        return switch (compare.operator()) {
            case EQUAL -> Values.equal(left, right);
            case NOT_EQUAL -> left != null && right != null && !Values.equal(left, right);
            case LESS -> ordered(left, right, -1, false);
            case LESS_OR_EQUAL -> ordered(left, right, -1, true);
            case GREATER -> ordered(left, right, 1, false);
            case GREATER_OR_EQUAL -> ordered(left, right, 1, true);
        };
    }

    private static boolean ordered(Object left, Object right, int sign, boolean orEqual) {
        Integer comparison = Values.compareForCondition(left, right);
        if (comparison == null) {
            return false;
        }
        return comparison == 0 ? orEqual : Integer.signum(comparison) == sign;
    }

    private Boolean matchPattern(PlanExpression.MatchPattern match, Object[] values) {
        String text = Values.toText(evaluate(match.value(), values));
        if (text == null) {
            return false;
        }
        Matcher matcher = match.pattern().matcher(text);
        return match.find() ? matcher.find() : matcher.matches();
    }

    private static Boolean contains(Object text, Object part) {
        String whole = Values.toText(text);
        String piece = Values.toText(part);
        if (whole == null || piece == null) {
            return false;
        }
        if (whole.isEmpty() || piece.isEmpty()) {
            return whole.isEmpty() && piece.isEmpty();
        }
        return whole.contains(piece);
    }

    private Boolean in(PlanExpression.InValues in, Object[] values) {
        Object value = evaluate(in.value(), values);
        if (value == null) {
            return false;
        }
        boolean found = false;
        List<PlanExpression> candidates = in.candidates();
        for (int index = 0; index < candidates.size() && !found; index++) {
            found = Values.sameForIn(value, evaluate(candidates.get(index), values));
        }
        return found != in.negated();
    }

    private static Object negate(Object value) {
        Number number = Values.toNumber(value);
        if (number == null) {
            return null;
        }
        return number instanceof Long whole ? (Object) (-whole) : (Object) (-number.doubleValue());
    }

    static Object arithmetic(ArithmeticOperator operator, Object leftValue, Object rightValue) {
        Number left = Values.toNumber(leftValue);
        Number right = Values.toNumber(rightValue);
        if (left == null || right == null) {
            return null;
        }
        if (left instanceof Long leftLong && right instanceof Long rightLong && operator != ArithmeticOperator.DIVIDE) {
            return switch (operator) {
                case ADD -> leftLong + rightLong;
                case SUBTRACT -> leftLong - rightLong;
                case MULTIPLY -> leftLong * rightLong;
                case MODULO -> rightLong == 0 ? null : leftLong % rightLong;
                case DIVIDE -> (double) leftLong / rightLong;
            };
        }
        double leftDouble = left.doubleValue();
        double rightDouble = right.doubleValue();
        return switch (operator) {
            case ADD -> leftDouble + rightDouble;
            case SUBTRACT -> leftDouble - rightDouble;
            case MULTIPLY -> leftDouble * rightDouble;
            case DIVIDE -> leftDouble / rightDouble;
            case MODULO -> leftDouble % rightDouble;
        };
    }

    private Object call(PlanExpression.Call call, Object[] values) {
        List<PlanExpression> arguments = call.arguments();
        Object first = arguments.isEmpty() ? null : evaluate(arguments.get(0), values);
        return switch (call.function()) {
            case IS_NULL -> first == null;
            case IS_EMPTY -> first == null || Values.toText(first).isEmpty();
            case IS_BLANK -> first == null || Values.toText(first).isBlank();
            case IF -> Values.isTrue(first) ? evaluate(arguments.get(1), values) : evaluate(arguments.get(2), values);
            case CONCAT -> {
                StringBuilder text = new StringBuilder();
                for (int index = 0; index < arguments.size(); index++) {
                    Object value = index == 0 ? first : evaluate(arguments.get(index), values);
                    if (value != null) {
                        text.append(Values.toText(value));
                    }
                }
                yield text.toString();
            }
            case TO_LOWER_CASE -> first == null ? null : Values.toText(first).toLowerCase(Locale.ROOT);
            case TO_UPPER_CASE -> first == null ? null : Values.toText(first).toUpperCase(Locale.ROOT);
            case LENGTH -> first == null ? 0L : (long) Values.toText(first).length();
            case SUBSTRING -> substring(first, arguments, values);
            case REPLACE -> replace(first, evaluate(arguments.get(1), values), evaluate(arguments.get(2), values));
            case TRIM -> first == null ? null : Values.toText(first).trim();
            case CONTAINS -> contains(first, evaluate(arguments.get(1), values));
            case NUM, NUMBER, TO_DOUBLE -> {
                Number number = Values.toNumber(first);
                yield number == null ? null : number.doubleValue();
            }
            case TO_LONG, TO_INT -> {
                Number number = Values.toNumber(first);
                yield number == null ? null : number.longValue();
            }
            case TO_STRING -> Values.toText(first);
            case ABS -> {
                Number number = Values.toNumber(first);
                yield number == null ? null
                        : number instanceof Long whole ? (Object) Math.abs(whole) : (Object) Math.abs(number.doubleValue());
            }
            case ROUND -> round(first, arguments.size() > 1 ? evaluate(arguments.get(1), values) : null,
                    arguments.size() > 1);
            case CEIL -> {
                Number number = Values.toNumber(first);
                yield number == null ? null : Math.ceil(number.doubleValue());
            }
            case FLOOR -> {
                Number number = Values.toNumber(first);
                yield number == null ? null : Math.floor(number.doubleValue());
            }
            case MIN, MAX -> minMax(call.function() == dev.loupe.query.plan.Function.MIN, first,
                    evaluate(arguments.get(1), values));
            case NOW -> context.nowMillis();
            case QUERY_START_TIME -> context.startMillis();
            case QUERY_END_TIME -> context.endMillis();
            case MATCHES -> {
                String text = Values.toText(first);
                String pattern = Values.toText(evaluate(arguments.get(1), values));
                yield text != null && pattern != null && Wildcards.matches(pattern, text, false);
            }
        };
    }

    private Object substring(Object first, List<PlanExpression> arguments, Object[] values) {
        String text = Values.toText(first);
        Number start = Values.toNumber(evaluate(arguments.get(1), values));
        if (text == null || start == null) {
            return null;
        }
        int from = start.intValue();
        int to = text.length();
        if (arguments.size() > 2) {
            Number end = Values.toNumber(evaluate(arguments.get(2), values));
            if (end == null) {
                return null;
            }
            to = Math.min(end.intValue(), text.length());
        }
        if (from < 0 || from > text.length() || to < from) {
            return null;
        }
        return text.substring(from, to);
    }

    private static Object replace(Object input, Object find, Object replacement) {
        String text = Values.toText(input);
        String with = Values.toText(replacement);
        if (text == null || find == null || with == null) {
            return null;
        }
        if (find instanceof Pattern pattern) {
            try {
                return pattern.matcher(text).replaceAll(with);
            } catch (IllegalArgumentException | IndexOutOfBoundsException badReplacement) {
                return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(with));
            }
        }
        return text.replace(Values.toText(find), with);
    }

    private static Object round(Object value, Object digits, boolean withDigits) {
        Number number = Values.toNumber(value);
        if (number == null) {
            return null;
        }
        if (!withDigits) {
            return Math.round(number.doubleValue());
        }
        Number places = Values.toNumber(digits);
        if (places == null) {
            return null;
        }
        double scale = Math.pow(10, places.intValue());
        return Math.round(number.doubleValue() * scale) / scale;
    }

    private static Object minMax(boolean minimum, Object leftValue, Object rightValue) {
        Number left = Values.toNumber(leftValue);
        Number right = Values.toNumber(rightValue);
        if (left == null || right == null) {
            return null;
        }
        int comparison = Values.compareNumbers(left, right);
        Number chosen = (comparison <= 0) == minimum ? left : right;
        if (left instanceof Long && right instanceof Long) {
            return chosen;
        }
        return chosen.doubleValue();
    }
}
