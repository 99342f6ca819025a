package dev.loupe.query.execution;

import dev.loupe.query.ast.Operator.AggregateFunction;
import dev.loupe.query.plan.PlanNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The running state of one aggregate in one group (spec §2.3). Null inputs are ignored by every aggregate;
 * non-numeric inputs are ignored by the numeric ones. Not thread-safe.
 */
sealed interface Accumulator {
    /** Most distinct values {@code values()} keeps (the first ones seen). */
    int MAX_VALUES = 100;

    /**
     * Takes one input.
     *
     * @param value the argument value ({@code Boolean.TRUE} for {@code count} without argument)
     * @param time the row's message time, or null (records have none)
     */
    void add(Object value, Object time);

    /** The output value; null when nothing usable was added (counts: 0). */
    Object result();

    /**
     * An estimate of the heap bytes this accumulator retains ({@link RetainedSize}): fixed for most, growing for
     * {@code count_distinct}. Cheap: called after every input when a query tracks growth.
     */
    default long retainedBytes() {
        return RetainedSize.ACCUMULATOR;
    }

    /** A fresh accumulator for the spec. */
    static Accumulator create(PlanNode.AggregateSpec spec) {
        return switch (spec.function()) {
            case COUNT, COUNT_FREQUENT -> new Counting();
            case COUNT_DISTINCT -> new Distinct();
            case SUM, AVG, MIN, MAX, STDDEV -> new Numeric(spec.function());
            case PCT, PCT_SAMPLING, MEDIAN -> new Percentile(spec.percentile());
            case FIRST -> new Positional(true);
            case LAST -> new Positional(false);
            case MOST_RECENT -> new Timed(true);
            case LEAST_RECENT -> new Timed(false);
            case VALUES -> new DistinctValues();
        };
    }

    /** {@code count}, {@code count(f)}, {@code count_frequent}. */
    final class Counting implements Accumulator {
        private long count;

        @Override
        public void add(Object value, Object time) {
            if (value != null) {
                count++;
            }
        }

        @Override
        public Object result() {
            return count;
        }
    }

    /** {@code count_distinct}: exact (memory is bounded by the query's memory budget). */
    final class Distinct implements Accumulator {
        private final Set<String> distinct = new HashSet<>();
        private long retainedBytes = RetainedSize.ACCUMULATOR;

        @Override
        public void add(Object value, Object time) {
            if (value != null) {
                String text = Values.toText(value);
                if (distinct.add(text)) {
                    retainedBytes += RetainedSize.MAP_ENTRY + RetainedSize.of(text);
                }
            }
        }

        @Override
        public long retainedBytes() {
            return retainedBytes;
        }

        @Override
        public Object result() {
            return (long) distinct.size();
        }
    }

    /**
     * {@code sum}, {@code avg}, {@code min}, {@code max}, {@code stddev}. The standard deviation is the sample one
     * (divides by n − 1, Welford's method); one value gives 0.
     */
    final class Numeric implements Accumulator {
        private final AggregateFunction function;
        private long count;
        private double total;
        private double extreme;
        private double mean;
        private double squares;

        Numeric(AggregateFunction function) {
            this.function = function;
        }

        @Override
        public void add(Object value, Object time) {
            Number number = Values.toNumber(value);
            if (number == null) {
                return;
            }
            double numeric = number.doubleValue();
            if (count == 0) {
                extreme = numeric;
            } else if (function == AggregateFunction.MIN ? numeric < extreme : numeric > extreme) {
                extreme = numeric;
            }
            total += numeric;
            count++;
            double delta = numeric - mean;
            mean += delta / count;
            squares += delta * (numeric - mean);
        }

        @Override
        public Object result() {
            if (count == 0) {
                return null;
            }
            return switch (function) {
                case SUM -> total;
                case AVG -> total / count;
                case MIN, MAX -> extreme;
                case STDDEV -> count == 1 ? 0.0 : Math.sqrt(squares / (count - 1));
                default -> throw new IllegalStateException("not numeric: " + function);
            };
        }
    }

    /** {@code pct}, {@code pct_sampling}, {@code median}: see {@link PercentileSketch}. */
    final class Percentile implements Accumulator {
        private final double percentile;
        private final PercentileSketch sketch = new PercentileSketch();

        Percentile(double percentile) {
            this.percentile = percentile;
        }

        @Override
        public void add(Object value, Object time) {
            Number number = Values.toNumber(value);
            if (number != null && !Double.isNaN(number.doubleValue())) {
                sketch.add(number.doubleValue());
            }
        }

        @Override
        public Object result() {
            return sketch.isEmpty() ? null : sketch.quantile(percentile / 100.0);
        }
    }

    /** {@code first} (first non-null value in stream order) and {@code last} (last one). */
    final class Positional implements Accumulator {
        private final boolean first;
        private Object value;

        Positional(boolean first) {
            this.first = first;
        }

        @Override
        public void add(Object input, Object time) {
            if (input != null && (!first || value == null)) {
                value = input;
            }
        }

        @Override
        public Object result() {
            return value;
        }
    }

    /** {@code most_recent}/{@code least_recent}: the value of the row with the largest/smallest message time. */
    final class Timed implements Accumulator {
        private final boolean mostRecent;
        private Object value;
        private long bestTime;

        Timed(boolean mostRecent) {
            this.mostRecent = mostRecent;
        }

        @Override
        public void add(Object input, Object time) {
            if (input == null || !(time instanceof Long millis)) {
                return;
            }
            if (value == null || (mostRecent ? millis > bestTime : millis < bestTime)) {
                value = input;
                bestTime = millis;
            }
        }

        @Override
        public Object result() {
            return value;
        }
    }

    /** {@code values}: the first {@link #MAX_VALUES} distinct texts, sorted, one per line. */
    final class DistinctValues implements Accumulator {
        private final Set<String> values = new LinkedHashSet<>();

        @Override
        public void add(Object value, Object time) {
            if (value != null && values.size() < MAX_VALUES) {
                values.add(Values.toText(value));
            }
        }

        @Override
        public Object result() {
            if (values.isEmpty()) {
                return null;
            }
            List<String> sorted = new ArrayList<>(values);
            sorted.sort(null);
            return String.join("\n", sorted);
        }
    }
}
