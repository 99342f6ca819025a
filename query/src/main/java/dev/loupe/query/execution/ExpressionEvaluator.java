package dev.loupe.query.execution;

import dev.loupe.core.Wildcards;
import dev.loupe.query.ast.Expression.ArithmeticOperator;
import dev.loupe.query.plan.Function;
import dev.loupe.query.plan.PlanExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/** Evaluates {@link PlanExpression}s against a row's values. Stateless apart from the query context. */
final class ExpressionEvaluator {
    private final TimeFunctions timeFunctions;

    ExpressionEvaluator(EvaluationContext context) {
        this.timeFunctions = new TimeFunctions(context);
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
            case PlanExpression.ContainsText contains -> PredicateFunctions.contains(evaluate(contains.text(), values),
                    evaluate(contains.part(), values));
            case PlanExpression.InValues in -> in(in, values);
            case PlanExpression.Call call -> call(call, values);
            case PlanExpression.LookupContains contains -> lookupContains(contains, values);
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
        Function function = call.function();
        List<PlanExpression> arguments = call.arguments();
        if (function == Function.IF) {
            return test(arguments.get(0), values) ? evaluate(arguments.get(1), values)
                    : evaluate(arguments.get(2), values);
        }
        Object[] evaluated = new Object[arguments.size()];
        for (int index = 0; index < evaluated.length; index++) {
            evaluated[index] = evaluate(arguments.get(index), values);
        }
        return switch (function.group()) {
            case SPECIAL -> {
                String text = Values.toText(evaluated[0]);
                String pattern = Values.toText(evaluated[1]);
                yield text != null && pattern != null && Wildcards.matches(pattern, text, false);
            }
            case STRING -> StringFunctions.apply(function, evaluated);
            case PREDICATE -> PredicateFunctions.apply(function, evaluated);
            case CAST -> CastFunctions.apply(function, evaluated);
            case MATH -> MathFunctions.apply(function, evaluated);
            case IP -> IpFunctions.apply(function, evaluated);
            case TIME -> timeFunctions.apply(function, evaluated);
        };
    }

    private static boolean lookupContains(PlanExpression.LookupContains contains, Object[] values) {
        List<String> key = new ArrayList<>(contains.keySlots().length);
        for (int slot : contains.keySlots()) {
            String value = Values.toText(values[slot]);
            if (value == null) {
                return false;
            }
            key.add(value);
        }
        return contains.table().get(key) != null;
    }
}
