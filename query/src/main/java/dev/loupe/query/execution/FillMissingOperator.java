package dev.loupe.query.execution;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.plan.SeriesNode;
import dev.loupe.query.plan.SeriesNode.FillGenerator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code fillmissing} (spec §2.11): passes its input through, then appends one row per combination of generator
 * values absent from the input. A timeslice generator enumerates every bucket of the query range (of the data's
 * span when the range is unbounded); combinations are enumerated with the timeslice varying fastest, oldest
 * first. Appended rows carry the generator values and the defaults (0, 0.0, false, null or the {@code with}
 * constants), or with {@code takeLast} the values of the previous bucket's row of the same other keys.
 * More than {@link #MAX_COMBINATIONS} combinations fail with {@code QUERY_LIMIT_EXCEEDED}.
 */
final class FillMissingOperator implements RowOperator {
    static final int MAX_COMBINATIONS = 10_000;
    private static final long UNBOUNDED = Long.MAX_VALUE / 4;

    private final SeriesNode.FillMissing node;
    private final SeriesContext context;
    private final RowOperator downstream;
    private final int[] keySlots;
    private final RowBuffer rows;
    private final List<Set<Object>> seen = new ArrayList<>();

    FillMissingOperator(SeriesNode.FillMissing node, SeriesContext context, RowOperator downstream) {
        List<FillGenerator> ordered = new ArrayList<>();
        for (FillGenerator generator : node.generators()) {
            if (!(generator instanceof FillGenerator.Timeslices)) {
                ordered.add(generator);
            }
        }
        for (FillGenerator generator : node.generators()) {
            if (generator instanceof FillGenerator.Timeslices) {
                ordered.add(generator);
            }
        }
        this.node = new SeriesNode.FillMissing(ordered, node.valueSlots(), node.defaults(), node.takeLast());
        this.context = context;
        this.downstream = downstream;
        this.rows = new RowBuffer(context.guard(), "fillmissing");
        this.keySlots = new int[ordered.size()];
        for (int index = 0; index < keySlots.length; index++) {
            keySlots[index] = ordered.get(index).slot();
            seen.add(new LinkedHashSet<>());
        }
    }

    @Override
    public boolean addInput(Row row) {
        rows.add(row);
        for (int index = 0; index < keySlots.length; index++) {
            Object value = row.values[keySlots[index]];
            if (value != null) {
                seen.get(index).add(value);
            }
        }
        return true;
    }

    @Override
    public void finish() {
        List<List<Object>> choices = new ArrayList<>();
        long combinations = 1;
        for (int index = 0; index < keySlots.length; index++) {
            List<Object> values = choices(node.generators().get(index), seen.get(index));
            choices.add(values);
            combinations *= Math.max(1, values.size());
            if (combinations > MAX_COMBINATIONS) {
                throw new LoupeException(ErrorCode.QUERY_LIMIT_EXCEEDED, "fillmissing would create more than "
                        + MAX_COMBINATIONS + " combinations; use a coarser timeslice or fewer values");
            }
        }
        Map<KeyTuple, Row> byKey = new HashMap<>();
        int width = context.slotCount();
        for (Row row : rows) {
            byKey.putIfAbsent(KeyTuple.textOf(row.values, keySlots), row);
            width = Math.max(width, row.values.length);
        }
        boolean open = true;
        for (Row row : rows) {
            if (!downstream.addInput(row)) {
                open = false;
                break;
            }
        }
        rows.clear();
        if (open && combinations > 0 && !choices.isEmpty()) {
            fill(choices, byKey, width);
        }
        downstream.finish();
    }

    private void fill(List<List<Object>> choices, Map<KeyTuple, Row> byKey, int width) {
        int[] positions = new int[choices.size()];
        for (List<Object> values : choices) {
            if (values.isEmpty()) {
                return;
            }
        }
        boolean lastIsTime = node.generators().getLast() instanceof FillGenerator.Timeslices;
        Row previous = null;
        while (true) {
            Object[] values = new Object[width];
            for (int index = 0; index < positions.length; index++) {
                values[keySlots[index]] = choices.get(index).get(positions[index]);
            }
            KeyTuple key = KeyTuple.textOf(values, keySlots);
            Row existing = byKey.get(key);
            if (existing == null) {
                int[] valueSlots = node.valueSlots();
                for (int index = 0; index < valueSlots.length; index++) {
                    values[valueSlots[index]] = node.takeLast() && previous != null && lastIsTime
                            ? previous.values[valueSlots[index]] : node.defaults()[index];
                }
                Row filled = new Row(values, null);
                byKey.put(key, filled);
                if (!downstream.addInput(filled)) {
                    return;
                }
                previous = filled;
            } else {
                previous = existing;
            }
            int index = positions.length - 1;
            while (index >= 0 && ++positions[index] == choices.get(index).size()) {
                positions[index] = 0;
                index--;
            }
            if (index < 0) {
                return;
            }
            if (index != positions.length - 1) {
                previous = null;
            }
        }
    }

    private List<Object> choices(FillGenerator generator, Set<Object> seenValues) {
        return switch (generator) {
            case FillGenerator.ListedValues listed -> listed.values();
            case FillGenerator.AllValues all -> new ArrayList<>(seenValues);
            case FillGenerator.Timeslices timeslices -> buckets(timeslices.millis(), seenValues);
        };
    }

    private List<Object> buckets(long millis, Set<Object> seenValues) {
        TimeBuckets buckets = new TimeBuckets(millis, context.zone());
        long from = context.range().fromMillis();
        long to = context.range().toMillis();
        if (from < -UNBOUNDED || to > UNBOUNDED) {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (Object value : seenValues) {
                Number number = Values.toNumber(value);
                if (number != null) {
                    min = Math.min(min, number.longValue());
                    max = Math.max(max, number.longValue());
                }
            }
            if (min > max) {
                return List.of();
            }
            from = min;
            to = max + 1;
        }
        List<Object> starts = new ArrayList<>();
        for (long start = buckets.start(from, from); start < to; start = buckets.next(start)) {
            if (starts.size() >= MAX_COMBINATIONS) {
                throw new LoupeException(ErrorCode.QUERY_LIMIT_EXCEEDED, "fillmissing would create more than "
                        + MAX_COMBINATIONS + " timeslices; use a coarser timeslice or a shorter range");
            }
            starts.add(start);
        }
        return starts;
    }
}
