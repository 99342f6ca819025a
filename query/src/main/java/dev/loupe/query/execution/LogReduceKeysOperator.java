package dev.loupe.query.execution;

import dev.loupe.query.plan.AnalyticsNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code logreduce keys}: clusters rows by the set of keys their field holds, the schema. A field holding a JSON
 * object contributes its top-level keys; any other text its {@code key=value} keys. The schema is the keys sorted
 * and joined with {@code ", "}; rows without keys are skipped. Emits schemas most common first (ties by schema), at
 * most {@code limit}, with {@code _signature_id} the schema's {@link Signatures} id.
 */
final class LogReduceKeysOperator implements RowOperator {
    private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z_][\\w.-]*)\\s*=");

    private final AnalyticsNode.LogReduceKeys spec;
    private final int slotCount;
    private final RowOperator downstream;
    private final Signatures signatures = new Signatures();
    private final Map<String, long[]> counts = new LinkedHashMap<>();

    LogReduceKeysOperator(AnalyticsNode.LogReduceKeys spec, int slotCount, RowOperator downstream) {
        this.spec = spec;
        this.slotCount = slotCount;
        this.downstream = downstream;
    }

    @Override
    public boolean addInput(Row row) {
        String text = Values.toText(row.values[spec.inputSlot()]);
        if (text == null) {
            return true;
        }
        TreeSet<String> keys = new TreeSet<>();
        if (text.indexOf('{') >= 0 && JsonDocument.parse(text) instanceof Map<?, ?> object) {
            for (Object key : object.keySet()) {
                keys.add(String.valueOf(key));
            }
        } else {
            Matcher matcher = KEY_VALUE.matcher(text);
            while (matcher.find()) {
                keys.add(matcher.group(1));
            }
        }
        if (!keys.isEmpty()) {
            counts.computeIfAbsent(String.join(", ", keys), schema -> new long[1])[0]++;
        }
        return true;
    }

    @Override
    public void finish() {
        List<String> schemas = new ArrayList<>(counts.keySet());
        schemas.sort(Comparator.comparingLong((String schema) -> counts.get(schema)[0]).reversed()
                .thenComparing(Comparator.naturalOrder()));
        for (int index = 0; index < schemas.size() && index < spec.limit(); index++) {
            String schema = schemas.get(index);
            Object[] values = new Object[slotCount];
            values[spec.schemaSlot()] = schema;
            values[spec.idSlot()] = signatures.id(schema);
            values[spec.countSlot()] = counts.get(schema)[0];
            if (!downstream.addInput(new Row(values, null))) {
                break;
            }
        }
        downstream.finish();
    }
}
