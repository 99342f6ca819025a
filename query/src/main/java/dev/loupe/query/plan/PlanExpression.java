package dev.loupe.query.plan;

import static java.util.Objects.requireNonNull;

import dev.loupe.query.ast.Expression.ArithmeticOperator;
import dev.loupe.query.ast.Expression.ComparisonOperator;
import dev.loupe.query.lookup.LookupTable;
import java.util.List;
import java.util.regex.Pattern;

/** A resolved expression: fields are slots, functions are {@link Function}s, literal patterns are compiled. */
public sealed interface PlanExpression {

    /** A constant: String, Long, Double, Boolean, a compiled {@link Pattern} (regex argument), or null. */
    record Constant(Object value) implements PlanExpression {}

    /** The value of a row slot. */
    record Slot(int slot) implements PlanExpression {}

    record Arithmetic(ArithmeticOperator operator, PlanExpression left, PlanExpression right)
            implements PlanExpression {
        public Arithmetic {
            requireNonNull(operator, "operator is null");
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }
    }

    record Negate(PlanExpression operand) implements PlanExpression {
        public Negate {
            requireNonNull(operand, "operand is null");
        }
    }

    record Compare(ComparisonOperator operator, PlanExpression left, PlanExpression right) implements PlanExpression {
        public Compare {
            requireNonNull(operator, "operator is null");
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }
    }

    record And(PlanExpression left, PlanExpression right) implements PlanExpression {
        public And {
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }
    }

    record Or(PlanExpression left, PlanExpression right) implements PlanExpression {
        public Or {
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }
    }

    record Not(PlanExpression operand) implements PlanExpression {
        public Not {
            requireNonNull(operand, "operand is null");
        }
    }

    record Conditional(PlanExpression condition, PlanExpression whenTrue, PlanExpression whenFalse)
            implements PlanExpression {
        public Conditional {
            requireNonNull(condition, "condition is null");
            requireNonNull(whenTrue, "whenTrue is null");
            requireNonNull(whenFalse, "whenFalse is null");
        }
    }

    /**
     * {@code value matches <literal>}: {@code pattern} is precompiled; {@code find} selects regex find semantics
     * ({@code /re/}) over whole-string matching (wildcard strings).
     */
    record MatchPattern(PlanExpression value, Pattern pattern, boolean find) implements PlanExpression {
        public MatchPattern {
            requireNonNull(value, "value is null");
            requireNonNull(pattern, "pattern is null");
        }
    }

    /** {@code value matches <expression>}: the wildcard pattern is computed per row. */
    record MatchDynamic(PlanExpression value, PlanExpression pattern) implements PlanExpression {
        public MatchDynamic {
            requireNonNull(value, "value is null");
            requireNonNull(pattern, "pattern is null");
        }
    }

    /** Case-sensitive substring test. */
    record ContainsText(PlanExpression text, PlanExpression part) implements PlanExpression {
        public ContainsText {
            requireNonNull(text, "text is null");
            requireNonNull(part, "part is null");
        }
    }

    /** {@code value [not] in (...)}, without string-to-number coercion. */
    record InValues(PlanExpression value, List<PlanExpression> candidates, boolean negated) implements PlanExpression {
        public InValues {
            requireNonNull(value, "value is null");
            candidates = List.copyOf(candidates);
        }
    }

    record Call(Function function, List<PlanExpression> arguments) implements PlanExpression {
        public Call {
            requireNonNull(function, "function is null");
            arguments = List.copyOf(arguments);
        }
    }

    /**
     * {@code lookupContains(...)}: whether {@code table} has a row whose key columns equal the values of
     * {@code keySlots} (aligned with the table's key columns), ignoring case; false when a value is null.
     */
    record LookupContains(LookupTable table, int[] keySlots) implements PlanExpression {
        public LookupContains {
            requireNonNull(table, "table is null");
            requireNonNull(keySlots, "keySlots is null");
        }
    }
}
