package dev.loupe.query.analyzer;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.SourceSpan;
import dev.loupe.query.FieldType;
import dev.loupe.query.ast.EnrichOperator;
import dev.loupe.query.ast.Expression.FieldReference;
import dev.loupe.query.ast.Expression.StringLiteral;
import dev.loupe.query.lookup.DelimitedText;
import dev.loupe.query.lookup.LookupTable;
import dev.loupe.query.lookup.LookupTables;
import dev.loupe.query.lookup.TableReference;
import dev.loupe.query.plan.EnrichNode;
import dev.loupe.query.plan.FieldLayout;
import dev.loupe.query.plan.PlanNode;
import dev.loupe.query.plan.XmlPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Analyzes the parse and lookup family ({@link EnrichOperator}) for {@link Analyzer}: resolves fields to slots,
 * lookup tables through the {@link LookupTables} catalogue, and validates options. One instance per query.
 */
final class EnrichAnalyzer {
    private final Analyzer analyzer;
    private final FieldTable fields;
    private final LookupTables lookupTables;
    private boolean autoExtraction;

    EnrichAnalyzer(Analyzer analyzer, FieldTable fields, LookupTables lookupTables) {
        this.analyzer = analyzer;
        this.fields = fields;
        this.lookupTables = lookupTables;
    }

    /** Whether a {@code json auto} or {@code kv auto} without {@code refonly} ran (its fields are dynamic). */
    boolean autoExtraction() {
        return autoExtraction;
    }

    void analyze(EnrichOperator operator) {
        EnrichNode node = switch (operator) {
            case EnrichOperator.Lookup lookup -> lookup(lookup);
            case EnrichOperator.Split split -> split(split);
            case EnrichOperator.KeyValue keyValue -> keyValue(keyValue);
            case EnrichOperator.JsonAuto json -> jsonAuto(json);
            case EnrichOperator.ParseXml xml -> parseXml(xml);
            case EnrichOperator.Dedup dedup -> dedup(dedup);
            case EnrichOperator.Bin bin -> bin(bin);
        };
        analyzer.addNode(new PlanNode.Enrich(node));
    }

    private EnrichNode lookup(EnrichOperator.Lookup lookup) {
        TableReference reference;
        try {
            reference = TableReference.parse(lookup.table());
        } catch (IllegalArgumentException invalid) {
            throw invalid(lookup.tableSpan(), invalid.getMessage());
        }
        LookupTable table = lookupTables.resolve(reference).orElseThrow(() -> invalid(lookup.tableSpan(),
                "lookup table " + reference.display() + " is not available"));
        List<String> columns = lowerCase(table.columns());
        List<String> keyColumns = lowerCase(table.keyColumns());
        int[] keySlots = new int[keyColumns.size()];
        boolean[] joined = new boolean[keyColumns.size()];
        for (EnrichOperator.LookupJoin join : lookup.joins()) {
            String left = join.left().name().toLowerCase(Locale.ROOT);
            FieldReference eventField;
            String column;
            if (join.right() == null) {
                eventField = join.left();
                column = left;
            } else {
                String right = join.right().name().toLowerCase(Locale.ROOT);
                boolean leftIsKey = keyColumns.contains(left);
                boolean rightIsKey = keyColumns.contains(right);
                boolean rightFirst = rightIsKey && (!leftIsKey || columns.contains(right));
                eventField = rightFirst ? join.left() : join.right();
                column = rightFirst ? right : left;
            }
            int key = keyColumns.indexOf(column);
            if (key < 0) {
                throw invalid(join.span(), "the lookup must join on the key column(s) " + table.keyColumns() + " of "
                        + reference.display() + "; '" + join.left().name()
                        + (join.right() == null ? "" : "=" + join.right().name()) + "' names none of them");
            }
            if (joined[key]) {
                throw invalid(join.span(), "key column '" + table.keyColumns().get(key) + "' is joined twice");
            }
            joined[key] = true;
            keySlots[key] = fields.slot(eventField.name());
        }
        for (int key = 0; key < joined.length; key++) {
            if (!joined[key]) {
                throw invalid(lookup.span(), "the lookup must join on every key column of " + reference.display()
                        + "; add 'on <field>=" + table.keyColumns().get(key) + "'");
            }
        }
        List<Integer> indexes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (lookup.columns().isEmpty()) {
            for (int index = 0; index < columns.size(); index++) {
                indexes.add(index);
                names.add(table.columns().get(index));
            }
        } else {
            for (EnrichOperator.LookupColumn column : lookup.columns()) {
                int index = columns.indexOf(column.column().toLowerCase(Locale.ROOT));
                if (index < 0) {
                    throw invalid(column.span(), "lookup table " + reference.display() + " has no column '"
                            + column.column() + "' (columns: " + String.join(", ", table.columns()) + ")");
                }
                indexes.add(index);
                names.add(column.alias() == null ? column.column() : column.alias().name());
            }
        }
        int[] columnIndexes = new int[indexes.size()];
        int[] outputSlots = new int[indexes.size()];
        for (int index = 0; index < columnIndexes.length; index++) {
            columnIndexes[index] = indexes.get(index);
            outputSlots[index] = analyzer.output(names.get(index), FieldType.STRING);
        }
        return new EnrichNode.Lookup(table, keySlots, columnIndexes, outputSlots);
    }

