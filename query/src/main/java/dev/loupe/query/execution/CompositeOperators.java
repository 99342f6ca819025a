package dev.loupe.query.execution;

import dev.loupe.query.plan.CompositeNode;
import dev.loupe.query.plan.PlanNode;
import java.util.List;

/** Creates the row operators of {@link CompositeNode}s for {@link QueryExecutor}. */
final class CompositeOperators {
    private CompositeOperators() {}

    /** Builds the operator chain of a sub-pipeline, ending in a given operator. */
    @FunctionalInterface
    interface ChainBuilder {
        RowOperator build(List<PlanNode> nodes, RowOperator downstream);
    }

    static RowOperator create(CompositeNode node, int slotCount, ChainBuilder chains, QueryGuard guard,
            RowOperator downstream) {
        return switch (node) {
            case CompositeNode.Join join -> new JoinOperator(join, slotCount, chains, downstream);
            case CompositeNode.FilterIn filter -> new FilterInOperator(filter, chains, guard, downstream);
            case CompositeNode.Merge merge -> new MergeOperator(merge, guard, downstream);
            case CompositeNode.Transactionize transactionize ->
                    new TransactionizeOperator(transactionize, chains, guard, downstream);
            case CompositeNode.Cat cat -> new CatOperator(cat, slotCount, downstream);
        };
    }
}
