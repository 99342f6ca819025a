package dev.loupe.query.plan;

import static java.util.Objects.requireNonNull;

import dev.loupe.query.FieldType;
import dev.loupe.query.ast.SeriesOperator.Direction;
import dev.loupe.query.ast.SeriesOperator.ShiftFunction;
import dev.loupe.query.ast.SeriesOperator.TimesliceSize;
import dev.loupe.query.ast.SeriesOperator.WindowKind;
import java.util.List;

/**
 * The resolved steps of the aggregates-and-time-series family, carried in {@link PlanNode.Series}. Slots are
 * resolved; anything that depends on the query range ({@code timeslice 150 buckets}, {@code fillmissing}
 * enumeration, {@code compare} ranges) is resolved by the executor, which knows the range.
 */
public sealed interface SeriesNode {

    /** {@code timeslice}: writes the bucket start (epoch ms, a Long) of the row's message time. */
    record Timeslice(int outputSlot, TimesliceSize size) implements SeriesNode {
        public Timeslice {
            requireNonNull(size, "size is null");
        }
    }

    /**
     * {@code transpose}: one output row per distinct {@code rowSlots} tuple; one column per distinct
     * {@code columnSlots} tuple holding the {@code valueSlots} value. Columns whose names are
     * {@code listedNames} go to {@code listedSlots} (so later operators can name them); the others (when
     * {@code includeRest}) go to the row's dynamic tail, after the plan's slots, in alphabetical order.
     *
     * @param valueNames the names of the value fields (used in column names when there are several)
     */
    record Transpose(int[] rowSlots, int[] columnSlots, int[] valueSlots, List<String> valueNames,
            FieldType valueType, List<String> listedNames, int[] listedSlots, boolean includeRest)
            implements SeriesNode {
        public Transpose {
            requireNonNull(rowSlots, "rowSlots is null");
            requireNonNull(columnSlots, "columnSlots is null");
            requireNonNull(valueSlots, "valueSlots is null");
            valueNames = List.copyOf(valueNames);
            requireNonNull(valueType, "valueType is null");
            listedNames = List.copyOf(listedNames);
            requireNonNull(listedSlots, "listedSlots is null");
        }
    }

    /** {@code topk}: per {@code groupSlots} tuple the {@code count} rows ranking highest, {@code _rank} 1..N. */
    record TopK(long count, int[] rankSlots, int[] groupSlots, int rankOutputSlot) implements SeriesNode {
        public TopK {
            requireNonNull(rankSlots, "rankSlots is null");
            requireNonNull(groupSlots, "groupSlots is null");
        }
    }

    /** One resolved {@code fillmissing} generator. */
    sealed interface FillGenerator {
        int slot();

        /** Every bucket of {@code millis} over the query range. */
        record Timeslices(int slot, long millis) implements FillGenerator {}

        /** The listed values. */
        record ListedValues(int slot, List<Object> values) implements FillGenerator {
            public ListedValues {
                values = List.copyOf(values);
            }
        }

        /** Every value seen in the input. */
        record AllValues(int slot) implements FillGenerator {}
    }

    /**
     * {@code fillmissing}: appends a row per generator combination missing from the input.
     *
     * @param valueSlots the other visible slots, filled with {@code defaults[i]} (or copied with takeLast)
     */
    record FillMissing(List<FillGenerator> generators, int[] valueSlots, Object[] defaults, boolean takeLast)
            implements SeriesNode {
        public FillMissing {
            generators = List.copyOf(generators);
            requireNonNull(valueSlots, "valueSlots is null");
            requireNonNull(defaults, "defaults is null");
        }
    }

    /**
     * One comparison series of {@code compare}: the pipeline re-run over the range shifted back by each of
     * {@code offsetsMillis}; with one offset and {@link ShiftFunction#NONE} the values are copied, otherwise
     * combined by the function. {@code outputSlots[i]} receives the series for {@code valueSlots[i]}.
     */
    record ComparedSeries(long[] offsetsMillis, ShiftFunction function, int[] outputSlots) {
        public ComparedSeries {
            requireNonNull(offsetsMillis, "offsetsMillis is null");
            requireNonNull(function, "function is null");
            requireNonNull(outputSlots, "outputSlots is null");
        }
    }

    /**
     * {@code compare}: re-runs the first {@code prefixNodeCount} plan nodes per offset and joins on
     * {@code keySlots}; {@code timesliceSlot} (or -1) is a key whose shifted values are moved forward to align.
     */
    record Compare(int prefixNodeCount, int[] keySlots, int timesliceSlot, int[] valueSlots,
            List<ComparedSeries> series) implements SeriesNode {
        public Compare {
            requireNonNull(keySlots, "keySlots is null");
            requireNonNull(valueSlots, "valueSlots is null");
            series = List.copyOf(series);
        }
    }

    /** {@code total}, {@code accum}, {@code diff}, {@code backshift}, {@code smooth}, {@code rollingstd}. */
    record Window(WindowKind kind, int inputSlot, int size, int outputSlot, int[] groupSlots) implements SeriesNode {
        public Window {
            requireNonNull(kind, "kind is null");
            requireNonNull(groupSlots, "groupSlots is null");
        }
    }

    /**
     * {@code outlier}: {@code outputSlots} are error, lower, upper, indicator, violation and std, in that order.
     */
    record Outlier(int inputSlot, int[] groupSlots, int window, double threshold, int consecutive,
            Direction direction, int[] outputSlots) implements SeriesNode {
        public Outlier {
            requireNonNull(groupSlots, "groupSlots is null");
            requireNonNull(direction, "direction is null");
            requireNonNull(outputSlots, "outputSlots is null");
        }
    }

    /**
     * {@code predict}: fits the series (rows in order) and appends {@code forecastPoints} rows whose
     * {@code timesliceSlot} advances by {@code intervalMillis}. Outputs predicted, error and (AR only) linear.
     */
    record Predict(int inputSlot, int timesliceSlot, long intervalMillis, boolean autoregressive, int arWindow,
            int forecastPoints, int predictedSlot, int errorSlot, int linearSlot) implements SeriesNode {}
}
