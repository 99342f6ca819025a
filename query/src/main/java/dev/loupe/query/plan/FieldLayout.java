package dev.loupe.query.plan;

import dev.loupe.query.FieldType;
import java.util.List;
import java.util.Map;

/**
 * The slots of a query's rows. Slots {@code 0..BUILT_IN_COUNT-1} are the built-in message fields in
 * {@link #BUILT_IN_NAMES} order; the rest are every other field name the query mentions, resolved
 * case-insensitively (first-seen spelling kept).
 *
 * @param names display name per slot
 * @param types static type per slot
 * @param slotsByLowerName lower-cased name to slot
 * @param customInputSlots non-built-in slots filled from the message's custom fields when a row is created
 */
public record FieldLayout(List<String> names, List<FieldType> types, Map<String, Integer> slotsByLowerName,
        int[] customInputSlots) {
    public static final int MESSAGE_ID = 0;
    public static final int MESSAGE_TIME = 1;
    public static final int RECEIPT_TIME = 2;
    public static final int RAW = 3;
    public static final int SOURCE_CATEGORY = 4;
    public static final int SOURCE_NAME = 5;
    public static final int SOURCE_HOST = 6;
    public static final int SOURCE = 7;
    public static final int COLLECTOR = 8;
    public static final int SIZE = 9;
    public static final int BUILT_IN_COUNT = 10;

    /** Built-in message fields in slot order, in the spelling results use. */
    public static final List<String> BUILT_IN_NAMES = List.of("_messageid", "_messagetime", "_receipttime", "_raw",
            "_sourceCategory", "_sourcename", "_sourcehost", "_source", "_collector", "_size");

    public FieldLayout {
        names = List.copyOf(names);
        types = List.copyOf(types);
        slotsByLowerName = Map.copyOf(slotsByLowerName);
    }

    public int slotCount() {
        return names.size();
    }

    /** The slot of a name (case-insensitive), or -1. */
    public int slotOf(String name) {
        Integer slot = slotsByLowerName.get(name.toLowerCase(java.util.Locale.ROOT));
        return slot == null ? -1 : slot;
    }
}
