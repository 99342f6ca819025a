package dev.loupe.query.execution;

import dev.loupe.core.LogMessage;
import dev.loupe.query.plan.EnrichNode;
import dev.loupe.store.spi.KeywordMatcher;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps the rows that match the scope of an {@code AutoParse} query once JSON fields are extracted
 * ({@link EnrichNode.AutoParsedScope}): the message is matched with {@link KeywordMatcher}, the reference
 * definition of scope semantics, with its custom fields overlaid by the values in the scope fields' slots.
 */
final class AutoParsedScopeOperator implements RowOperator {
    private final EnrichNode.AutoParsedScope node;
    private final RowOperator downstream;
    private final String[] lowerNames;

    AutoParsedScopeOperator(EnrichNode.AutoParsedScope node, RowOperator downstream) {
        this.node = node;
        this.downstream = downstream;
        this.lowerNames = new String[node.fieldNames().size()];
        for (int index = 0; index < lowerNames.length; index++) {
            lowerNames[index] = node.fieldNames().get(index).toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public boolean addInput(Row row) {
        if (row.message == null) {
            return downstream.addInput(row);
        }
        LogMessage message = row.message.message();
        Map<String, String> fields = new HashMap<>();
        for (Map.Entry<String, String> entry : message.fields().entrySet()) {
            fields.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue());
        }
        for (int index = 0; index < lowerNames.length; index++) {
            String value = Values.toText(row.values[node.fieldSlots()[index]]);
            if (value == null) {
                fields.remove(lowerNames[index]);
            } else {
                fields.put(lowerNames[index], value);
            }
        }
        LogMessage parsed = new LogMessage(message.raw(), message.messageTime(), message.receiptTime(),
                message.sourceCategory(), message.sourceName(), message.sourceHost(), message.source(),
                message.collector(), fields);
        if (!KeywordMatcher.matches(node.scope(), parsed)) {
            return true;
        }
        return downstream.addInput(row);
    }

    @Override
    public void finish() {
        downstream.finish();
    }
}
