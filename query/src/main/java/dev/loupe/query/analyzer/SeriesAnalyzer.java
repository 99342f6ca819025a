package dev.loupe.query.analyzer;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.SourceSpan;
import dev.loupe.query.FieldType;
import dev.loupe.query.ast.Expression;
import dev.loupe.query.ast.Expression.FieldReference;
import dev.loupe.query.ast.SeriesOperator;
import dev.loupe.query.ast.SeriesOperator.ShiftFunction;
import dev.loupe.query.ast.SeriesOperator.TimesliceSize;
import dev.loupe.query.ast.SeriesOperator.WindowKind;
import dev.loupe.query.plan.PlanExpression;
import dev.loupe.query.plan.PlanNode;
import dev.loupe.query.plan.QueryPlan;
import dev.loupe.query.plan.SeriesNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Analyzes the aggregates-and-time-series operators for {@link Analyzer}: resolves their slots, names their
 * outputs (spec §2.5–2.7, §2.9–2.11) and updates the analyzer's visible columns. Remembers the last
 * {@code timeslice} (for {@code fillmissing} and {@code predict}) and whether {@code compare} was used.
 */
final class SeriesAnalyzer {
    /** Sumo's limit of shifted queries for one {@code compare}. */
    static final int MAX_COMPARE_QUERIES = 7;
    /** Largest window of {@code backshift}, {@code smooth} and {@code rollingstd}. */
    static final int MAX_WINDOW = 1000;
    /** Most forecast points of {@code predict}. */
    static final int MAX_FORECAST = 100;

    private final Analyzer analyzer;
    private final FieldTable fields;
    private int timesliceSlot = -1;
    private TimesliceSize timesliceSize;
    private boolean compared;

    SeriesAnalyzer(Analyzer analyzer, FieldTable fields) {
        this.analyzer = analyzer;
        this.fields = fields;
    }

    void analyze(SeriesOperator operator) {
        switch (operator) {
            case SeriesOperator.Timeslice timeslice -> timeslice(timeslice);
            case SeriesOperator.Withtime withtime -> withtime(withtime);
            case SeriesOperator.Transpose transpose -> transpose(transpose);
            case SeriesOperator.TopK topk -> topk(topk);
            case SeriesOperator.FillMissing fill -> fillmissing(fill);
            case SeriesOperator.Compare compare -> compare(compare);
            case SeriesOperator.Window window -> window(window);
            case SeriesOperator.Outlier outlier -> outlier(outlier);
            case SeriesOperator.Predict predict -> predict(predict);
        }
    }

    private void timeslice(SeriesOperator.Timeslice timeslice) {
        String name = timeslice.alias() == null ? "_timeslice" : timeslice.alias().name();
        int slot = analyzer.output(name, FieldType.LONG);
        timesliceSlot = slot;
        timesliceSize = timeslice.size();
        analyzer.add(new SeriesNode.Timeslice(slot, timeslice.size()));
    }

    private void withtime(SeriesOperator.Withtime withtime) {
        int input = fields.slot(withtime.field().name());
        int output = analyzer.output(withtime.field().name() + "_withtime", fields.type(input));
        analyzer.addPlain(new PlanNode.Assign(new PlanExpression.Slot(input), output));
    }

