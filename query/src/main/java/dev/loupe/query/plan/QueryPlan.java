package dev.loupe.query.plan;

import static java.util.Objects.requireNonNull;

import dev.loupe.query.FieldType;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.ScanOrder;
import java.util.List;
import java.util.Set;

/**
 * What the engine runs for one query: a store scan with the scope pushed down, then {@code nodes} in order.
 *
 * @param filter the scope as the store evaluates it
 * @param order the scan order: newest first unless only an aggregate needs the messages
 * @param nodes the streaming steps after the scan
 * @param firstAggregateIndex index in {@code nodes} of the first aggregate (where messages are counted), or -1
 * @param layout the row slots
 * @param columns the result columns in order
 * @param records whether the result is a table of records (the query aggregates)
 * @param customFieldsVisible for messages: whether the message's custom fields are shown (after the built-ins)
 * @param hiddenSlots slots removed by {@code fields -}: a custom field with that name is not shown either
 * @param matchedMessageShape for a records plan: the message columns as they stand where the first aggregate
 *     takes the rows (what the matched messages of an aggregate query show); for a messages plan, the plan's own
 */
public record QueryPlan(KeywordExpression filter, ScanOrder order, List<PlanNode> nodes, int firstAggregateIndex,
        FieldLayout layout, List<OutputColumn> columns, boolean records, boolean customFieldsVisible,
        Set<Integer> hiddenSlots, MessageShape matchedMessageShape) {
    public QueryPlan {
        requireNonNull(filter, "filter is null");
        requireNonNull(order, "order is null");
        nodes = List.copyOf(nodes);
        requireNonNull(layout, "layout is null");
        columns = List.copyOf(columns);
        hiddenSlots = Set.copyOf(hiddenSlots);
        requireNonNull(matchedMessageShape, "matchedMessageShape is null");
    }

    /**
     * The columns of a messages result.
     *
     * @param columns the slots shown, built-ins first
     * @param customFieldsVisible whether each message's custom fields are shown too
     * @param hiddenSlots slots removed by {@code fields -}
     */
    public record MessageShape(List<OutputColumn> columns, boolean customFieldsVisible, Set<Integer> hiddenSlots) {
        public MessageShape {
            columns = List.copyOf(columns);
            hiddenSlots = Set.copyOf(hiddenSlots);
        }
    }

    /**
     * The slot of the {@link OutputColumn} standing for the dynamic columns of a {@code transpose}: their names
     * are only known when the query runs, and their values sit in each row after the layout's slots.
     */
    public static final int DYNAMIC_COLUMNS = -1;

    /**
     * One result column: a slot, its display name and type, and whether it is a group-by key. A column whose slot
     * is {@link #DYNAMIC_COLUMNS} expands, when the query runs, into the columns {@code transpose} created.
     */
    public record OutputColumn(int slot, String name, FieldType type, boolean keyField) {
        public OutputColumn {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }
}
