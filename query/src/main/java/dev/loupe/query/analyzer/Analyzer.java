package dev.loupe.query.analyzer;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.SourceSpan;
import dev.loupe.query.FieldType;
import dev.loupe.query.ast.Expression;
import dev.loupe.query.ast.Expression.FieldReference;
import dev.loupe.query.ast.Expression.StringLiteral;
import dev.loupe.query.ast.Operator;
import dev.loupe.query.ast.Operator.AggregateFunction;
import dev.loupe.query.ast.Query;
import dev.loupe.query.lookup.LookupTables;
import dev.loupe.query.plan.EnrichNode;
import dev.loupe.query.plan.FieldLayout;
import dev.loupe.query.plan.Function;
import dev.loupe.query.plan.JsonPath;
import dev.loupe.query.plan.PlanExpression;
import dev.loupe.query.plan.PlanNode;
import dev.loupe.query.plan.QueryPlan;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.ScanOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Resolves a parsed {@link Query} into a {@link QueryPlan}. One instance per query; not thread-safe.
 *
 * <p>Tracks, operator by operator, which slots are visible in the result and whether rows are still messages or
 * already records, so that the plan carries its final result columns.
 */
public final class Analyzer {
    /** Sumo's maximum for {@code limit} and {@code top}. */
    public static final int MAX_LIMIT = 10_000;

    private final FieldTable fields;
    private final LookupTables lookupTables;
    private final ExpressionCompiler expressions;
    private final SubqueryCompiler subqueries;
    private final EnrichAnalyzer enrich;
    private final SeriesAnalyzer series;
    private final CompositeAnalyzer composite;
    private final AnalyticsAnalyzer analytics;
    private final List<PlanNode> nodes = new ArrayList<>();
    private final Set<Integer> hiddenSlots = new HashSet<>();
    private List<Integer> visible = new ArrayList<>();
    private Set<Integer> keySlots = Set.of();
    private boolean records;
    private boolean customFieldsVisible = true;
    private int firstAggregateIndex = -1;
    private boolean orderSensitiveBeforeAggregate;
    private boolean previousWasNodropParse;
    private QueryPlan.MessageShape matchedMessageShape;

    private Analyzer(LookupTables lookupTables, SubqueryRunner subqueryRunner) {
        this.fields = new FieldTable();
        this.lookupTables = lookupTables;
        this.subqueries = new SubqueryCompiler(subqueryRunner, fields);
        this.expressions = new ExpressionCompiler(fields, subqueries, lookupTables);
        this.enrich = new EnrichAnalyzer(this, fields, lookupTables);
        this.series = new SeriesAnalyzer(this, fields);
        this.composite = new CompositeAnalyzer(this, fields, lookupTables);
        this.analytics = new AnalyticsAnalyzer(this, fields, lookupTables, expressions);
        for (int slot = 0; slot < FieldLayout.BUILT_IN_COUNT; slot++) {
            visible.add(slot);
        }
    }

    /** An analyzer for a sub-pipeline: shares the parent's slots and starts from its row shape. */
    private Analyzer(Analyzer parent) {
        this.fields = parent.fields;
        this.lookupTables = parent.lookupTables;
        this.subqueries = parent.subqueries;
        this.expressions = parent.expressions;
        this.enrich = new EnrichAnalyzer(this, fields, lookupTables);
        this.series = new SeriesAnalyzer(this, fields);
        this.composite = new CompositeAnalyzer(this, fields, lookupTables);
        this.analytics = new AnalyticsAnalyzer(this, fields, lookupTables, expressions);
        this.visible = new ArrayList<>(parent.visible);
        this.records = parent.records;
        this.keySlots = parent.keySlots;
    }

    /**
     * Analyzes a query.
     *
     * @throws LoupeException {@code QUERY_INVALID} or {@code QUERY_UNSUPPORTED} with the span of the culprit
     */
    public static QueryPlan analyze(Query query) {
        return analyze(query, LookupTables.empty());
    }

    /**
     * Analyzes a query, resolving lookup tables in {@code lookupTables}.
     *
     * @throws LoupeException {@code QUERY_INVALID} or {@code QUERY_UNSUPPORTED} with the span of the culprit
     */
    public static QueryPlan analyze(Query query, LookupTables lookupTables) {
        return analyze(query, lookupTables, SubqueryRunner.unavailable());
    }