    private void transpose(SeriesOperator.Transpose transpose) {
        requireRecords(transpose.span(), "transpose");
        Set<Integer> used = new HashSet<>();
        int[] rowSlots = slots(transpose.rows(), used, "row");
        int[] columnSlots = slots(transpose.columns(), used, "column");
        List<Integer> values = new ArrayList<>();
        List<String> valueNames = new ArrayList<>();
        for (int slot : analyzer.visible()) {
            if (slot != QueryPlan.DYNAMIC_COLUMNS && !used.contains(slot)) {
                values.add(slot);
                valueNames.add(fields.name(slot));
            }
        }
        if (values.isEmpty()) {
            throw invalid(transpose.span(), "transpose has no value field left: every column is a row or column field");
        }
        FieldType valueType = fields.type(values.get(0));
        for (int slot : values) {
            if (fields.type(slot) != valueType) {
                valueType = FieldType.STRING;
            }
        }
        List<Integer> visible = new ArrayList<>();
        for (int slot : rowSlots) {
            visible.add(slot);
        }
        List<String> listedNames = new ArrayList<>();
        int[] listedSlots = new int[transpose.aliases().size()];
        for (int index = 0; index < listedSlots.length; index++) {
            FieldReference alias = transpose.aliases().get(index);
            int slot = fields.slot(alias.name());
            if (visible.contains(slot)) {
                throw invalid(alias.span(), "column '" + alias.name() + "' is listed twice");
            }
            fields.setType(slot, valueType);
            listedSlots[index] = slot;
            listedNames.add(alias.name());
            visible.add(slot);
        }
        if (transpose.includeRest()) {
            visible.add(QueryPlan.DYNAMIC_COLUMNS);
        }
        analyzer.add(new SeriesNode.Transpose(rowSlots, columnSlots, toArray(values), valueNames, valueType,
                listedNames, listedSlots, transpose.includeRest()));
        analyzer.replaceColumns(visible, rowSlots);
    }

    private void topk(SeriesOperator.TopK topk) {
        int[] rankSlots = slots(topk.rankBy(), new HashSet<>(), "rank");
        int[] groupSlots = slots(topk.groupBy(), new HashSet<>(), "group");
        int rankOutput = analyzer.output("_rank", FieldType.LONG);
        analyzer.add(new SeriesNode.TopK(topk.count(), rankSlots, groupSlots, rankOutput));
    }

    private void fillmissing(SeriesOperator.FillMissing fill) {
        requireRecords(fill.span(), "fillmissing");
        List<SeriesNode.FillGenerator> generators = new ArrayList<>();
        Set<Integer> keys = new HashSet<>();
        for (SeriesOperator.FillGenerator generator : fill.generators()) {
            SeriesNode.FillGenerator resolved = switch (generator) {
                case SeriesOperator.FillGenerator.Timeslices timeslices -> {
                    int slot = timeslices.field() == null ? fields.slot("_timeslice")
                            : fields.slot(timeslices.field().name());
                    Long millis = timeslices.millis();
                    if (millis == null) {
                        if (!(timesliceSize instanceof TimesliceSize.FixedLength fixed)) {
                            throw invalid(fill.span(), "fillmissing timeslice needs a duration, e.g. timeslice(15m),"
                                    + " unless an earlier timeslice has a fixed one");
                        }
                        millis = fixed.millis();
                    }
                    yield new SeriesNode.FillGenerator.Timeslices(slot, millis);
                }
                case SeriesOperator.FillGenerator.ListedValues listed -> {
                    List<Object> values = new ArrayList<>();
                    for (Expression value : listed.values()) {
                        values.add(constant(value));
                    }
                    yield new SeriesNode.FillGenerator.ListedValues(fields.slot(listed.field().name()), values);
                }
                case SeriesOperator.FillGenerator.AllValues all ->
                        new SeriesNode.FillGenerator.AllValues(fields.slot(all.field().name()));
            };
            if (!keys.add(resolved.slot())) {
                throw invalid(fill.span(), "fillmissing names the field '" + fields.name(resolved.slot()) + "' twice");
            }
            generators.add(resolved);
        }
        List<Integer> valueSlots = new ArrayList<>();
        for (int slot : analyzer.visible()) {
            if (slot != QueryPlan.DYNAMIC_COLUMNS && !keys.contains(slot)) {
                valueSlots.add(slot);
            }
        }
        Object[] defaults = new Object[valueSlots.size()];
        for (int index = 0; index < defaults.length; index++) {
            defaults[index] = switch (fields.type(valueSlots.get(index))) {
                case INT, LONG -> 0L;
                case DOUBLE -> 0.0;
                case BOOLEAN -> Boolean.FALSE;
                case STRING -> null;
            };
        }
        for (SeriesOperator.FillDefault fillDefault : fill.defaults()) {
            int index = valueSlots.indexOf(fields.slot(fillDefault.field().name()));
            if (index < 0) {
                throw invalid(fillDefault.field().span(), "'" + fillDefault.field().name()
                        + "' is not a value column of the records, so fillmissing cannot set it");
            }
            defaults[index] = constant(fillDefault.value());
        }
        analyzer.add(new SeriesNode.FillMissing(generators, toArray(valueSlots), defaults, fill.takeLast()));
    }