    private EnrichNode split(EnrichOperator.Split split) {
        int input = analyzer.inputSlot(split.field());
        List<Integer> positions = new ArrayList<>();
        List<Integer> outputs = new ArrayList<>();
        for (EnrichOperator.ExtractItem item : split.items()) {
            if (item.alias() != null) {
                positions.add(item.position() - 1);
                outputs.add(analyzer.output(item.alias().name(), FieldType.STRING));
            }
        }
        if (outputs.isEmpty()) {
            throw invalid(split.span(), "extract names no field (every position is '_')");
        }
        return new EnrichNode.Split(input, new DelimitedText(split.delimiter(), split.quote(), split.escape()),
                toArray(positions), toArray(outputs));
    }

    private EnrichNode keyValue(EnrichOperator.KeyValue keyValue) {
        checkAliases(keyValue.keys().size(), keyValue.aliases(), keyValue.span());
        int input = analyzer.inputSlot(keyValue.field());
        List<String> keys = new ArrayList<>();
        int[] outputs = outputs(keyValue.keys(), keyValue.aliases(), keys, false);
        Pattern regex = null;
        EnrichNode.KeyValueMode mode = switch (keyValue.mode()) {
            case INFER -> EnrichNode.KeyValueMode.INFER;
            case AUTO -> EnrichNode.KeyValueMode.AUTO;
            case REGEX -> {
                StringLiteral literal = keyValue.regex();
                try {
                    regex = Pattern.compile(literal.value());
                } catch (PatternSyntaxException invalidRegex) {
                    throw invalid(literal.span(), "invalid regex \"" + literal.value() + "\": "
                            + invalidRegex.getDescription());
                }
                int groups = regex.matcher("").groupCount();
                if (groups == 2) {
                    yield EnrichNode.KeyValueMode.REGEX_KEY_VALUE;
                }
                if (groups == 1) {
                    yield EnrichNode.KeyValueMode.REGEX_VALUE;
                }
                throw invalid(literal.span(), "kv regex needs one group (the value) or two groups (key, value);"
                        + " this one has " + groups);
            }
        };
        if (mode == EnrichNode.KeyValueMode.AUTO && !keyValue.refonly()) {
            autoExtraction = true;
        }
        return new EnrichNode.KeyValueExtract(mode, input, regex, keys, outputs,
                keyValue.delimiter() == null ? "=" : keyValue.delimiter(), keyValue.refonly(), keyValue.nodrop(),
                analyzer.previousWasNodropParse());
    }

    private EnrichNode jsonAuto(EnrichOperator.JsonAuto json) {
        checkAliases(json.keys().size(), json.aliases(), json.span());
        int input = analyzer.inputSlot(json.field());
        List<String> keys = new ArrayList<>();
        int[] outputs = outputs(json.keys(), json.aliases(), keys, true);
        if (!json.refonly()) {
            autoExtraction = true;
        }
        return new EnrichNode.JsonAuto(input, json.maxDepth(), json.extractArrays(), keys, outputs, json.refonly(),
                json.nodrop(), analyzer.previousWasNodropParse());
    }

