package dev.loupe.query.execution;

import dev.loupe.query.plan.PlanExpression;

/** An expression statement: writes a computed value into a slot. */
final class AssignOperator implements RowOperator {
    private final PlanExpression value;
    private final int targetSlot;
    private final ExpressionEvaluator evaluator;
    private final RowOperator downstream;

    AssignOperator(PlanExpression value, int targetSlot, ExpressionEvaluator evaluator, RowOperator downstream) {
        this.value = value;
        this.targetSlot = targetSlot;
        this.evaluator = evaluator;
        this.downstream = downstream;
    }

    @Override
    public boolean addInput(Row row) {
        try {
            row.values[targetSlot] = evaluator.evaluate(value, row.values);
        } catch (RowDropped dropped) {
            return true;
        }
        return downstream.addInput(row);
    }

    @Override
    public void finish() {
        downstream.finish();
    }
}
