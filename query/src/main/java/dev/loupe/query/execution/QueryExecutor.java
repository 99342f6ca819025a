package dev.loupe.query.execution;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.TimeRange;
import dev.loupe.query.FieldType;
import dev.loupe.query.QueryResult;
import dev.loupe.query.ResultField;
import dev.loupe.query.plan.FieldLayout;
import dev.loupe.query.plan.PlanNode;
import dev.loupe.query.plan.QueryPlan;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.ScanProjection;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.spi.TimeField;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs a {@link QueryPlan} against a {@link LogStore}: one scan, one operator chain, one result. A new executor
 * per query; {@link #execute} runs on one thread, {@link #partialResult} may be called from any other. The scan
 * loop drives the {@link QueryGuard}: cancellation and the time limit are checked between rows, and the cursor is
 * closed (stopping the store's background readers) however the run ends.
 */
public final class QueryExecutor {
    /** Sumo's cap on non-aggregate results. */
    public static final int MAX_MESSAGES = 100_000;
    /** Cap on records (groups are capped separately by the aggregate). */
    public static final int MAX_RECORDS = 100_000;

    private final QueryPlan plan;
    private final MessageRows messageRows;
    private final TimeRange range;
    private final ZoneId zone;
    private final boolean byReceiptTime;
    private final long nowMillis;
    private final boolean keepMatchedMessages;
    private final QueryGuard guard;
    private volatile RowCollector resultCollector;
    private volatile MessageCounter resultCounter;

    /**
     * @param range the half-open time range to scan
     * @param zone the zone for clock alignment of histogram buckets
     * @param byReceiptTime whether the range applies to receipt time
     * @param nowMillis the value of {@code now()}
     * @param keepMatchedMessages for a records plan: keep the newest {@value #MAX_MESSAGES} messages that reach
     *     the first aggregate ({@link QueryResult#matchedMessages()})
     * @param guard the query's cancellation, time limit and memory budget
     */
    public QueryExecutor(QueryPlan plan, TimeRange range, ZoneId zone, boolean byReceiptTime, long nowMillis,
            boolean keepMatchedMessages, QueryGuard guard) {
        this.guard = requireNonNull(guard, "guard is null");
        this.keepMatchedMessages = keepMatchedMessages;
        this.plan = requireNonNull(plan, "plan is null");
        this.messageRows = new MessageRows(plan.layout());
        this.range = requireNonNull(range, "range is null");
        this.zone = requireNonNull(zone, "zone is null");
        this.byReceiptTime = byReceiptTime;
        this.nowMillis = nowMillis;
    }

    /** Scans, runs the chain and builds the result. */
    public QueryResult execute(LogStore store) {
        RowCollector collector = new RowCollector(plan.records() ? MAX_RECORDS : MAX_MESSAGES, guard);
        MessageCounter counter = null;
        RowOperator head = collector;
        List<PlanNode> nodes = plan.nodes();
        if (plan.firstAggregateIndex() < 0) {
            counter = new MessageCounter(head, guard, 0);
            head = counter;
        }
        int slotCount = plan.layout().slotCount();
        DynamicColumns dynamicColumns = new DynamicColumns();
        SeriesContext context = new SeriesContext(range, zone, slotCount, dynamicColumns,
                (nodeCount, shifted) -> rerun(store, nodeCount, shifted), guard);
        ExpressionEvaluator evaluator = evaluator(range);
        for (int index = nodes.size() - 1; index >= 0; index--) {
            head = create(nodes.get(index), slotCount, head, evaluator, context);
            if (index == plan.firstAggregateIndex()) {
                counter = new MessageCounter(head, guard, keepMatchedMessages ? MAX_MESSAGES : 0);
                head = counter;
            }
        }
        resultCollector = plan.records() ? null : collector;
        resultCounter = counter;
        scan(store, range, head, counter, ScanProjections.of(plan, keepMatchedMessages));
        return result(collector.rows(), counter, dynamicColumns);
    }

    /**
     * What the running query found so far (see {@link dev.loupe.query.QueryHandle#partialResult()}); thread-safe.
     * Before the scan starts: an empty result of the plan's kind.
     */
    public QueryResult partialResult() {
        RowCollector collector = resultCollector;
        MessageCounter counter = resultCounter;
        MessageCounter.Progress progress = counter == null ? new MessageCounter.Progress(0, new long[0], List.of())
                : counter.progress();
        List<dev.loupe.query.HistogramBucket> histogram = MessageCounter.histogram(progress.times(),
                range.fromMillis(), range.toMillis(), zone);
        if (plan.records()) {
            return new QueryResult(QueryResult.Kind.RECORDS, List.of(), List.of(), progress.count(), histogram,
                    matchedMessages(progress.kept()));
        }
        List<Row> rows = collector == null ? List.of() : collector.snapshot();
        return messages(rows, plan.matchedMessageShape(), progress.count(), histogram);
    }

    private Optional<QueryResult> matchedMessages(List<Row> kept) {
        if (!keepMatchedMessages) {
            return Optional.empty();
        }
        return Optional.of(messages(kept, plan.matchedMessageShape(), kept.size(), List.of()));
    }

    /** Runs the first {@code nodeCount} nodes again over another range ({@code compare}). */
    private List<Row> rerun(LogStore store, int nodeCount, TimeRange shifted) {
        RowCollector collector = new RowCollector(MAX_RECORDS, guard);
        int slotCount = plan.layout().slotCount();
        SeriesContext context = new SeriesContext(shifted, zone, slotCount, new DynamicColumns(),
                (count, again) -> rerun(store, count, again), guard);
        ExpressionEvaluator evaluator = evaluator(shifted);
        RowOperator head = collector;
        for (int index = nodeCount - 1; index >= 0; index--) {
            head = create(plan.nodes().get(index), slotCount, head, evaluator, context);
        }
        scan(store, shifted, head, null, ScanProjection.WHOLE_MESSAGE);
        return collector.rows();
    }

    private ExpressionEvaluator evaluator(TimeRange scanned) {
        return new ExpressionEvaluator(new EvaluationContext(nowMillis, scanned.fromMillis(), scanned.toMillis(), zone));
    }

    /**
     * Feeds the scan's rows to {@code head}; {@code counter} (may be null) reports progress; {@code projection}
     * tells the store what the rows read ({@link ScanProjections}).
     */
    private void scan(LogStore store, TimeRange scanned, RowOperator head, MessageCounter counter,
            ScanProjection projection) {
        LogScan scan = new LogScan(scanned, byReceiptTime ? TimeField.RECEIPT_TIME : TimeField.MESSAGE_TIME,
                plan.filter(), plan.order(), projection);
        try (LogCursor cursor = store.scan(scan)) {
            guard.check();
            while (cursor.next()) {
                Row row = messageRows.row(cursor.current());
                if (!head.addInput(row)) {
                    break;
                }
                guard.rowScanned(counter == null ? -1 : counter.count());
            }
        }
        guard.check();
        head.finish();
    }

    private RowOperator create(PlanNode node, int slotCount, RowOperator downstream,
            ExpressionEvaluator evaluator, SeriesContext context) {
        return switch (node) {
            case PlanNode.JsonExtract json -> new JsonExtractOperator(json, downstream);
            case PlanNode.ParseAnchor parse -> new ParseAnchorOperator(parse, downstream);
            case PlanNode.ParseRegex parse -> new ParseRegexOperator(parse, downstream);
            case PlanNode.Filter filter -> new FilterOperator(filter.condition(), evaluator, downstream);
            case PlanNode.Assign assign -> new AssignOperator(assign.value(), assign.targetSlot(), evaluator,
                    downstream);
            case PlanNode.ClearFields clear -> new ClearFieldsOperator(clear.slots(), downstream);
            case PlanNode.Aggregate aggregate -> new AggregateOperator(aggregate, slotCount, downstream, guard);
            case PlanNode.Sort sort -> new SortOperator(sort, downstream, guard);
            case PlanNode.Limit limit -> new LimitOperator(limit.count(), downstream);
            case PlanNode.Enrich enrich -> EnrichOperators.create(enrich.node(), plan.layout(), downstream);
            case PlanNode.Series series -> SeriesOperators.create(series.node(), context, downstream);
            case PlanNode.Composite composite -> CompositeOperators.create(composite.node(), slotCount,
                    (subPipeline, end) -> chain(subPipeline, end, evaluator, context), context.guard(), downstream);
            case PlanNode.Analytics analytics -> AnalyticsOperators.create(analytics.node(), context, evaluator,
                    downstream);
        };
    }

    /** The operators of a sub-pipeline, ending in {@code downstream}. */
    private RowOperator chain(List<PlanNode> nodes, RowOperator downstream, ExpressionEvaluator evaluator,
            SeriesContext context) {
        RowOperator head = downstream;
        for (int index = nodes.size() - 1; index >= 0; index--) {
            head = create(nodes.get(index), plan.layout().slotCount(), head, evaluator, context);
        }
        return head;
    }

    private QueryResult result(List<Row> rows, MessageCounter counter, DynamicColumns dynamicColumns) {
        MessageCounter.Progress progress = counter == null ? new MessageCounter.Progress(0, new long[0], List.of())
                : counter.progress();
        long messageCount = progress.count();
        List<dev.loupe.query.HistogramBucket> histogram = MessageCounter.histogram(progress.times(),
                range.fromMillis(), range.toMillis(), zone);
        List<QueryPlan.OutputColumn> columns = plan.columns();
        if (plan.records()) {
            List<ResultField> fields = new ArrayList<>();
            List<Integer> sources = new ArrayList<>();
            int slotCount = plan.layout().slotCount();
            for (QueryPlan.OutputColumn column : columns) {
                if (column.slot() == QueryPlan.DYNAMIC_COLUMNS) {
                    List<String> names = dynamicColumns.names();
                    for (int index = 0; index < names.size(); index++) {
                        fields.add(new ResultField(names.get(index), dynamicColumns.type(), false));
                        sources.add(slotCount + index);
                    }
                } else {
                    fields.add(new ResultField(column.name(), column.type(), column.keyField()));
                    sources.add(column.slot());
                }
            }
            List<Object[]> output = new ArrayList<>(rows.size());
            for (Row row : rows) {
                Object[] values = new Object[sources.size()];
                for (int index = 0; index < values.length; index++) {
                    int source = sources.get(index);
                    values[index] = source < row.values.length ? row.values[source] : null;
                }
                output.add(values);
            }
            return new QueryResult(QueryResult.Kind.RECORDS, fields, output, messageCount, histogram,
                    matchedMessages(progress.kept()));
        }
        return messages(rows, plan.matchedMessageShape(), messageCount, histogram);
    }

    /** A messages result of {@code rows} shown as {@code shape} says; reads the rows only (any thread). */
    private QueryResult messages(List<Row> rows, QueryPlan.MessageShape shape, long messageCount,
            List<dev.loupe.query.HistogramBucket> histogram) {
        List<QueryPlan.OutputColumn> columns = shape.columns();
        Set<Integer> columnSlots = new HashSet<>();
        for (QueryPlan.OutputColumn column : columns) {
            columnSlots.add(column.slot());
        }
        TreeMap<String, String> customNames = new TreeMap<>();
        if (shape.customFieldsVisible()) {
            for (Row row : rows) {
                for (String name : row.message.message().fields().keySet()) {
                    String lower = name.toLowerCase(Locale.ROOT);
                    int slot = plan.layout().slotOf(name);
                    if (!customNames.containsKey(lower) && (slot < 0
                            || (!columnSlots.contains(slot) && !shape.hiddenSlots().contains(slot)))) {
                        customNames.put(lower, name);
                    }
                }
            }
        }
        List<ResultField> fields = new ArrayList<>();
        List<QueryPlan.OutputColumn> builtIns = new ArrayList<>();
        List<QueryPlan.OutputColumn> extracted = new ArrayList<>();
        for (QueryPlan.OutputColumn column : columns) {
            (column.slot() < FieldLayout.BUILT_IN_COUNT ? builtIns : extracted).add(column);
        }
        for (QueryPlan.OutputColumn column : builtIns) {
            fields.add(new ResultField(column.name(), column.type(), false));
        }
        for (String name : customNames.values()) {
            fields.add(new ResultField(name, FieldType.STRING, false));
        }
        for (QueryPlan.OutputColumn column : extracted) {
            fields.add(new ResultField(column.name(), column.type(), false));
        }
        List<String> customList = new ArrayList<>(customNames.values());
        List<Object[]> output = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Object[] values = new Object[fields.size()];
            int position = 0;
            for (QueryPlan.OutputColumn column : builtIns) {
                values[position++] = row.values[column.slot()];
            }
            for (String name : customList) {
                int slot = plan.layout().slotOf(name);
                values[position++] = slot >= 0 ? row.values[slot] : MessageRows.customField(row.message.message().fields(), name);
            }
            for (QueryPlan.OutputColumn column : extracted) {
                values[position++] = row.values[column.slot()];
            }
            output.add(values);
        }
        return new QueryResult(QueryResult.Kind.MESSAGES, fields, output, messageCount, histogram);
    }
}