    /**
     * Analyzes a query, resolving lookup tables in {@code lookupTables} and running subqueries' child queries
     * through {@code subqueryRunner} as they are met (scope first, then the operators in order).
     *
     * @throws LoupeException {@code QUERY_INVALID} or {@code QUERY_UNSUPPORTED} with the span of the culprit
     */
    public static QueryPlan analyze(Query query, LookupTables lookupTables, SubqueryRunner subqueryRunner) {
        return analyze(query, lookupTables, subqueryRunner, false);
    }

    /**
     * As {@link #analyze(Query, LookupTables, SubqueryRunner)}; with {@code autoParse} the plan starts with
     * {@code json auto} over {@code _raw} and the scope's custom {@code field=value} terms also match JSON fields
     * ({@link AutoParsedScopes}).
     *
     * @throws LoupeException {@code QUERY_INVALID} or {@code QUERY_UNSUPPORTED} with the span of the culprit
     */
    public static QueryPlan analyze(Query query, LookupTables lookupTables, SubqueryRunner subqueryRunner,
            boolean autoParse) {
        return new Analyzer(lookupTables, subqueryRunner).plan(query, autoParse);
    }

    private QueryPlan plan(Query query, boolean autoParse) {
        KeywordExpression filter = ScopeCompiler.compile(query.scope(), subqueries);
        if (autoParse) {
            filter = autoParse(filter);
        }
        operators(query.operators());
        if ((autoParse || enrich.autoExtraction()) && !records && customFieldsVisible) {
            for (int slot = FieldLayout.BUILT_IN_COUNT; slot < fields.layout().slotCount(); slot++) {
                if (!visible.contains(slot) && !hiddenSlots.contains(slot)) {
                    visible.add(slot);
                }
            }
        }
        ScanOrder order = firstAggregateIndex >= 0 && !orderSensitiveBeforeAggregate
                ? ScanOrder.UNORDERED : ScanOrder.NEWEST_FIRST;
        List<QueryPlan.OutputColumn> columns = outputColumns();
        QueryPlan.MessageShape messageShape = matchedMessageShape != null ? matchedMessageShape
                : new QueryPlan.MessageShape(columns, customFieldsVisible && !records, hiddenSlots);
        return new QueryPlan(filter, order, nodes, firstAggregateIndex, fields.layout(), columns, records,
                customFieldsVisible && !records, hiddenSlots, messageShape);
    }

    /** Adds the {@code AutoParse} head of the plan; returns the (wider) scope the store is asked for. */
    private KeywordExpression autoParse(KeywordExpression scope) {
        nodes.add(new PlanNode.Enrich(new EnrichNode.JsonAuto(FieldLayout.RAW, 0, false, List.of(), new int[0], false,
                true, false)));
        List<String> names = AutoParsedScopes.customFieldNames(scope);
        if (names.isEmpty()) {
            return scope;
        }
        int[] slots = new int[names.size()];
        for (int index = 0; index < slots.length; index++) {
            slots[index] = fields.slot(names.get(index));
            if (!visible.contains(slots[index])) {
                visible.add(slots[index]);
            }
        }
        nodes.add(new PlanNode.Enrich(new EnrichNode.AutoParsedScope(scope, names, slots)));
        return AutoParsedScopes.widen(scope);
    }

    private List<QueryPlan.OutputColumn> outputColumns() {
        List<QueryPlan.OutputColumn> columns = new ArrayList<>();
        for (int slot : visible) {
            columns.add(slot == QueryPlan.DYNAMIC_COLUMNS
                    ? new QueryPlan.OutputColumn(slot, "*", FieldType.STRING, false)
                    : new QueryPlan.OutputColumn(slot, fields.name(slot), fields.type(slot), keySlots.contains(slot)));
        }
        return columns;
    }

    /**
     * The plan of a sub-pipeline (join table, filter child, per-group operators) over the current row shape.
     *
     * @return its nodes, the slots visible after it, and whether it ends with records
     */
    SubPipeline subPipeline(List<Operator> operators) {
        Analyzer child = new Analyzer(this);
        child.operators(operators);
        return new SubPipeline(child.nodes, List.copyOf(child.visible), child.records);
    }

