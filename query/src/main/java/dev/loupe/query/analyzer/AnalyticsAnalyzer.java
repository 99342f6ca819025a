package dev.loupe.query.analyzer;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.SourceSpan;
import dev.loupe.query.FieldType;
import dev.loupe.query.ast.AnalyticsOperator;
import dev.loupe.query.ast.AnalyticsOperator.TransactionResults;
import dev.loupe.query.ast.Expression.FieldReference;
import dev.loupe.query.ast.Operator;
import dev.loupe.query.lookup.LookupTable;
import dev.loupe.query.lookup.LookupTables;
import dev.loupe.query.lookup.TableReference;
import dev.loupe.query.lookup.VirtualTable;
import dev.loupe.query.lookup.WritableLookupTables;
import dev.loupe.query.plan.AnalyticsNode;
import dev.loupe.query.plan.AnalyticsNode.SessionPart;
import dev.loupe.query.plan.FieldLayout;
import dev.loupe.query.plan.PlanExpression;
import dev.loupe.query.plan.PlanNode;
import dev.loupe.query.plan.QueryPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Analyzes transaction analytics, behaviour insights and {@code save} ({@link AnalyticsOperator}) for
 * {@link Analyzer}: resolves slots, names the outputs (docs/query-language.md, "Transactions and behaviour
 * analytics") and remembers that {@code save} ended the pipeline. One instance per (sub-)pipeline.
 */
final class AnalyticsAnalyzer {
    private final Analyzer analyzer;
    private final FieldTable fields;
    private final LookupTables lookupTables;
    private final ExpressionCompiler expressions;
    private boolean saved;

    AnalyticsAnalyzer(Analyzer analyzer, FieldTable fields, LookupTables lookupTables,
            ExpressionCompiler expressions) {
        this.analyzer = analyzer;
        this.fields = fields;
        this.lookupTables = lookupTables;
        this.expressions = expressions;
    }

    /**
     * Rejects any operator after {@code save}, which is terminal.
     *
     * @throws LoupeException {@code QUERY_INVALID} at the operator's span
     */
    void checkNotAfterSave(Operator operator) {
        if (saved) {
            throw invalid(operator.span(), "nothing may follow save: it writes the final results to a lookup table");
        }
    }

    void analyze(AnalyticsOperator operator) {
        switch (operator) {
            case AnalyticsOperator.Transaction transaction -> transaction(transaction);
            case AnalyticsOperator.Sessionize sessionize -> sessionize(sessionize);
            case AnalyticsOperator.Trace trace -> trace(trace);
            case AnalyticsOperator.Save save -> save(save);
            case AnalyticsOperator.ThreatLookup threat -> threatLookup(threat);
            case AnalyticsOperator.LogReduce reduce -> logReduce(reduce);
            case AnalyticsOperator.LogReduceKeys keys -> logReduceKeys(keys);
            case AnalyticsOperator.LogReduceValues values -> logReduceValues(values);
            case AnalyticsOperator.LogCompare compare -> logCompare(compare);
            case AnalyticsOperator.LogExplain explain -> logExplain(explain);
            case AnalyticsOperator.Details details -> analyzer.addNode(analytics(
                    new AnalyticsNode.Details(analyzer.inputSlot(details.field()), details.signatureId())));
        }
    }

    private void transaction(AnalyticsOperator.Transaction transaction) {
        int[] keySlots = slots(transaction.keys());
        List<AnalyticsNode.StateMatcher> states = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (AnalyticsOperator.TransactionState state : transaction.states()) {
            String regex = state.exact() ? "^" + Pattern.quote(state.match()) + "$" : wildcard(state.match());
            states.add(new AnalyticsNode.StateMatcher(state.name(), analyzer.inputSlot(state.field()),
                    Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.DOTALL)));
            if (!names.contains(state.name())) {
                names.add(state.name());
            }
        }
        List<Integer> visible = new ArrayList<>();
        int[] outputs = switch (transaction.results()) {
            case TRANSACTIONS -> {
                for (int slot : keySlots) {
                    visible.add(slot);
                }
                int[] slots = new int[2 + names.size()];
                slots[0] = fields.slot("_start_time");
                slots[1] = fields.slot("_end_time");
                for (int index = 0; index < names.size(); index++) {
                    slots[2 + index] = fields.slot(names.get(index));
                }
                yield slots;
            }
            case STATES -> new int[] {fields.slot("state"), fields.slot("_count")};
            case FLOW -> new int[] {fields.slot("fromstate"), fields.slot("tostate"), fields.slot("_count"),
                fields.slot("latency")};
        };
        int[] groupKeys = switch (transaction.results()) {
            case TRANSACTIONS -> keySlots;
            case STATES -> new int[] {outputs[0]};
            case FLOW -> new int[] {outputs[0], outputs[1]};
        };
        for (int index = 0; index < outputs.length; index++) {
            boolean text = transaction.results() != TransactionResults.TRANSACTIONS && index < groupKeys.length;
            fields.setType(outputs[index], text ? FieldType.STRING
                    : transaction.results() == TransactionResults.FLOW && index == 3 ? FieldType.DOUBLE : FieldType.LONG);
            visible.add(outputs[index]);
        }
        analyzer.addAggregate(analytics(new AnalyticsNode.Transaction(keySlots, transaction.fringeMillis(), states,
                transaction.results(), outputs)), groupKeys, visible);
    }

    private void sessionize(AnalyticsOperator.Sessionize sessionize) {
        Set<Integer> captured = new HashSet<>();
        List<AnalyticsNode.SessionStep> steps = new ArrayList<>();
        for (AnalyticsOperator.SessionPattern pattern : sessionize.patterns()) {
            String text = pattern.pattern();
            List<SessionPart> parts = new ArrayList<>();
            List<Integer> newSlots = new ArrayList<>();
            int alias = 0;
            StringBuilder literal = new StringBuilder();
            for (int index = 0; index < text.length(); index++) {
                char character = text.charAt(index);
                int nameEnd = index + 1;
                while (character == '$' && nameEnd < text.length()
                        && (Character.isLetterOrDigit(text.charAt(nameEnd)) || text.charAt(nameEnd) == '_')) {
                    nameEnd++;
                }
                if (character == '*' || (character == '$' && nameEnd > index + 1)) {
                    if (!literal.isEmpty()) {
                        parts.add(new SessionPart.Literal(literal.toString()));
                        literal.setLength(0);
                    }
                    if (character == '*') {
                        if (alias >= pattern.aliases().size()) {
                            throw invalid(pattern.span(), "the pattern has more '*' than field names after 'as'");
                        }
                        int slot = analyzer.output(pattern.aliases().get(alias++).name(), FieldType.STRING);
                        parts.add(new SessionPart.Capture(slot));
                        newSlots.add(slot);
                    } else {
                        String name = text.substring(index + 1, nameEnd);
                        int slot = fields.existing(name);
                        if (slot < 0 || !captured.contains(slot)) {
                            throw invalid(pattern.span(), "$" + name + " does not name a field captured by an earlier"
                                    + " sessionize pattern");
                        }
                        parts.add(new SessionPart.Reference(slot));
                        index = nameEnd - 1;
                    }
                } else {
                    literal.append(character);
                }
            }
            if (!literal.isEmpty()) {
                parts.add(new SessionPart.Literal(literal.toString()));
            }
            if (alias != pattern.aliases().size()) {
                throw invalid(pattern.span(), "the pattern has " + alias + " '*' but " + pattern.aliases().size()
                        + " field name(s) after 'as'");
            }
            captured.addAll(newSlots);
            steps.add(new AnalyticsNode.SessionStep(parts));
        }
        analyzer.markOrderSensitive();
        analyzer.addNode(analytics(new AnalyticsNode.Sessionize(steps)));
    }

    private void trace(AnalyticsOperator.Trace trace) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(trace.regex());
        } catch (PatternSyntaxException invalidRegex) {
            throw invalid(trace.regexSpan(), "invalid regex \"" + trace.regex() + "\": " + invalidRegex.getDescription());
        }
        if (pattern.matcher("").groupCount() < 1) {
            throw invalid(trace.regexSpan(), "trace needs a capturing group around the traced value, e.g. \"id=(\\w+)\"");
        }
        analyzer.markOrderSensitive();
        analyzer.addNode(analytics(new AnalyticsNode.Trace(trace.direction(), pattern, trace.startValue())));
    }

    private void save(AnalyticsOperator.Save save) {
        WritableLookupTables target = lookupTables.writable().orElseThrow(() -> new LoupeException(
                ErrorCode.QUERY_UNSUPPORTED, "save is not supported: this server's lookup tables are read-only",
                save.span()));
        TableReference reference;
        try {
            reference = TableReference.parse(save.table());
        } catch (IllegalArgumentException invalidReference) {
            throw invalid(save.tableSpan(), invalidReference.getMessage());
        }
        if (reference.kind() != TableReference.Kind.PATH) {
            throw invalid(save.tableSpan(), "save writes library tables (path://\"/Library/...\"), not "
                    + reference.display());
        }
        List<Integer> visible = analyzer.visible();
        if (visible.contains(QueryPlan.DYNAMIC_COLUMNS)) {
            throw new LoupeException(ErrorCode.QUERY_UNSUPPORTED,
                    "save after transpose with '*' columns is not supported: list the columns after 'as'", save.span());
        }
        int[] slots = new int[visible.size()];
        List<String> columns = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int index = 0; index < slots.length; index++) {
            slots[index] = visible.get(index);
            columns.add(fields.name(slots[index]));
            if (analyzer.keySlots().contains(slots[index])) {
                keys.add(fields.name(slots[index]));
            }
        }
        if (keys.isEmpty()) {
            keys.addAll(columns);
        }
        saved = true;
        analyzer.addNode(analytics(new AnalyticsNode.Save(target, reference, save.append(), slots, columns, keys)));
    }

    private void threatLookup(AnalyticsOperator.ThreatLookup threat) {
        LookupTable table = lookupTables.resolve(VirtualTable.THREAT.reference())
                .orElseGet(VirtualTable.THREAT::emptyTable);
        int[] outputs = new int[THREAT_OUTPUTS.size()];
        for (int index = 0; index < outputs.length; index++) {
            outputs[index] = analyzer.output("_threatlookup." + THREAT_OUTPUTS.get(index), FieldType.STRING);
        }
        analyzer.addNode(analytics(new AnalyticsNode.ThreatLookup(slots(threat.fields()), table, threat.source(),
                outputs)));
    }

    /** The {@code _threatlookup.*} fields in {@link AnalyticsNode.ThreatLookup} output order. */
    static final List<String> THREAT_OUTPUTS = List.of("indicator", "type", "actors", "confidence", "raw", "source");

    private void logReduce(AnalyticsOperator.LogReduce reduce) {
        int[] groupSlots = slots(reduce.groupBy());
        List<Integer> visible = new ArrayList<>();
        for (int slot : groupSlots) {
            visible.add(slot);
        }
        int id = fields.slot("_signature_id");
        int signature = fields.slot("_signature");
        int count = fields.slot("_count");
        typed(visible, id, FieldType.LONG);
        typed(visible, signature, FieldType.STRING);
        typed(visible, count, FieldType.LONG);
        int[] keys = new int[groupSlots.length + 1];
        System.arraycopy(groupSlots, 0, keys, 0, groupSlots.length);
        keys[groupSlots.length] = id;
        analyzer.addAggregate(analytics(new AnalyticsNode.LogReduce(analyzer.inputSlot(reduce.field()), groupSlots,
                limit(reduce.limit(), reduce.span()), reduce.leastCommon(), signature, count, id)), keys, visible);
    }

    private void logReduceKeys(AnalyticsOperator.LogReduceKeys keys) {
        List<Integer> visible = new ArrayList<>();
        int id = fields.slot("_signature_id");
        int schema = fields.slot("_schema");
        int count = fields.slot("_count");
        typed(visible, id, FieldType.LONG);
        typed(visible, schema, FieldType.STRING);
        typed(visible, count, FieldType.LONG);
        analyzer.addAggregate(analytics(new AnalyticsNode.LogReduceKeys(analyzer.inputSlot(keys.field()),
                limit(keys.limit(), keys.span()), schema, count, id)), new int[] {id}, visible);
    }

    private void logReduceValues(AnalyticsOperator.LogReduceValues values) {
        int[] slots = slots(values.fields());
        List<Integer> visible = new ArrayList<>();
        for (int slot : slots) {
            visible.add(slot);
        }
        int id = fields.slot("_signature_id");
        int count = fields.slot("_count");
        typed(visible, id, FieldType.LONG);
        typed(visible, count, FieldType.LONG);
        analyzer.addAggregate(analytics(new AnalyticsNode.LogReduceValues(slots, limit(values.limit(), values.span()),
                count, id)), slots, visible);
    }

    private void logCompare(AnalyticsOperator.LogCompare compare) {
        if (analyzer.records()) {
            throw invalid(compare.span(), "logcompare clusters messages: it must come before any aggregate");
        }
        List<Integer> visible = new ArrayList<>();
        String[] names = {"_signature_id", "_signature", "_count", "_baseline_count", "_deltaPercentage",
            "_anomalyScore", "_isNew"};
        FieldType[] types = {FieldType.LONG, FieldType.STRING, FieldType.LONG, FieldType.LONG, FieldType.DOUBLE,
            FieldType.DOUBLE, FieldType.BOOLEAN};
        int[] outputs = new int[names.length];
        for (int index = 0; index < names.length; index++) {
            outputs[index] = fields.slot(names[index]);
            typed(visible, outputs[index], types[index]);
        }
        int[] order = {outputs[1], outputs[0], outputs[2], outputs[3], outputs[4], outputs[5], outputs[6]};
        analyzer.addAggregate(analytics(new AnalyticsNode.LogCompare(FieldLayout.RAW, compare.shiftMillis(),
                analyzer.nodeCount(), order)), new int[] {outputs[0]}, visible);
    }

    private void logExplain(AnalyticsOperator.LogExplain explain) {
        PlanExpression test = expressions.compile(explain.test());
        PlanExpression control = explain.control() == null ? null : expressions.compile(explain.control());
        int[] fieldSlots = slots(explain.fields());
        List<String> names = new ArrayList<>();
        for (FieldReference field : explain.fields()) {
            names.add(field.name());
        }
        List<Integer> visible = new ArrayList<>();
        String[] outputNames = {"_explanation", "_relevance", "_test_coverage", "_control_coverage"};
        int[] outputs = new int[outputNames.length];
        for (int index = 0; index < outputs.length; index++) {
            outputs[index] = fields.slot(outputNames[index]);
            typed(visible, outputs[index], index == 0 ? FieldType.STRING : FieldType.DOUBLE);
        }
        analyzer.addAggregate(analytics(new AnalyticsNode.LogExplain(test, control, fieldSlots, names, outputs)),
                new int[] {outputs[0]}, visible);
    }

    private void typed(List<Integer> visible, int slot, FieldType type) {
        fields.setType(slot, type);
        visible.add(slot);
    }

    private int[] slots(List<FieldReference> references) {
        Set<Integer> seen = new HashSet<>();
        int[] slots = new int[references.size()];
        for (int index = 0; index < slots.length; index++) {
            slots[index] = fields.slot(references.get(index).name());
            if (!seen.add(slots[index])) {
                throw invalid(references.get(index).span(), "field '" + references.get(index).name()
                        + "' is listed twice");
            }
        }
        return slots;
    }

    private static int limit(long requested, SourceSpan span) {
        if (requested > Analyzer.MAX_LIMIT) {
            throw invalid(span, "limit allows at most " + Analyzer.MAX_LIMIT + " rows, not " + requested);
        }
        return requested < 0 ? Analyzer.MAX_LIMIT : (int) requested;
    }

    /** A regex finding a wildcard text ({@code *} = any characters) anywhere. */
    private static String wildcard(String match) {
        StringBuilder regex = new StringBuilder();
        int start = 0;
        for (int index = match.indexOf('*'); index >= 0; index = match.indexOf('*', start)) {
            regex.append(Pattern.quote(match.substring(start, index))).append(".*?");
            start = index + 1;
        }
        return regex.append(Pattern.quote(match.substring(start))).toString();
    }

    private static PlanNode analytics(AnalyticsNode node) {
        return new PlanNode.Analytics(node);
    }

    private static LoupeException invalid(SourceSpan span, String message) {
        return new LoupeException(ErrorCode.QUERY_INVALID, message, span);
    }
}
