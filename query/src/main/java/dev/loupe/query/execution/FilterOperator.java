package dev.loupe.query.execution;

import dev.loupe.query.plan.PlanExpression;

/** {@code where}: passes rows whose condition is true. */
final class FilterOperator implements RowOperator {
    private final PlanExpression condition;
    private final ExpressionEvaluator evaluator;
    private final RowOperator downstream;

    FilterOperator(PlanExpression condition, ExpressionEvaluator evaluator, RowOperator downstream) {
        this.condition = condition;
        this.evaluator = evaluator;
        this.downstream = downstream;
    }

    @Override
    public boolean addInput(Row row) {
        boolean passes;
        try {
            passes = evaluator.test(condition, row.values);
        } catch (RowDropped dropped) {
            return true;
        }
        return !passes || downstream.addInput(row);
    }

    @Override
    public void finish() {
        downstream.finish();
    }
}