    /** The result of {@link #subPipeline}. */
    record SubPipeline(List<PlanNode> nodes, List<Integer> visible, boolean records) {}

    /** Whether rows are records (an aggregate ran) rather than messages. */
    boolean records() {
        return records;
    }

    /** The slots visible at this point, in order. */
    List<Integer> visibleSlots() {
        return List.copyOf(visible);
    }

    /** Replaces the visible slots (after a step that reshapes rows without aggregating). */
    void setVisible(List<Integer> slots, boolean recordsNow) {
        visible = new ArrayList<>(slots);
        records = recordsNow;
    }

    private void operators(List<Operator> operators) {
        for (Operator operator : operators) {
            analytics.checkNotAfterSave(operator);
            boolean parseFamily = false;
            switch (operator) {
                case Operator.Json json -> {
                    json(json);
                    parseFamily = true;
                }
                case Operator.ParseAnchor parse -> {
                    parseAnchor(parse);
                    parseFamily = true;
                }
                case Operator.ParseRegex parse -> {
                    parseRegex(parse);
                    parseFamily = true;
                }
                case Operator.Where where -> nodes.add(new PlanNode.Filter(expressions.compile(where.condition())));
                case Operator.Fields fieldsOperator -> fields(fieldsOperator);
                case Operator.Aggregate aggregate -> aggregate(aggregate);
                case Operator.Sort sort -> sort(sort.keys());
                case Operator.Limit limit -> limit(limit.count(), limit.span());
                case Operator.Top top -> top(top);
                case Operator.Assign assign -> assign(assign);
                case Operator.Enrich enrichOperator -> {
                    enrich.analyze(enrichOperator.operator());
                    parseFamily = enrichOperator.operator().parseFamily();
                }
                case Operator.TimeSeries timeSeries -> series.analyze(timeSeries.operator());
                case Operator.Composite compositeOperator -> composite.analyze(compositeOperator.operator());
                case Operator.Analytics analyticsOperator -> analytics.analyze(analyticsOperator.operator());
            }
            previousWasNodropParse = parseFamily && nodrop(operator);
        }
    }

    private static boolean nodrop(Operator operator) {
        return switch (operator) {
            case Operator.Json json -> json.nodrop();
            case Operator.ParseAnchor parse -> parse.nodrop();
            case Operator.ParseRegex parse -> parse.nodrop();
            case Operator.Enrich enrichOperator -> enrichOperator.operator().nodrop();
            default -> false;
        };
    }

    /** Appends a plan node (for {@link EnrichAnalyzer}). */
    void addNode(PlanNode node) {
        nodes.add(node);
    }

    /** Whether the previous operator was a parse-family operator with nodrop. */
    boolean previousWasNodropParse() {
        return previousWasNodropParse;
    }

    /** Records that an order-sensitive step runs on messages (they must then be scanned newest first). */
    void markOrderSensitive() {
        if (firstAggregateIndex < 0) {
            orderSensitiveBeforeAggregate = true;
        }
    }

    int inputSlot(FieldReference field) {
        return field == null ? FieldLayout.RAW : fields.slot(field.name());
    }

    /** Makes {@code name} a visible output of the given type and returns its slot. */
    int output(String name, FieldType type) {
        int slot = fields.slot(name);
        fields.setType(slot, type);
        hiddenSlots.remove(slot);
        if (!visible.contains(slot)) {
            visible.add(slot);
        }
        return slot;
    }

    private void json(Operator.Json json) {
        if (!json.aliases().isEmpty() && json.aliases().size() != json.keys().size()) {
            throw invalid(json.span(), "json has " + json.keys().size() + " key(s) but " + json.aliases().size()
                    + " field name(s) after 'as'");
        }
        int input = inputSlot(json.field());
        List<JsonPath> paths = new ArrayList<>();
        int[] outputs = new int[json.keys().size()];
        for (int index = 0; index < json.keys().size(); index++) {
            StringLiteral key = json.keys().get(index);
            try {
                paths.add(JsonPath.parse(key.value()));
            } catch (IllegalArgumentException invalidPath) {
                throw invalid(key.span(), invalidPath.getMessage());
            }
            String name = json.aliases().isEmpty() ? key.value() : json.aliases().get(index).name();
            outputs[index] = output(name, FieldType.STRING);
        }
        nodes.add(new PlanNode.JsonExtract(input, paths, outputs, json.nodrop(), previousWasNodropParse));
    }

