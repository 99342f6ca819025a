package dev.loupe.query.analyzer;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.SourceSpan;
import dev.loupe.query.FieldType;
import dev.loupe.query.ast.CompositeOperator;
import dev.loupe.query.ast.Expression.FieldReference;
import dev.loupe.query.ast.Operator;
import dev.loupe.query.lookup.LookupTable;
import dev.loupe.query.lookup.LookupTables;
import dev.loupe.query.lookup.TableReference;
import dev.loupe.query.plan.CompositeNode;
import dev.loupe.query.plan.FieldLayout;
import dev.loupe.query.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Analyzes the operators that run sub-pipelines or reduce groups ({@link CompositeOperator}) for
 * {@link Analyzer}. Sub-pipelines are analyzed by child analyzers that share the query's slots. One instance per
 * (sub-)pipeline.
 */
final class CompositeAnalyzer {
    private final Analyzer analyzer;
    private final FieldTable fields;
    private final LookupTables lookupTables;

    CompositeAnalyzer(Analyzer analyzer, FieldTable fields, LookupTables lookupTables) {
        this.analyzer = analyzer;
        this.fields = fields;
        this.lookupTables = lookupTables;
    }

    void analyze(CompositeOperator operator) {
        switch (operator) {
            case CompositeOperator.Join join -> join(join);
            case CompositeOperator.FilterIn filter -> filter(filter);
            case CompositeOperator.Merge merge -> merge(merge);
            case CompositeOperator.Transactionize transactionize -> transactionize(transactionize);
            case CompositeOperator.Cat cat -> cat(cat);
        }
    }

    private void join(CompositeOperator.Join join) {
        List<String> names = new ArrayList<>();
        List<CompositeNode.JoinTable> tables = new ArrayList<>();
        List<Integer> outputs = new ArrayList<>();
        for (CompositeOperator.JoinTable table : join.tables()) {
            String name = table.name().name();
            if (names.contains(name.toLowerCase(Locale.ROOT))) {
                throw invalid(table.name().span(), "join table '" + name + "' is named twice");
            }
            names.add(name.toLowerCase(Locale.ROOT));
            Analyzer.SubPipeline pipeline = analyzer.subPipeline(table.pipeline());
            List<Integer> sources = new ArrayList<>();
            for (int slot : pipeline.visible()) {
                if (slot >= FieldLayout.BUILT_IN_COUNT) {
                    sources.add(slot);
                }
            }
            int[] sourceSlots = new int[sources.size()];
            int[] outputSlots = new int[sources.size()];
            for (int index = 0; index < sourceSlots.length; index++) {
                sourceSlots[index] = sources.get(index);
                outputSlots[index] = fields.slot(name + "_" + fields.name(sourceSlots[index]));
                fields.setType(outputSlots[index], fields.type(sourceSlots[index]));
                outputs.add(outputSlots[index]);
            }
            tables.add(new CompositeNode.JoinTable(name, pipeline.nodes(), sourceSlots, outputSlots));
        }
        List<CompositeNode.JoinKey> keys = new ArrayList<>();
        for (CompositeOperator.JoinCondition condition : join.conditions()) {
            int left = table(names, condition.leftTable(), condition.span());
            int right = table(names, condition.rightTable(), condition.span());
            if (left == right) {
                throw invalid(condition.span(), "a join condition must compare two different tables");
            }
            int leftSlot = fields.slot(condition.leftField());
            int rightSlot = fields.slot(condition.rightField());
            keys.add(left < right ? new CompositeNode.JoinKey(left, leftSlot, right, rightSlot)
                    : new CompositeNode.JoinKey(right, rightSlot, left, leftSlot));
        }
        analyzer.addAggregate(new PlanNode.Composite(new CompositeNode.Join(tables, keys, join.timeWindowMillis())),
                new int[0], outputs);
    }

    private static int table(List<String> names, String table, SourceSpan span) {
        int index = names.indexOf(table.toLowerCase(Locale.ROOT));
        if (index < 0) {
            throw invalid(span, "unknown join table '" + table + "'; the tables are " + names);
        }
        return index;
    }

