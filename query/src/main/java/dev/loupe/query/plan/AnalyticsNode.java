package dev.loupe.query.plan;

import static java.util.Objects.requireNonNull;

import dev.loupe.query.ast.AnalyticsOperator.TraceDirection;
import dev.loupe.query.ast.AnalyticsOperator.TransactionResults;
import dev.loupe.query.lookup.LookupTable;
import dev.loupe.query.lookup.TableReference;
import dev.loupe.query.lookup.WritableLookupTables;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The steps of transaction analytics, behaviour insights and {@code save}, carried by {@link PlanNode.Analytics}.
 * All of them buffer their input and emit at the end, except {@link ThreatLookup} and {@link Details}.
 */
public sealed interface AnalyticsNode {

    /**
     * {@code transaction}: rows grouped by {@code keySlots}, each in the first state it matches, split where the
     * pause exceeds {@code fringeMillis}. {@code outputSlots} depends on {@code results}: TRANSACTIONS
     * {@code [_start_time, _end_time, one count per state...]}, STATES {@code [state, _count]}, FLOW
     * {@code [fromstate, tostate, _count, latency]}.
     *
     * @param fringeMillis -1 for no split
     */
    record Transaction(int[] keySlots, long fringeMillis, List<StateMatcher> states, TransactionResults results,
            int[] outputSlots) implements AnalyticsNode {
        public Transaction {
            requireNonNull(keySlots, "keySlots is null");
            states = List.copyOf(states);
            requireNonNull(results, "results is null");
            requireNonNull(outputSlots, "outputSlots is null");
        }
    }

    /** A transaction state: rows whose {@code inputSlot} value the pattern finds are in state {@code name}. */
    record StateMatcher(String name, int inputSlot, Pattern pattern) {
        public StateMatcher {
            requireNonNull(name, "name is null");
            requireNonNull(pattern, "pattern is null");
        }
    }

    /** {@code sessionize}: the patterns in order; later patterns refer to fields captured by earlier ones. */
    record Sessionize(List<SessionStep> steps) implements AnalyticsNode {
        public Sessionize {
            steps = List.copyOf(steps);
        }
    }

    /** One sessionize pattern as literal text, captures and references, in order. */
    record SessionStep(List<SessionPart> parts) {
        public SessionStep {
            parts = List.copyOf(parts);
        }
    }

    /** A piece of a sessionize pattern. */
    sealed interface SessionPart {
        /** Text matched literally, ignoring case. */
        record Literal(String text) implements SessionPart {
            public Literal {
                requireNonNull(text, "text is null");
            }
        }

        /** A {@code *}: its text goes to {@code slot}. */
        record Capture(int slot) implements SessionPart {}

        /** A {@code $name}: matches a value earlier patterns captured into {@code slot}. */
        record Reference(int slot) implements SessionPart {}
    }

    /** {@code trace}: follows the values {@code pattern}'s first group captures, from {@code startValue}. */
    record Trace(TraceDirection direction, Pattern pattern, String startValue) implements AnalyticsNode {
        public Trace {
            requireNonNull(direction, "direction is null");
            requireNonNull(pattern, "pattern is null");
            requireNonNull(startValue, "startValue is null");
        }
    }

    /** {@code save}: writes {@code slots} (named {@code columns}) of every row to the table, and passes the rows on. */
    record Save(WritableLookupTables target, TableReference reference, boolean append, int[] slots,
            List<String> columns, List<String> keyColumns) implements AnalyticsNode {
        public Save {
            requireNonNull(target, "target is null");
            requireNonNull(reference, "reference is null");
            requireNonNull(slots, "slots is null");
            columns = List.copyOf(columns);
            keyColumns = List.copyOf(keyColumns);
        }
    }

    /**
     * {@code threatlookup}: the first of {@code inputSlots} found in {@code table} fills {@code outputSlots}
     * (indicator, type, actors, confidence, raw, source).
     *
     * @param source the accepted source ignoring case, or null for any
     */
    record ThreatLookup(int[] inputSlots, LookupTable table, String source, int[] outputSlots)
            implements AnalyticsNode {
        public ThreatLookup {
            requireNonNull(inputSlots, "inputSlots is null");
            requireNonNull(table, "table is null");
            requireNonNull(outputSlots, "outputSlots is null");
        }
    }

    /** {@code logreduce}: signatures of {@code inputSlot} per group, with their counts and ids. */
    record LogReduce(int inputSlot, int[] groupSlots, int limit, boolean leastCommon, int signatureSlot,
            int countSlot, int idSlot) implements AnalyticsNode {
        public LogReduce {
            requireNonNull(groupSlots, "groupSlots is null");
        }
    }

    /** {@code logreduce keys}: messages clustered by their set of keys. */
    record LogReduceKeys(int inputSlot, int limit, int schemaSlot, int countSlot, int idSlot)
            implements AnalyticsNode {}

    /** {@code logreduce values}: messages clustered by the values of {@code slots}. */
    record LogReduceValues(int[] slots, int limit, int countSlot, int idSlot) implements AnalyticsNode {
        public LogReduceValues {
            requireNonNull(slots, "slots is null");
        }
    }

    /**
     * {@code logcompare}: the signatures of this run against those of plan nodes {@code 0..prefixNodeCount-1} run
     * over the range shifted back by {@code shiftMillis}. {@code outputSlots}: signature, signature id, count,
     * baseline count, delta percentage, anomaly score, is new.
     */
    record LogCompare(int inputSlot, long shiftMillis, int prefixNodeCount, int[] outputSlots)
            implements AnalyticsNode {
        public LogCompare {
            requireNonNull(outputSlots, "outputSlots is null");
        }
    }

    /**
     * {@code logexplain}: field values over-represented in test rows. {@code outputSlots}: explanation, relevance,
     * test coverage, control coverage.
     *
     * @param control null for "not {@code test}"
     */
    record LogExplain(PlanExpression test, PlanExpression control, int[] fieldSlots, List<String> fieldNames,
            int[] outputSlots) implements AnalyticsNode {
        public LogExplain {
            requireNonNull(test, "test is null");
            requireNonNull(fieldSlots, "fieldSlots is null");
            fieldNames = List.copyOf(fieldNames);
            requireNonNull(outputSlots, "outputSlots is null");
        }
    }

    /** {@code details}: keeps the rows whose {@code inputSlot} has the signature {@code signatureId}. */
    record Details(int inputSlot, long signatureId) implements AnalyticsNode {}
}