    private void parseAnchor(Operator.ParseAnchor parse) {
        int stars = 0;
        for (StringLiteral pattern : parse.patterns()) {
            if (pattern.value().contains("**")) {
                throw invalid(pattern.span(), "'**' is not allowed in a parse pattern");
            }
            stars += Patterns.countStars(pattern.value());
        }
        if (stars != parse.aliases().size()) {
            throw invalid(parse.span(), "the parse pattern has " + stars + " '*' but " + parse.aliases().size()
                    + " field name(s) after 'as'");
        }
        int input = inputSlot(parse.field());
        List<Pattern> patterns = new ArrayList<>();
        int[][] outputs = new int[parse.patterns().size()][];
        int alias = 0;
        for (int index = 0; index < parse.patterns().size(); index++) {
            String pattern = parse.patterns().get(index).value();
            patterns.add(Patterns.anchor(pattern));
            outputs[index] = new int[Patterns.countStars(pattern)];
            for (int group = 0; group < outputs[index].length; group++) {
                outputs[index][group] = output(parse.aliases().get(alias++).name(), FieldType.STRING);
            }
        }
        nodes.add(new PlanNode.ParseAnchor(input, patterns, outputs, parse.nodrop(), previousWasNodropParse));
    }

    private void parseRegex(Operator.ParseRegex parse) {
        int input = inputSlot(parse.field());
        List<Pattern> patterns = new ArrayList<>();
        int[][] outputs = new int[parse.patterns().size()][];
        for (int index = 0; index < parse.patterns().size(); index++) {
            StringLiteral literal = parse.patterns().get(index);
            List<String> names = new ArrayList<>();
            Pattern pattern;
            try {
                pattern = Pattern.compile(Patterns.renameGroups(literal.value(), names));
            } catch (PatternSyntaxException invalidRegex) {
                throw invalid(literal.span(), "invalid regex \"" + literal.value() + "\": "
                        + invalidRegex.getDescription());
            }
            if (names.isEmpty()) {
                throw invalid(literal.span(), "parse regex needs at least one named group (?<name>...)");
            }
            if (pattern.matcher("").groupCount() != names.size()) {
                throw invalid(literal.span(),
                        "parse regex does not allow unnamed capturing groups; use (?:...) for grouping");
            }
            patterns.add(pattern);
            outputs[index] = new int[names.size()];
            for (int group = 0; group < names.size(); group++) {
                outputs[index][group] = output(names.get(group), FieldType.STRING);
            }
        }
        nodes.add(new PlanNode.ParseRegex(input, patterns, outputs, parse.multi(), parse.nodrop(),
                previousWasNodropParse));
    }

    private void fields(Operator.Fields operator) {
        Set<Integer> listed = new LinkedHashSet<>();
        for (FieldReference field : operator.fields()) {
            if (!listed.add(fields.slot(field.name()))) {
                throw invalid(field.span(), "field '" + field.name() + "' is listed twice");
            }
        }
        List<Integer> cleared = new ArrayList<>();
        if (operator.mode() == Operator.FieldsMode.KEEP) {
            List<Integer> kept = new ArrayList<>();
            if (!records) {
                for (int slot : visible) {
                    if (slot >= 0 && slot < FieldLayout.BUILT_IN_COUNT) {
                        kept.add(slot);
                    }
                }
                customFieldsVisible = false;
            }
            for (int slot : listed) {
                if (!kept.contains(slot)) {
                    kept.add(slot);
                }
            }
            for (int slot = records ? 0 : FieldLayout.BUILT_IN_COUNT; slot < fields.layout().slotCount(); slot++) {
                if (!listed.contains(slot)) {
                    cleared.add(slot);
                }
            }
            visible = kept;
        } else {
            visible.removeAll(listed);
            cleared.addAll(listed);
            hiddenSlots.addAll(listed);
        }
        int[] slots = new int[cleared.size()];
        for (int index = 0; index < slots.length; index++) {
            slots[index] = cleared.get(index);
        }
        nodes.add(new PlanNode.ClearFields(slots));
    }

