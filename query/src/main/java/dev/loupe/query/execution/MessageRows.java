package dev.loupe.query.execution;

import dev.loupe.core.LogMessage;
import dev.loupe.query.plan.FieldLayout;
import dev.loupe.store.spi.StoredMessage;
import java.util.Map;

/**
 * Turns stored messages into rows of a plan's layout: the built-in fields in their fixed slots and the custom
 * fields the plan reads in theirs. The one place both a query scan and field extraction at ingest build rows.
 * Immutable once built; thread-safe.
 */
final class MessageRows {
    private final int slotCount;
    private final int[] customSlots;
    private final String[] customNames;

    MessageRows(FieldLayout layout) {
        this.slotCount = layout.slotCount();
        this.customSlots = layout.customInputSlots();
        this.customNames = new String[customSlots.length];
        for (int index = 0; index < customSlots.length; index++) {
            customNames[index] = layout.names().get(customSlots[index]);
        }
    }

    /** A new row for {@code stored}; its other slots are null. */
    Row row(StoredMessage stored) {
        LogMessage message = stored.message();
        Object[] values = new Object[slotCount];
        values[FieldLayout.MESSAGE_ID] = stored.id();
        values[FieldLayout.MESSAGE_TIME] = message.messageTime();
        values[FieldLayout.RECEIPT_TIME] = message.receiptTime();
        values[FieldLayout.RAW] = message.raw();
        values[FieldLayout.SOURCE_CATEGORY] = message.sourceCategory();
        values[FieldLayout.SOURCE_NAME] = message.sourceName();
        values[FieldLayout.SOURCE_HOST] = message.sourceHost();
        values[FieldLayout.SOURCE] = message.source();
        values[FieldLayout.COLLECTOR] = message.collector();
        values[FieldLayout.SIZE] = utf8Length(message.raw());
        Map<String, String> custom = message.fields();
        if (!custom.isEmpty()) {
            for (int index = 0; index < customSlots.length; index++) {
                values[customSlots[index]] = customField(custom, customNames[index]);
            }
        }
        return new Row(values, stored);
    }

    /** A custom field's value by name, the exact spelling first, then ignoring case; null when absent. */
    static String customField(Map<String, String> fields, String name) {
        String exact = fields.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> entry : fields.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** {@code _size}: the message's length in UTF-8 bytes, counted without encoding it. */
    private static long utf8Length(String text) {
        long length = 0;
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character < 0x80) {
                length++;
            } else if (character < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(character)) {
                length += 4;
                index++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