    private void filter(CompositeOperator.FilterIn filter) {
        if (!analyzer.records()) {
            throw invalid(filter.span(), "filter must follow an aggregate (it filters records)");
        }
        for (Operator operator : filter.pipeline()) {
            if (operator instanceof Operator.Composite composite
                    && composite.operator() instanceof CompositeOperator.FilterIn) {
                throw invalid(operator.span(), "filter is not allowed inside filter");
            }
        }
        int[] keySlots = new int[filter.keys().size()];
        for (int index = 0; index < keySlots.length; index++) {
            keySlots[index] = fields.slot(filter.keys().get(index).name());
        }
        Analyzer.SubPipeline pipeline = analyzer.subPipeline(filter.pipeline());
        analyzer.addNode(new PlanNode.Composite(new CompositeNode.FilterIn(keySlots, pipeline.nodes())));
    }

    private void merge(CompositeOperator.Merge merge) {
        List<CompositeNode.MergeSpec> specs = new ArrayList<>();
        if (merge.fields().isEmpty()) {
            specs.add(new CompositeNode.MergeSpec(FieldLayout.RAW, CompositeOperator.MergeMode.JOIN, "\n",
                    FieldLayout.RAW));
        }
        for (CompositeOperator.MergeField field : merge.fields()) {
            int input = fields.slot(field.field().name());
            int output = field.alias() == null
                    ? (input < FieldLayout.BUILT_IN_COUNT ? input : analyzer.output(field.field().name(), FieldType.STRING))
                    : analyzer.output(field.alias().name(), FieldType.STRING);
            specs.add(new CompositeNode.MergeSpec(input, field.mode(), field.separator(), output));
        }
        analyzer.markOrderSensitive();
        analyzer.addNode(new PlanNode.Composite(new CompositeNode.Merge(specs)));
    }

    private void transactionize(CompositeOperator.Transactionize transactionize) {
        int[] keySlots = new int[transactionize.fields().size()];
        for (int index = 0; index < keySlots.length; index++) {
            keySlots[index] = fields.slot(transactionize.fields().get(index).name());
        }
        FieldReference alias = transactionize.alias();
        String prefix = alias == null ? "_group" : alias.name();
        int group = analyzer.output(prefix, FieldType.LONG);
        int duration = analyzer.output(prefix + "_duration", FieldType.LONG);
        int size = analyzer.output(prefix + "_size", FieldType.LONG);
        int orphaned = analyzer.output(prefix + "_orphaned", FieldType.BOOLEAN);
        List<PlanNode> nodes = List.of();
        if (!transactionize.pipeline().isEmpty()) {
            Analyzer.SubPipeline pipeline = analyzer.subPipeline(transactionize.pipeline());
            nodes = pipeline.nodes();
            analyzer.setVisible(pipeline.visible(), pipeline.records());
        }
        analyzer.markOrderSensitive();
        analyzer.addNode(new PlanNode.Composite(new CompositeNode.Transactionize(keySlots, group, duration, size,
                orphaned, transactionize.maxSpanMillis(), transactionize.maxPauseMillis(), transactionize.maxLogs(),
                transactionize.startsWith(), transactionize.endsWith(), transactionize.keepOrphans(), nodes)));
    }

    private void cat(CompositeOperator.Cat cat) {
        TableReference reference;
        try {
            reference = TableReference.parse(cat.table());
        } catch (IllegalArgumentException invalid) {
            throw invalid(cat.tableSpan(), invalid.getMessage());
        }
        LookupTable table = lookupTables.resolve(reference).orElseThrow(() -> invalid(cat.tableSpan(),
                "lookup table " + reference.display() + " is not available"));
        int[] outputSlots = new int[table.columns().size()];
        List<Integer> outputs = new ArrayList<>();
        for (int index = 0; index < outputSlots.length; index++) {
            outputSlots[index] = fields.slot(table.columns().get(index));
            fields.setType(outputSlots[index], FieldType.STRING);
            outputs.add(outputSlots[index]);
        }
        analyzer.addAggregate(new PlanNode.Composite(new CompositeNode.Cat(table.rows(), outputSlots)), new int[0],
                outputs);
    }

    private static LoupeException invalid(SourceSpan span, String message) {
        return new LoupeException(ErrorCode.QUERY_INVALID, message, span);
    }
}
