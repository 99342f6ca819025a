package dev.loupe.query.execution;

import dev.loupe.query.plan.AnalyticsNode;

/** Creates the row operators of {@link AnalyticsNode}s for {@link QueryExecutor}. */
final class AnalyticsOperators {
    private AnalyticsOperators() {}

    static RowOperator create(AnalyticsNode node, SeriesContext context, ExpressionEvaluator evaluator,
            RowOperator downstream) {
        int slotCount = context.slotCount();
        return switch (node) {
            case AnalyticsNode.Transaction transaction -> new TransactionOperator(transaction, slotCount, downstream);
            case AnalyticsNode.Sessionize sessionize -> new SessionizeOperator(sessionize, context.guard(), downstream);
            case AnalyticsNode.Trace trace -> new TraceOperator(trace, context.guard(), downstream);
            case AnalyticsNode.Save save -> new SaveOperator(save, downstream);
            case AnalyticsNode.ThreatLookup threat -> new ThreatLookupOperator(threat, downstream);
            case AnalyticsNode.LogReduce reduce -> new LogReduceOperator(reduce, slotCount, downstream);
            case AnalyticsNode.LogReduceKeys keys -> new LogReduceKeysOperator(keys, slotCount, downstream);
            case AnalyticsNode.LogReduceValues values -> new LogReduceValuesOperator(values, slotCount, downstream);
            case AnalyticsNode.LogCompare compare -> new LogCompareOperator(compare, context, downstream);
            case AnalyticsNode.LogExplain explain -> new LogExplainOperator(explain, evaluator, slotCount, downstream);
            case AnalyticsNode.Details details -> new DetailsOperator(details, downstream);
        };
    }
}