    private void aggregate(Operator.Aggregate aggregate) {
        int[] groupSlots = new int[aggregate.groupBy().size()];
        Set<String> outputNames = new HashSet<>();
        List<Integer> newVisible = new ArrayList<>();
        for (int index = 0; index < groupSlots.length; index++) {
            FieldReference field = aggregate.groupBy().get(index);
            groupSlots[index] = fields.slot(field.name());
            if (!outputNames.add(field.name().toLowerCase(java.util.Locale.ROOT))) {
                throw invalid(field.span(), "field '" + field.name() + "' is grouped by twice");
            }
            newVisible.add(groupSlots[index]);
        }
        List<PlanNode.AggregateSpec> specs = new ArrayList<>();
        boolean frequent = false;
        for (Operator.AggregateCall call : aggregate.calls()) {
            if (call.function() == AggregateFunction.COUNT_FREQUENT) {
                frequent = true;
                if (aggregate.calls().size() > 1) {
                    throw invalid(call.span(), "count_frequent cannot be combined with other aggregates");
                }
            }
            if (call.function() == AggregateFunction.FIRST || call.function() == AggregateFunction.LAST) {
                markOrderSensitive();
            }
            int inputSlot = -1;
            if (call.argument() != null) {
                if (!(call.argument() instanceof FieldReference field) || field.name().equals("*")) {
                    throw invalid(call.argument().span(), "the argument of " + call.function().keyword()
                            + "() must be a field; compute '" + textOf(call.argument()) + "' in an earlier step");
                }
                inputSlot = fields.slot(field.name());
            }
            if (inputSlot < 0 && call.function() != AggregateFunction.COUNT
                    && call.function() != AggregateFunction.COUNT_FREQUENT) {
                throw invalid(call.span(), call.function().keyword() + "() needs a field argument");
            }
            List<Double> percentiles = switch (call.function()) {
                case PCT, PCT_SAMPLING -> call.percentiles();
                case MEDIAN -> List.of(50.0);
                default -> List.of(0.0);
            };
            if (call.alias() != null && percentiles.size() > 1) {
                throw invalid(call.alias().span(), "an alias names one column; pct with several percentiles"
                        + " names its columns _<field>_pct_<p>");
            }
            for (double percentile : percentiles) {
                String name = call.alias() != null ? call.alias().name() : switch (call.function()) {
                    case PCT, PCT_SAMPLING -> "_" + fields.name(inputSlot) + "_pct_" + AggregateNames.number(percentile);
                    default -> call.function().defaultOutputName();
                };
                if (!outputNames.add(name.toLowerCase(java.util.Locale.ROOT))) {
                    throw invalid(call.span(), "duplicate output field '" + name + "'; add 'as <name>'");
                }
                int outputSlot = fields.slot(name);
                fields.setType(outputSlot, AggregateNames.type(call.function(), inputSlot < 0 ? FieldType.STRING
                        : fields.type(inputSlot)));
                newVisible.add(outputSlot);
                specs.add(new PlanNode.AggregateSpec(call.function(), inputSlot, outputSlot, percentile));
            }
        }
        addAggregate(new PlanNode.Aggregate(groupSlots, specs), groupSlots, newVisible);
        if (frequent) {
            nodes.add(new PlanNode.Sort(List.of(new PlanNode.SortSpec(specs.get(0).outputSlot(), false))));
            nodes.add(new PlanNode.Limit(MAX_LIMIT));
        }
    }

    /** Appends a node after which rows are records with {@code newVisible} columns, keyed by {@code groupSlots}. */
    void addAggregate(PlanNode node, int[] groupSlots, List<Integer> newVisible) {
        if (firstAggregateIndex < 0) {
            firstAggregateIndex = nodes.size();
            if (!records) {
                matchedMessageShape = new QueryPlan.MessageShape(outputColumns(), customFieldsVisible, hiddenSlots);
            }
        }
        nodes.add(node);
        Set<Integer> keys = new HashSet<>();
        for (int slot : groupSlots) {
            keys.add(slot);
        }
        keySlots = keys;
        visible = newVisible;
        records = true;
        hiddenSlots.clear();
    }