    private void compare(SeriesOperator.Compare compare) {
        requireRecords(compare.span(), "compare");
        if (compared) {
            throw invalid(compare.span(), "compare can appear only once in a query");
        }
        compared = true;
        long queries = 0;
        for (SeriesOperator.Shift shift : compare.shifts()) {
            queries += shift.periods();
        }
        if (queries > MAX_COMPARE_QUERIES) {
            throw new LoupeException(ErrorCode.QUERY_LIMIT_EXCEEDED, "compare runs " + queries
                    + " shifted queries; the maximum is " + MAX_COMPARE_QUERIES, compare.span());
        }
        Set<Integer> keys = analyzer.keySlots();
        List<Integer> valueSlots = new ArrayList<>();
        for (int slot : analyzer.visible()) {
            if (slot != QueryPlan.DYNAMIC_COLUMNS && !keys.contains(slot)) {
                valueSlots.add(slot);
            }
        }
        int prefix = analyzer.nodeCount();
        List<SeriesNode.ComparedSeries> series = new ArrayList<>();
        for (SeriesOperator.Shift shift : compare.shifts()) {
            long unitMillis = unitMillis(shift.unit());
            if (shift.function() == ShiftFunction.NONE) {
                for (long period = 1; period <= shift.periods(); period++) {
                    String suffix = shift.alias() == null ? (shift.amount() * period) + shift.unit()
                            : shift.periods() == 1 ? shift.alias() : shift.alias() + "_" + period;
                    series.add(new SeriesNode.ComparedSeries(new long[] {shift.amount() * period * unitMillis},
                            ShiftFunction.NONE, compareOutputs(valueSlots, suffix, false)));
                }
            } else {
                long[] offsets = new long[(int) shift.periods()];
                for (int period = 1; period <= offsets.length; period++) {
                    offsets[period - 1] = shift.amount() * period * unitMillis;
                }
                String suffix = shift.alias() != null ? shift.alias() : (shift.amount() * shift.periods())
                        + shift.unit() + "_" + shift.function().name().toLowerCase(Locale.ROOT);
                series.add(new SeriesNode.ComparedSeries(offsets, shift.function(),
                        compareOutputs(valueSlots, suffix, true)));
            }
        }
        int alignedSlot = keys.contains(timesliceSlot) ? timesliceSlot : -1;
        int[] keyArray = new int[keys.size()];
        int position = 0;
        for (int slot : analyzer.visible()) {
            if (keys.contains(slot)) {
                keyArray[position++] = slot;
            }
        }
        analyzer.add(new SeriesNode.Compare(prefix, java.util.Arrays.copyOf(keyArray, position), alignedSlot,
                toArray(valueSlots), series));
    }

    private int[] compareOutputs(List<Integer> valueSlots, String suffix, boolean combined) {
        int[] outputs = new int[valueSlots.size()];
        for (int index = 0; index < outputs.length; index++) {
            int value = valueSlots.get(index);
            outputs[index] = analyzer.output(fields.name(value) + "_" + suffix,
                    combined ? FieldType.DOUBLE : fields.type(value));
        }
        return outputs;
    }

    private void window(SeriesOperator.Window window) {
        long size = window.size() == null ? window.kind().defaultSize() : window.size();
        if (size > MAX_WINDOW) {
            throw invalid(window.span(), window.kind().keyword() + " allows at most " + MAX_WINDOW + ", not " + size);
        }
        int input = fields.slot(window.field().name());
        int[] groupSlots = slots(window.groupBy(), new HashSet<>(), "group");
        String name = window.alias() == null ? window.kind().defaultOutputName() : window.alias().name();
        FieldType type = window.kind() == WindowKind.BACKSHIFT ? fields.type(input) : FieldType.DOUBLE;
        int output = analyzer.output(name, type);
        analyzer.markOrderSensitive();
        analyzer.add(new SeriesNode.Window(window.kind(), input, (int) size, output, groupSlots));
    }

