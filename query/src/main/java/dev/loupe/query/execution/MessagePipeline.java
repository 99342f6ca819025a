package dev.loupe.query.execution;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import dev.loupe.query.plan.PlanNode;
import dev.loupe.query.plan.QueryPlan;
import dev.loupe.store.spi.StoredMessage;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The streaming steps of a plan run over one message at a time, with no store and no scan: what field extraction
 * rules run at ingest. Only row-local steps are allowed ({@code json}, {@code parse}, {@code parse regex},
 * {@code where}, assignments, {@code fields}); the constructor refuses a plan with anything else.
 *
 * <p>Thread-safe: each {@link #run} builds its own operator chain (a handful of small objects), so one instance
 * serves concurrent appends.
 */
public final class MessagePipeline {
    private final QueryPlan plan;
    private final MessageRows messageRows;

    /**
     * @throws LoupeException {@code QUERY_UNSUPPORTED} naming the first step that is not row-local
     */
    public MessagePipeline(QueryPlan plan) {
        this.plan = requireNonNull(plan, "plan is null");
        for (PlanNode node : plan.nodes()) {
            if (!rowLocal(node)) {
                throw new LoupeException(ErrorCode.QUERY_UNSUPPORTED, "a field extraction rule can only parse, filter "
                        + "and assign fields (json, parse, where, if, as, fields); it cannot run "
                        + node.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
            }
        }
        this.messageRows = new MessageRows(plan.layout());
    }

    private static boolean rowLocal(PlanNode node) {
        return switch (node) {
            case PlanNode.JsonExtract json -> true;
            case PlanNode.ParseAnchor parse -> true;
            case PlanNode.ParseRegex parse -> true;
            case PlanNode.Filter filter -> true;
            case PlanNode.Assign assign -> true;
            case PlanNode.ClearFields clear -> true;
            case PlanNode.Aggregate aggregate -> false;
            case PlanNode.Sort sort -> false;
            case PlanNode.Limit limit -> false;
            case PlanNode.Enrich enrich -> false;
            case PlanNode.Series series -> false;
            case PlanNode.Composite composite -> false;
            case PlanNode.Analytics analytics -> false;
        };
    }

    /**
     * Runs the steps over {@code message}.
     *
     * @return the row's values by slot (see the plan's layout), or {@code null} when a step dropped the message
     */
    public Object[] run(LogMessage message) {
        Row row = messageRows.row(new StoredMessage(0L, message));
        Capture capture = new Capture();
        ExpressionEvaluator evaluator = new ExpressionEvaluator(new EvaluationContext(message.receiptTime(),
                message.messageTime(), message.messageTime() + 1, ZoneOffset.UTC));
        RowOperator head = capture;
        List<PlanNode> nodes = plan.nodes();
        for (int index = nodes.size() - 1; index >= 0; index--) {
            head = create(nodes.get(index), head, evaluator);
        }
        head.addInput(row);
        head.finish();
        return capture.values;
    }

    private static RowOperator create(PlanNode node, RowOperator downstream, ExpressionEvaluator evaluator) {
        return switch (node) {
            case PlanNode.JsonExtract json -> new JsonExtractOperator(json, downstream);
            case PlanNode.ParseAnchor parse -> new ParseAnchorOperator(parse, downstream);
            case PlanNode.ParseRegex parse -> new ParseRegexOperator(parse, downstream);
            case PlanNode.Filter filter -> new FilterOperator(filter.condition(), evaluator, downstream);
            case PlanNode.Assign assign -> new AssignOperator(assign.value(), assign.targetSlot(), evaluator,
                    downstream);
            case PlanNode.ClearFields clear -> new ClearFieldsOperator(clear.slots(), downstream);
            case PlanNode.Aggregate aggregate -> throw unsupported(node);
            case PlanNode.Sort sort -> throw unsupported(node);
            case PlanNode.Limit limit -> throw unsupported(node);
            case PlanNode.Enrich enrich -> throw unsupported(node);
            case PlanNode.Series series -> throw unsupported(node);
            case PlanNode.Composite composite -> throw unsupported(node);
            case PlanNode.Analytics analytics -> throw unsupported(node);
        };
    }

    private static IllegalStateException unsupported(PlanNode node) {
        return new IllegalStateException("checked in the constructor: " + node);
    }

    /** The end of the chain: keeps the row that got through. */
    private static final class Capture implements RowOperator {
        Object[] values;

        @Override
        public boolean addInput(Row row) {
            values = row.values;
            return true;
        }

        @Override
        public void finish() {
            // The row is read by run().
        }
    }
}
