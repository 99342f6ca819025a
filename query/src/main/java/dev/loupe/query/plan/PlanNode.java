package dev.loupe.query.plan;

import static java.util.Objects.requireNonNull;

import dev.loupe.query.ast.Operator.AggregateFunction;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One streaming step of a plan. Parse-family nodes ({@link JsonExtract}, {@link ParseAnchor},
 * {@link ParseRegex}) implement Sumo's nodrop chains (spec §2.2): {@code inheritsRun} is true when the previous
 * node is a parse-family node with {@code nodrop}, so a match anywhere in the run keeps the row.
 */
public sealed interface PlanNode {

    /** {@code json}: {@code outputSlots[i]} receives the value at {@code paths[i]}. */
    record JsonExtract(int inputSlot, List<JsonPath> paths, int[] outputSlots, boolean nodrop, boolean inheritsRun)
            implements PlanNode {
        public JsonExtract {
            paths = List.copyOf(paths);
            requireNonNull(outputSlots, "outputSlots is null");
        }
    }

    /**
     * {@code parse} with anchors: each pattern is a compiled regex whose groups feed {@code outputSlots[pattern]}
     * in order; all patterns must match.
     */
    record ParseAnchor(int inputSlot, List<Pattern> patterns, int[][] outputSlots, boolean nodrop,
            boolean inheritsRun) implements PlanNode {
        public ParseAnchor {
            patterns = List.copyOf(patterns);
            requireNonNull(outputSlots, "outputSlots is null");
        }
    }

    /**
     * {@code parse regex}: group {@code g + 1} of pattern {@code p} feeds {@code groupSlots[p][g]} (groups were
     * renamed internally since Java group names cannot hold {@code _}).
     */
    record ParseRegex(int inputSlot, List<Pattern> patterns, int[][] groupSlots, boolean multi, boolean nodrop,
            boolean inheritsRun) implements PlanNode {
        public ParseRegex {
            patterns = List.copyOf(patterns);
            requireNonNull(groupSlots, "groupSlots is null");
        }
    }

    /** {@code where}: keeps rows whose condition is true. */
    record Filter(PlanExpression condition) implements PlanNode {
        public Filter {
            requireNonNull(condition, "condition is null");
        }
    }

    /** An expression statement: writes the value into {@code targetSlot}. */
    record Assign(PlanExpression value, int targetSlot) implements PlanNode {
        public Assign {
            requireNonNull(value, "value is null");
        }
    }

    /** {@code fields}: sets the listed slots to null (what is shown is decided by the output columns). */
    record ClearFields(int[] slots) implements PlanNode {
        public ClearFields {
            requireNonNull(slots, "slots is null");
        }
    }

    /** A group-by aggregation; emits one row per group (first-seen order) at the end of input. */
    record Aggregate(int[] groupSlots, List<AggregateSpec> aggregates) implements PlanNode {
        public Aggregate {
            requireNonNull(groupSlots, "groupSlots is null");
            aggregates = List.copyOf(aggregates);
        }
    }

    /** Sorts all rows; stable, nulls last. */
    record Sort(List<SortSpec> keys) implements PlanNode {
        public Sort {
            keys = List.copyOf(keys);
        }
    }

    /** Passes the first {@code count} rows. */
    record Limit(long count) implements PlanNode {}

    /** A step of the parse and lookup family ({@link EnrichNode}). */
    record Enrich(EnrichNode node) implements PlanNode {
        public Enrich {
            requireNonNull(node, "node is null");
        }
    }

    /** A step of the aggregates-and-time-series family. */
    record Series(SeriesNode node) implements PlanNode {
        public Series {
            requireNonNull(node, "node is null");
        }
    }

    /** A step that runs sub-pipelines or reduces groups ({@link CompositeNode}). */
    record Composite(CompositeNode node) implements PlanNode {
        public Composite {
            requireNonNull(node, "node is null");
        }
    }

    /** A transaction-analytics, behaviour-insight or {@code save} step ({@link AnalyticsNode}). */
    record Analytics(AnalyticsNode node) implements PlanNode {
        public Analytics {
            requireNonNull(node, "node is null");
        }
    }

    /**
     * One aggregate of an {@link Aggregate}.
     *
     * @param inputSlot the argument slot, or -1 for {@code count}
     * @param percentile the percentile of {@code pct}/{@code pct_sampling} (50 for {@code median}), else 0
     */
    record AggregateSpec(AggregateFunction function, int inputSlot, int outputSlot, double percentile) {
        public AggregateSpec {
            requireNonNull(function, "function is null");
        }

        /** A spec without a percentile. */
        public AggregateSpec(AggregateFunction function, int inputSlot, int outputSlot) {
            this(function, inputSlot, outputSlot, 0);
        }
    }

    /** One sort key. */
    record SortSpec(int slot, boolean ascending) {}
}