    private static String textOf(Expression expression) {
        return dev.loupe.query.ast.AstPrinter.print(expression);
    }

    private void sort(List<Operator.SortKey> keys) {
        List<PlanNode.SortSpec> specs = new ArrayList<>();
        for (Operator.SortKey key : keys) {
            specs.add(new PlanNode.SortSpec(fields.slot(key.field().name()),
                    key.direction() == Operator.SortDirection.ASCENDING));
        }
        nodes.add(new PlanNode.Sort(specs));
        if (firstAggregateIndex < 0) {
            orderSensitiveBeforeAggregate = true;
        }
    }

    private void limit(long count, SourceSpan span) {
        if (count > MAX_LIMIT) {
            throw invalid(span, "limit allows at most " + MAX_LIMIT + " rows, not " + count);
        }
        nodes.add(new PlanNode.Limit(count));
        if (firstAggregateIndex < 0) {
            orderSensitiveBeforeAggregate = true;
        }
    }

    private void top(Operator.Top top) {
        if (top.count() > MAX_LIMIT) {
            throw invalid(top.span(), "top allows at most " + MAX_LIMIT + " rows, not " + top.count());
        }
        if (!top.rankBy().isEmpty()) {
            if (!records) {
                throw new LoupeException(ErrorCode.QUERY_UNSUPPORTED,
                        "top ... by on messages is not supported yet; aggregate first", top.span());
            }
            sort(top.rankBy());
            limit(top.count(), top.span());
            return;
        }
        int[] groupSlots = new int[top.fields().size()];
        List<Integer> newVisible = new ArrayList<>();
        for (int index = 0; index < groupSlots.length; index++) {
            groupSlots[index] = fields.slot(top.fields().get(index).name());
            newVisible.add(groupSlots[index]);
        }
        int countSlot = fields.slot(AggregateFunction.COUNT.defaultOutputName());
        fields.setType(countSlot, FieldType.INT);
        newVisible.add(countSlot);
        addAggregate(new PlanNode.Aggregate(groupSlots,
                List.of(new PlanNode.AggregateSpec(AggregateFunction.COUNT, -1, countSlot))), groupSlots, newVisible);
        nodes.add(new PlanNode.Sort(List.of(new PlanNode.SortSpec(countSlot, false))));
        nodes.add(new PlanNode.Limit(top.count()));
    }

    private void assign(Operator.Assign assign) {
        String target;
        if (assign.target() != null) {
            target = assign.target().name();
        } else {
            Expression.Call call = (Expression.Call) assign.value();
            Function function = ExpressionCompiler.resolve(call);
            if (function.aliasRequired()) {
                throw invalid(assign.value().span(), "function '" + function.displayName()
                        + "' needs an alias: add 'as <field>'");
            }
            target = ((FieldReference) call.arguments().get(0)).name();
        }
        PlanExpression value = expressions.compile(assign.value());
        FieldType type = expressions.typeOf(value);
        nodes.add(new PlanNode.Assign(value, output(target, type)));
    }

    /** Appends a time-series step. */
    void add(dev.loupe.query.plan.SeriesNode node) {
        nodes.add(new PlanNode.Series(node));
    }

    void addPlain(PlanNode node) {
        nodes.add(node);
    }

    int nodeCount() {
        return nodes.size();
    }

    /** The visible slots in output order (may hold {@link QueryPlan#DYNAMIC_COLUMNS}); do not modify. */
    List<Integer> visible() {
        return visible;
    }

    Set<Integer> keySlots() {
        return keySlots;
    }

    /** Replaces the record columns and their keys (after {@code transpose}). */
    void replaceColumns(List<Integer> newVisible, int[] newKeys) {
        visible = new ArrayList<>(newVisible);
        Set<Integer> keys = new HashSet<>();
        for (int slot : newKeys) {
            keys.add(slot);
        }
        keySlots = keys;
        hiddenSlots.clear();
    }

    private static LoupeException invalid(SourceSpan span, String message) {
        return new LoupeException(ErrorCode.QUERY_INVALID, message, span);
    }
}
