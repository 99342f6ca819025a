package dev.loupe.ingest.extraction;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import dev.loupe.query.analyzer.Analyzer;
import dev.loupe.query.ast.Expression;
import dev.loupe.query.ast.Operator;
import dev.loupe.query.ast.Query;
import dev.loupe.query.execution.MessagePipeline;
import dev.loupe.query.parser.QueryParser;
import dev.loupe.query.plan.FieldLayout;
import dev.loupe.query.plan.QueryPlan;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.KeywordMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One rule compiled once: its scope as a keyword expression, its steps, and the slots it keeps. Thread-safe. */
final class CompiledRule {
    private final FieldExtractionRule rule;
    private final KeywordExpression scope;
    private final MessagePipeline pipeline;
    private final int[] outputSlots;
    private final String[] outputNames;

    private CompiledRule(FieldExtractionRule rule, KeywordExpression scope, MessagePipeline pipeline,
            int[] outputSlots, String[] outputNames) {
        this.rule = rule;
        this.scope = scope;
        this.pipeline = pipeline;
        this.outputSlots = outputSlots;
        this.outputNames = outputNames;
    }

    /**
     * @throws LoupeException {@code QUERY_SYNTAX}, {@code QUERY_INVALID} or {@code QUERY_UNSUPPORTED} with the
     *     rule's name and the query engine's message
     */
    static CompiledRule compile(FieldExtractionRule rule) {
        String scopeText = rule.scope().isBlank() ? "*" : rule.scope().strip();
        String steps = rule.parseExpression().strip();
        if (steps.isEmpty()) {
            throw new LoupeException(ErrorCode.QUERY_INVALID, "field extraction rule '" + rule.name()
                    + "': the parse expression is empty");
        }
        String text = scopeText + "\n" + (steps.startsWith("|") ? steps : "| " + steps);
        try {
            Query query = QueryParser.parse(text);
            QueryPlan plan = Analyzer.analyze(query);
            Map<String, String> keptSpellings = keptSpellings(query);
            if (plan.records()) {
                throw new LoupeException(ErrorCode.QUERY_UNSUPPORTED, "an aggregate cannot run at ingest");
            }
            MessagePipeline pipeline = new MessagePipeline(plan);
            List<Integer> slots = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (QueryPlan.OutputColumn column : plan.columns()) {
                if (column.slot() >= FieldLayout.BUILT_IN_COUNT && !plan.hiddenSlots().contains(column.slot())) {
                    slots.add(column.slot());
                    names.add(keptSpellings.getOrDefault(column.name().toLowerCase(Locale.ROOT), column.name()));
                }
            }
            if (slots.isEmpty()) {
                throw new LoupeException(ErrorCode.QUERY_INVALID, "it extracts no field");
            }
            return new CompiledRule(rule, plan.filter(), pipeline, slots.stream().mapToInt(Integer::intValue).toArray(),
                    names.toArray(String[]::new));
        } catch (LoupeException exception) {
            throw new LoupeException(exception.errorCode(), "field extraction rule '" + rule.name() + "': "
                    + exception.getMessage(), exception);
        }
    }

    /* Field names are case-insensitive, so a slot carries its first spelling (json's "ApiName"); a final
       "fields" list says how the rule wants its fields named ("apiname"). */
    private static Map<String, String> keptSpellings(Query query) {
        Map<String, String> spellings = new HashMap<>();
        if (!query.operators().isEmpty() && query.operators().getLast() instanceof Operator.Fields fields
                && fields.mode() == Operator.FieldsMode.KEEP) {
            for (Expression.FieldReference field : fields.fields()) {
                spellings.put(field.name().toLowerCase(Locale.ROOT), field.name());
            }
        }
        return spellings;
    }

    FieldExtractionRule rule() {
        return rule;
    }

    /** The names of the fields the rule keeps, in order. */
    List<String> fieldNames() {
        return List.of(outputNames);
    }

    /**
     * {@code message} with this rule's fields added (over custom fields of the same name), or {@code message}
     * itself when it is out of scope, a step dropped it, or nothing was extracted.
     */
    LogMessage apply(LogMessage message) {
        if (!KeywordMatcher.matches(scope, message)) {
            return message;
        }
        Object[] values = pipeline.run(message);
        if (values == null) {
            return message;
        }
        Map<String, String> fields = null;
        for (int index = 0; index < outputSlots.length; index++) {
            Object value = values[outputSlots[index]];
            if (value == null) {
                continue;
            }
            String text = value.toString();
            if (text.isEmpty()) {
                continue;
            }
            if (fields == null) {
                fields = new HashMap<>(message.fields());
            }
            removeIgnoringCase(fields, outputNames[index]);
            fields.put(outputNames[index], text);
        }
        if (fields == null) {
            return message;
        }
        return new LogMessage(message.raw(), message.messageTime(), message.receiptTime(), message.sourceCategory(),
                message.sourceName(), message.sourceHost(), message.source(), message.collector(), fields);
    }

    private static void removeIgnoringCase(Map<String, String> fields, String name) {
        fields.keySet().removeIf(key -> key.equalsIgnoreCase(name));
    }
}