    private void outlier(SeriesOperator.Outlier outlier) {
        if (outlier.window() > MAX_WINDOW) {
            throw invalid(outlier.span(), "outlier window allows at most " + MAX_WINDOW);
        }
        int input = fields.slot(outlier.field().name());
        int[] groupSlots = slots(outlier.groupBy(), new HashSet<>(), "group");
        String base = fields.name(input);
        int[] outputs = {
            analyzer.output(base + "_error", FieldType.DOUBLE),
            analyzer.output(base + "_lower", FieldType.DOUBLE),
            analyzer.output(base + "_upper", FieldType.DOUBLE),
            analyzer.output(base + "_indicator", FieldType.INT),
            analyzer.output(base + "_violation", FieldType.INT),
            analyzer.output(base + "_std", FieldType.DOUBLE)
        };
        analyzer.markOrderSensitive();
        analyzer.add(new SeriesNode.Outlier(input, groupSlots, (int) outlier.window(), outlier.threshold(),
                (int) outlier.consecutive(), outlier.direction(), outputs));
    }

    private void predict(SeriesOperator.Predict predict) {
        requireRecords(predict.span(), "predict");
        if (timesliceSlot < 0 || !analyzer.visible().contains(timesliceSlot)) {
            throw invalid(predict.span(), "predict needs records grouped by a timeslice");
        }
        if (predict.forecastPoints() > MAX_FORECAST) {
            throw invalid(predict.span(), "predict can forecast at most " + MAX_FORECAST + " points");
        }
        int input = fields.slot(predict.field().name());
        String base = fields.name(input);
        int predicted = analyzer.output(base + "_predicted", FieldType.DOUBLE);
        int error = analyzer.output(base + "_error", FieldType.DOUBLE);
        int linear = predict.autoregressive() ? analyzer.output(base + "_linear", FieldType.DOUBLE) : -1;
        int arWindow = (int) (predict.arWindow() > 0 ? predict.arWindow() : 3);
        analyzer.add(new SeriesNode.Predict(input, timesliceSlot, predict.intervalMillis(), predict.autoregressive(),
                arWindow, (int) predict.forecastPoints(), predicted, error, linear));
    }

    private void requireRecords(SourceSpan span, String operator) {
        if (!analyzer.records()) {
            throw invalid(span, operator + " works on aggregated records: add an aggregate (e.g. count by ...) first");
        }
    }

    private int[] slots(List<FieldReference> references, Set<Integer> used, String role) {
        int[] slots = new int[references.size()];
        for (int index = 0; index < slots.length; index++) {
            FieldReference reference = references.get(index);
            slots[index] = fields.slot(reference.name());
            if (!used.add(slots[index])) {
                throw invalid(reference.span(), "field '" + reference.name() + "' is named twice (" + role + ")");
            }
        }
        return slots;
    }

    private static Object constant(Expression expression) {
        return switch (expression) {
            case Expression.StringLiteral string -> string.value();
            case Expression.NumberLiteral number -> number.value();
            case Expression.BooleanLiteral bool -> bool.value();
            case Expression.NullLiteral ignored -> null;
            default -> throw invalid(expression.span(), "expected a constant (a string, number or boolean)");
        };
    }

    private static long unitMillis(String unit) {
        return switch (unit) {
            case "s" -> 1000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            case "w" -> 7 * 86_400_000L;
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }

    private static int[] toArray(List<Integer> slots) {
        int[] array = new int[slots.size()];
        for (int index = 0; index < array.length; index++) {
            array[index] = slots.get(index);
        }
        return array;
    }

    private static LoupeException invalid(SourceSpan span, String message) {
        return new LoupeException(ErrorCode.QUERY_INVALID, message, span);
    }
}
