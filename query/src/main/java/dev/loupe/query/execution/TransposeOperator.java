package dev.loupe.query.execution;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.plan.SeriesNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code transpose} (spec §2.6): buffers its input, then emits one row per distinct row-key tuple (first-seen
 * order) with one column per distinct column-key tuple. A column's name is its key values joined by {@code _}
 * (and, with several value fields, {@code _<value field>} appended). Listed columns ({@code as}) go to their
 * plan slots; the others, sorted alphabetically, to the row's dynamic tail, recorded in {@link DynamicColumns}.
 * Missing cells are null; rows whose column key is null give no cell. More than {@link #MAX_COLUMNS} columns
 * fail with {@code QUERY_LIMIT_EXCEEDED}.
 */
final class TransposeOperator implements RowOperator {
    /** Sumo's limit of transposed columns. */
    static final int MAX_COLUMNS = 300;

    private final SeriesNode.Transpose node;
    private final SeriesContext context;
    private final RowOperator downstream;
    private final Map<String, Integer> columnIndexes = new HashMap<>();
    private final List<String> columnNames = new ArrayList<>();
    private final Map<KeyTuple, List<Object>> cellsByRow = new LinkedHashMap<>();

    private long reservedBytes;

    TransposeOperator(SeriesNode.Transpose node, SeriesContext context, RowOperator downstream) {
        this.node = node;
        this.context = context;
        this.downstream = downstream;
    }

    @Override
    public boolean addInput(Row row) {
        String columnKey = columnKey(row);
        KeyTuple rowKey = KeyTuple.of(row, node.rowSlots());
        List<Object> cells = cellsByRow.get(rowKey);
        if (cells == null) {
            cells = new ArrayList<>();
            cellsByRow.put(rowKey, cells);
            reserve(RetainedSize.MAP_ENTRY + RetainedSize.ROW_OVERHEAD + RetainedSize.ofValues(rowKey.values()));
        }
        if (columnKey == null) {
            return true;
        }
        int[] valueSlots = node.valueSlots();
        for (int value = 0; value < valueSlots.length; value++) {
            String name = valueSlots.length == 1 ? columnKey : columnKey + "_" + node.valueNames().get(value);
            Integer index = columnIndexes.get(name);
            if (index == null) {
                if (columnNames.size() >= MAX_COLUMNS) {
                    throw new LoupeException(ErrorCode.QUERY_LIMIT_EXCEEDED, "transpose would create more than "
                            + MAX_COLUMNS + " columns; filter or aggregate the column field first");
                }
                index = columnNames.size();
                columnNames.add(name);
                columnIndexes.put(name, index);
            }
            while (cells.size() <= index) {
                cells.add(null);
                reserve(8);
            }
            Object cell = row.values[valueSlots[value]];
            reserve(RetainedSize.of(cell));
            cells.set(index, cell);
        }
        return true;
    }

    private String columnKey(Row row) {
        StringBuilder key = new StringBuilder();
        for (int slot : node.columnSlots()) {
            String text = Values.toText(row.values[slot]);
            if (text == null) {
                return null;
            }
            if (!key.isEmpty()) {
                key.append('_');
            }
            key.append(text);
        }
        return key.toString();
    }

    @Override
    public void finish() {
        Map<String, Integer> listed = new HashMap<>();
        for (int index = 0; index < node.listedNames().size(); index++) {
            listed.put(node.listedNames().get(index).toLowerCase(Locale.ROOT), node.listedSlots()[index]);
        }
        List<String> sorted = new ArrayList<>(columnNames);
        sorted.sort(null);
        List<String> dynamic = new ArrayList<>();
        int[] targets = new int[columnNames.size()];
        int slotCount = context.slotCount();
        for (String name : sorted) {
            Integer listedSlot = listed.get(name.toLowerCase(Locale.ROOT));
            int target;
            if (listedSlot != null) {
                target = listedSlot;
            } else if (node.includeRest()) {
                target = slotCount + dynamic.size();
                dynamic.add(name);
            } else {
                target = -1;
            }
            targets[columnIndexes.get(name)] = target;
        }
        context.dynamicColumns().set(dynamic, node.valueType());
        for (Map.Entry<KeyTuple, List<Object>> entry : cellsByRow.entrySet()) {
            Object[] values = new Object[slotCount + dynamic.size()];
            Object[] key = entry.getKey().values();
            for (int index = 0; index < key.length; index++) {
                values[node.rowSlots()[index]] = key[index];
            }
            List<Object> cells = entry.getValue();
            for (int index = 0; index < cells.size(); index++) {
                if (targets[index] >= 0) {
                    values[targets[index]] = cells.get(index);
                }
            }
            if (!downstream.addInput(new Row(values, null))) {
                break;
            }
        }
        cellsByRow.clear();
        context.guard().release(reservedBytes);
        reservedBytes = 0;
        downstream.finish();
    }

    private void reserve(long bytes) {
        reservedBytes += bytes;
        context.guard().reserve(bytes, QueryGuard.MemoryUse.TRANSPOSED_ROWS);
    }
}
