package dev.loupe.query.execution;

import dev.loupe.query.plan.EnrichNode;
import dev.loupe.query.plan.FieldLayout;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code json auto} (spec §2.2): finds the JSON object that ends at the last {@code }} of the input (text before
 * it is allowed), flattens it (nested keys joined with {@code .}, array elements as {@code [i]} with
 * {@code extractarrays}, otherwise arrays as JSON text; objects below {@code maxdepth} as JSON text), at most
 * {@value #MAX_FIELDS} fields, whitespace in key names replaced by {@code _}, names matched ignoring case.
 * Listed keys go to their outputs; without {@code refonly} every other key goes to the field of that name when
 * the query mentions it, overriding earlier values. Never drops a row (a message without JSON only leaves the
 * listed keys null).
 */
final class JsonAutoOperator implements RowOperator {
    /** The most fields extracted from one message. */
    static final int MAX_FIELDS = 100;

    private final EnrichNode.JsonAuto node;
    private final FieldLayout layout;
    private final RowOperator downstream;
    private final List<String> lowerKeys;
    private int extracted;

    JsonAutoOperator(EnrichNode.JsonAuto node, FieldLayout layout, RowOperator downstream) {
        this.node = node;
        this.layout = layout;
        this.downstream = downstream;
        this.lowerKeys = node.keys().stream().map(key -> key.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public boolean addInput(Row row) {
        Object[] values = row.values;
        int[] outputs = node.outputSlots();
        for (int output : outputs) {
            values[output] = null;
        }
        String input = Values.toText(values[node.inputSlot()]);
        Object document = input == null ? null : JsonDocument.parseLastObject(input);
        if (document instanceof Map<?, ?> object) {
            extracted = 0;
            flatten("", object, 1, values);
        }
        row.settleParse(document != null, true, node.inheritsRun());
        return downstream.addInput(row);
    }

    private void flatten(String prefix, Object value, int depth, Object[] values) {
        boolean deeper = node.maxDepth() == 0 || depth < node.maxDepth();
        if (value instanceof Map<?, ?> object && (prefix.isEmpty() || deeper)) {
            for (Map.Entry<?, ?> entry : object.entrySet()) {
                String key = ((String) entry.getKey()).replaceAll("\\s", "_");
                flatten(prefix.isEmpty() ? key : prefix + "." + key, entry.getValue(),
                        prefix.isEmpty() ? depth : depth + 1, values);
            }
            return;
        }
        if (value instanceof List<?> array && node.extractArrays() && deeper) {
            for (int index = 0; index < array.size(); index++) {
                flatten(prefix + "[" + index + "]", array.get(index), depth + 1, values);
            }
            return;
        }
        if (extracted >= MAX_FIELDS) {
            return;
        }
        extracted++;
        String text = JsonDocument.toFieldValue(value);
        int listed = lowerKeys.indexOf(prefix.toLowerCase(Locale.ROOT));
        if (listed >= 0) {
            values[node.outputSlots()[listed]] = text;
        }
        if (!node.refonly()) {
            int slot = layout.slotOf(prefix);
            if (slot >= FieldLayout.BUILT_IN_COUNT) {
                values[slot] = text;
            }
        }
    }

    @Override
    public void finish() {
        downstream.finish();
    }
}
