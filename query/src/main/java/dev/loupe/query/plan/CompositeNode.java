package dev.loupe.query.plan;

import static java.util.Objects.requireNonNull;

import dev.loupe.query.ast.CompositeOperator.MergeMode;
import java.util.List;

/**
 * The steps that run sub-pipelines or reduce groups of rows, carried by {@link PlanNode.Composite}. Sub-pipelines
 * are plans over the same row layout as the parent (they share its slots).
 */
public sealed interface CompositeNode {

    /**
     * {@code join}: every table's pipeline runs over a copy of each incoming row; at the end of input the tables'
     * rows are joined on {@code keys}, each joined tuple becoming one row with table {@code t}'s
     * {@code sourceSlots[i]} copied to {@code outputSlots[i]}.
     *
     * @param timeWindowMillis the largest distance between the message times of joined rows, or -1
     */
    record Join(List<JoinTable> tables, List<JoinKey> keys, long timeWindowMillis) implements CompositeNode {
        public Join {
            tables = List.copyOf(tables);
            keys = List.copyOf(keys);
        }
    }

    /** One join table: its pipeline and the slots it contributes to the output. */
    record JoinTable(String name, List<PlanNode> nodes, int[] sourceSlots, int[] outputSlots) {
        public JoinTable {
            requireNonNull(name, "name is null");
            nodes = List.copyOf(nodes);
            requireNonNull(sourceSlots, "sourceSlots is null");
            requireNonNull(outputSlots, "outputSlots is null");
        }
    }

    /** {@code leftTable.leftSlot = rightTable.rightSlot}, tables by index, {@code leftTable < rightTable}. */
    record JoinKey(int leftTable, int leftSlot, int rightTable, int rightSlot) {}

    /** {@code filter keys in (nodes)}: keeps rows whose key values appear in a row the pipeline produces. */
    record FilterIn(int[] keySlots, List<PlanNode> nodes) implements CompositeNode {
        public FilterIn {
            requireNonNull(keySlots, "keySlots is null");
            nodes = List.copyOf(nodes);
        }
    }

    /** {@code merge}: all rows become one, the first row with each merged field replaced. */
    record Merge(List<MergeSpec> fields) implements CompositeNode {
        public Merge {
            fields = List.copyOf(fields);
        }
    }

    /** One merged field. */
    record MergeSpec(int inputSlot, MergeMode mode, String separator, int outputSlot) {
        public MergeSpec {
            requireNonNull(mode, "mode is null");
            requireNonNull(separator, "separator is null");
        }
    }

    /**
     * {@code transactionize}: groups rows sharing a value of any key slot, transitively, in message-time order.
     *
     * @param maxSpanMillis -1 for no limit; likewise {@code maxPauseMillis} and {@code maxLogs}
     * @param startsWith text (ignoring case) a group's first row contains, or null
     * @param endsWith text (ignoring case) a group's last row contains, or null
     * @param nodes run per group over its rows in time order; empty to emit the rows themselves
     */
    record Transactionize(int[] keySlots, int groupSlot, int durationSlot, int sizeSlot, int orphanedSlot,
            long maxSpanMillis, long maxPauseMillis, long maxLogs, String startsWith, String endsWith,
            boolean keepOrphans, List<PlanNode> nodes) implements CompositeNode {
        public Transactionize {
            requireNonNull(keySlots, "keySlots is null");
            nodes = List.copyOf(nodes);
        }
    }

    /** {@code cat}: ignores its input and emits the table's rows, column {@code i} into {@code outputSlots[i]}. */
    record Cat(List<List<String>> rows, int[] outputSlots) implements CompositeNode {
        public Cat {
            rows = List.copyOf(rows);
            requireNonNull(outputSlots, "outputSlots is null");
        }
    }
}
