package dev.loupe.query.analyzer;

import dev.loupe.query.FieldType;
import dev.loupe.query.plan.FieldLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Assigns slots to field names while the analyzer walks a query; names are case-insensitive. */
final class FieldTable {
    private final List<String> names = new ArrayList<>();
    private final List<FieldType> types = new ArrayList<>();
    private final Map<String, Integer> slots = new HashMap<>();

    FieldTable() {
        for (int slot = 0; slot < FieldLayout.BUILT_IN_COUNT; slot++) {
            FieldType type = switch (slot) {
                case FieldLayout.MESSAGE_ID, FieldLayout.MESSAGE_TIME, FieldLayout.RECEIPT_TIME, FieldLayout.SIZE ->
                        FieldType.LONG;
                default -> FieldType.STRING;
            };
            add(FieldLayout.BUILT_IN_NAMES.get(slot), type);
        }
    }

    /** The slot of {@code name}, created (typed string) on first sight. */
    int slot(String name) {
        Integer slot = slots.get(name.toLowerCase(Locale.ROOT));
        return slot != null ? slot : add(name, FieldType.STRING);
    }

    /** The slot of {@code name}, or -1. */
    int existing(String name) {
        Integer slot = slots.get(name.toLowerCase(Locale.ROOT));
        return slot == null ? -1 : slot;
    }

    void setType(int slot, FieldType type) {
        types.set(slot, type);
    }

    FieldType type(int slot) {
        return types.get(slot);
    }

    String name(int slot) {
        return names.get(slot);
    }

    FieldLayout layout() {
        int[] custom = new int[names.size() - FieldLayout.BUILT_IN_COUNT];
        for (int index = 0; index < custom.length; index++) {
            custom[index] = FieldLayout.BUILT_IN_COUNT + index;
        }
        return new FieldLayout(names, types, slots, custom);
    }

    private int add(String name, FieldType type) {
        int slot = names.size();
        names.add(name);
        types.add(type);
        slots.put(name.toLowerCase(Locale.ROOT), slot);
        return slot;
    }
}
