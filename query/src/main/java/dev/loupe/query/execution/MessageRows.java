package dev.loupe.query.execution;

import dev.loupe.core.LogMessage;
import dev.loupe.query.plan.FieldLayout;
import dev.loupe.store.spi.StoredMessage;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns stored messages into rows of a plan's layout: the built-in fields in their fixed slots and the custom
 * fields the plan reads in theirs. The one place both a query scan and field extraction at ingest build rows.
 * Immutable once built; thread-safe.
 */
final class MessageRows {
    private final int slotCount;
    /* The custom input slots by folded name ({@link #fold}): a message's few fields are looked up here once each,
       instead of every slot the query names searching the message's fields. */
    private final Map<String, int[]> customSlotsByFoldedName = new HashMap<>();
    private final String[] namesBySlot;

    MessageRows(FieldLayout layout) {
        this.slotCount = layout.slotCount();
        this.namesBySlot = layout.names().toArray(String[]::new);
        for (int slot : layout.customInputSlots()) {
            customSlotsByFoldedName.merge(fold(namesBySlot[slot]), new int[] {slot}, MessageRows::concatenate);
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
        if (!custom.isEmpty() && !customSlotsByFoldedName.isEmpty()) {
            fillCustomSlots(custom, values);
        }
        return new Row(values, stored);
    }

    /*
     * As customField for every custom slot: a field whose key is spelled exactly as the slot's name wins over one
     * equal to it ignoring case. The message's fields are visited once; a slot first takes a value ignoring case,
     * then an exact spelling overwrites it.
     */
    private void fillCustomSlots(Map<String, String> custom, Object[] values) {
        for (Map.Entry<String, String> field : custom.entrySet()) {
            int[] slots = customSlotsByFoldedName.get(fold(field.getKey()));
            if (slots != null) {
                for (int slot : slots) {
                    if (values[slot] == null && field.getKey().equalsIgnoreCase(namesBySlot[slot])) {
                        values[slot] = field.getValue();
                    }
                }
            }
        }
        for (Map.Entry<String, String> field : custom.entrySet()) {
            int[] slots = customSlotsByFoldedName.get(fold(field.getKey()));
            if (slots != null) {
                for (int slot : slots) {
                    if (field.getKey().equals(namesBySlot[slot])) {
                        values[slot] = field.getValue();
                    }
                }
            }
        }
    }

    /**
     * Case-folds a field name so that two names fold equal when {@link String#equalsIgnoreCase} says they are equal
     * (per code point: upper-case, then lower-case); a lookup by fold is then confirmed with {@code equalsIgnoreCase}.
     */
    private static String fold(String name) {
        for (int index = 0; index < name.length(); index++) {
            char character = name.charAt(index);
            if (character >= 0x80 || (character >= 'A' && character <= 'Z')) {
                StringBuilder folded = new StringBuilder(name.length());
                name.codePoints().forEach(codePoint -> folded.appendCodePoint(
                        Character.toLowerCase(Character.toUpperCase(codePoint))));
                return folded.toString();
            }
        }
        return name;
    }

    private static int[] concatenate(int[] first, int[] second) {
        int[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
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