    private EnrichNode parseXml(EnrichOperator.ParseXml xml) {
        checkAliases(xml.paths().size(), xml.aliases(), xml.span());
        int input = analyzer.inputSlot(xml.field());
        List<XmlPath> paths = new ArrayList<>();
        int[] outputs = new int[xml.paths().size()];
        for (int index = 0; index < outputs.length; index++) {
            StringLiteral path = xml.paths().get(index);
            try {
                paths.add(XmlPath.parse(path.value()));
            } catch (IllegalArgumentException invalidPath) {
                throw invalid(path.span(), invalidPath.getMessage());
            }
            String name = xml.aliases().isEmpty() ? path.value() : xml.aliases().get(index).name();
            outputs[index] = analyzer.output(name, FieldType.STRING);
        }
        return new EnrichNode.XmlExtract(input, paths, outputs, xml.nodrop(), analyzer.previousWasNodropParse());
    }

    private EnrichNode dedup(EnrichOperator.Dedup dedup) {
        int[] keys;
        if (dedup.by().isEmpty()) {
            keys = new int[] {FieldLayout.RAW};
        } else {
            keys = new int[dedup.by().size()];
            for (int index = 0; index < keys.length; index++) {
                keys[index] = fields.slot(dedup.by().get(index).name());
            }
        }
        analyzer.markOrderSensitive();
        return new EnrichNode.Dedup(keys, dedup.count(), dedup.consecutive());
    }

    private EnrichNode bin(EnrichOperator.Bin bin) {
        int input = analyzer.inputSlot(bin.field());
        int label = analyzer.output("_bin_label", FieldType.STRING);
        int lower = analyzer.output("_bin_lower", FieldType.DOUBLE);
        int upper = analyzer.output("_bin_upper", FieldType.DOUBLE);
        return new EnrichNode.Bin(input, bin.width(), bin.min() == null ? Double.NaN : bin.min(),
                bin.max() == null ? Double.NaN : bin.max(), label, lower, upper);
    }

    private int[] outputs(List<StringLiteral> keys, List<FieldReference> aliases, List<String> keyTexts,
            boolean json) {
        int[] outputs = new int[keys.size()];
        for (int index = 0; index < outputs.length; index++) {
            String key = keys.get(index).value();
            keyTexts.add(key);
            String name = aliases.isEmpty() ? sanitize(key, json) : aliases.get(index).name();
            outputs[index] = analyzer.output(name, FieldType.STRING);
        }
        return outputs;
    }

    /**
     * Spec §2.2, unaliased names: for {@code kv} every character other than a letter, digit or {@code _} becomes
     * {@code _}; for {@code json auto} ({@code json} true) only whitespace does.
     */
    static String sanitize(String key, boolean json) {
        StringBuilder name = new StringBuilder(key.length());
        for (int index = 0; index < key.length(); index++) {
            char character = key.charAt(index);
            boolean keep = json ? !Character.isWhitespace(character)
                    : Character.isLetterOrDigit(character) || character == '_';
            name.append(keep ? character : '_');
        }
        return name.toString();
    }

    private static void checkAliases(int keys, List<FieldReference> aliases, SourceSpan span) {
        if (!aliases.isEmpty() && aliases.size() != keys) {
            throw invalid(span, keys + " key(s) but " + aliases.size() + " field name(s) after 'as'");
        }
    }

    private static List<String> lowerCase(List<String> names) {
        List<String> lower = new ArrayList<>(names.size());
        for (String name : names) {
            lower.add(name.toLowerCase(Locale.ROOT));
        }
        return lower;
    }

    private static int[] toArray(List<Integer> values) {
        int[] array = new int[values.size()];
        for (int index = 0; index < array.length; index++) {
            array[index] = values.get(index);
        }
        return array;
    }

    private static LoupeException invalid(SourceSpan span, String message) {
        return new LoupeException(ErrorCode.QUERY_INVALID, message, span);
    }
}
