package dev.loupe.query.execution;

import dev.loupe.query.plan.CompositeNode;
import dev.loupe.query.plan.FieldLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code transactionize} (spec §2.17): buffers its input and, at the end, groups the rows in message-time order.
 *
 * <p>A row joins the open groups that share the value (as text) of any key field with it, merging them when it
 * links several (transitivity). A group closes, and the row starts a new one, when the row comes more than
 * {@code maxPause} after the group's last row, more than {@code maxSpan} after its first, when the group holds
 * {@code maxLogs} rows, or when the row contains {@code startsWith}; a row containing {@code endsWith} closes its
 * group after joining it. Rows with no key value are dropped. A group is orphaned when {@code startsWith} is set
 * and its first row lacks it, or {@code endsWith} is set and its last row lacks it; orphaned groups are dropped
 * unless {@code keepOrphans}. Groups are numbered from 1 in the order they started.
 *
 * <p>Without a per-group pipeline every kept row passes on in input order with the group fields set; with one,
 * each group's rows (in time order) run through a fresh pipeline, group after group.
 */
final class TransactionizeOperator implements RowOperator {
    private final CompositeNode.Transactionize spec;
    private final CompositeOperators.ChainBuilder chains;
    private final RowOperator downstream;
    private final RowBuffer rows;

    TransactionizeOperator(CompositeNode.Transactionize spec, CompositeOperators.ChainBuilder chains,
            QueryGuard guard, RowOperator downstream) {
        this.spec = spec;
        this.chains = chains;
        this.downstream = downstream;
        this.rows = new RowBuffer(guard, "transactionize");
    }

    private static final class Group {
        final List<Row> rows = new ArrayList<>();
        final List<String>[] keys;
        long start;
        long last;
        boolean open = true;
        Group mergedInto;

        @SuppressWarnings("unchecked")
        Group(int keyCount) {
            keys = new List[keyCount];
            for (int index = 0; index < keyCount; index++) {
                keys[index] = new ArrayList<>();
            }
        }

        Group resolve() {
            Group group = this;
            while (group.mergedInto != null) {
                group = group.mergedInto;
            }
            return group;
        }
    }

    @Override
    public boolean addInput(Row row) {
        rows.add(row);
        return true;
    }

    @Override
    public void finish() {
        List<Group> groups = group();
        if (spec.nodes().isEmpty()) {
            for (Row row : rows) {
                if (row.values[spec.groupSlot()] != null && !downstream.addInput(row)) {
                    break;
                }
            }
        } else {
            for (Group group : groups) {
                if (group.rows.get(0).values[spec.groupSlot()] == null) {
                    continue;
                }
                RowOperator chain = chains.build(spec.nodes(), new ForwardingOperator(downstream));
                for (Row row : group.rows) {
                    if (!chain.addInput(row)) {
                        break;
                    }
                }
                chain.finish();
            }
        }
        rows.clear();
        downstream.finish();
    }

    private List<Group> group() {
        List<Row> ordered = new ArrayList<>(rows.view());
        ordered.sort(Comparator.comparingLong(TransactionizeOperator::time));
        int keyCount = spec.keySlots().length;
        List<Map<String, Group>> openByKey = new ArrayList<>();
        for (int index = 0; index < keyCount; index++) {
            openByKey.add(new HashMap<>());
        }
        List<Group> groups = new ArrayList<>();
        for (Row row : ordered) {
            String[] values = new String[keyCount];
            boolean anyKey = false;
            for (int index = 0; index < keyCount; index++) {
                values[index] = Values.toText(row.values[spec.keySlots()[index]]);
                anyKey |= values[index] != null;
            }
            if (!anyKey) {
                continue;
            }
            long time = time(row);
            boolean starts = contains(row, spec.startsWith());
            Set<Group> candidates = new LinkedHashSet<>();
            for (int index = 0; index < keyCount; index++) {
                Group found = values[index] == null ? null : openByKey.get(index).get(values[index]);
                if (found != null && found.resolve().open) {
                    candidates.add(found.resolve());
                }
            }
            Group target = null;
            for (Group candidate : candidates) {
                if (starts || !accepts(candidate, time)) {
                    close(candidate, openByKey);
                } else if (target == null) {
                    target = candidate;
                } else {
                    absorb(target, candidate);
                }
            }
            if (target == null) {
                target = new Group(keyCount);
                target.start = time;
                groups.add(target);
            }
            target.rows.add(row);
            target.last = Math.max(target.last, time);
            for (int index = 0; index < keyCount; index++) {
                if (values[index] != null) {
                    target.keys[index].add(values[index]);
                    openByKey.get(index).put(values[index], target);
                }
            }
            if (contains(row, spec.endsWith())) {
                close(target, openByKey);
            }
        }
        List<Group> kept = new ArrayList<>();
        for (Group group : groups) {
            if (group.mergedInto == null) {
                group.rows.sort(Comparator.comparingLong(TransactionizeOperator::time));
                boolean orphaned = (spec.startsWith() != null && !contains(group.rows.get(0), spec.startsWith()))
                        || (spec.endsWith() != null && !contains(group.rows.get(group.rows.size() - 1),
                                spec.endsWith()));
                if (!orphaned || spec.keepOrphans()) {
                    label(group, kept.size() + 1L, orphaned);
                    kept.add(group);
                }
            }
        }
        return kept;
    }

    private boolean accepts(Group group, long time) {
        return (spec.maxPauseMillis() < 0 || time - group.last <= spec.maxPauseMillis())
                && (spec.maxSpanMillis() < 0 || time - group.start <= spec.maxSpanMillis())
                && (spec.maxLogs() < 0 || group.rows.size() < spec.maxLogs());
    }

    private static void absorb(Group target, Group other) {
        target.rows.addAll(other.rows);
        target.start = Math.min(target.start, other.start);
        target.last = Math.max(target.last, other.last);
        for (int index = 0; index < target.keys.length; index++) {
            target.keys[index].addAll(other.keys[index]);
        }
        other.mergedInto = target;
        other.open = false;
    }

    private static void close(Group group, List<Map<String, Group>> openByKey) {
        group.open = false;
        for (int index = 0; index < group.keys.length; index++) {
            for (String key : group.keys[index]) {
                Group current = openByKey.get(index).get(key);
                if (current != null && current.resolve() == group) {
                    openByKey.get(index).remove(key);
                }
            }
        }
    }

    private void label(Group group, long number, boolean orphaned) {
        long duration = time(group.rows.get(group.rows.size() - 1)) - time(group.rows.get(0));
        for (Row row : group.rows) {
            row.values[spec.groupSlot()] = number;
            row.values[spec.durationSlot()] = duration;
            row.values[spec.sizeSlot()] = (long) group.rows.size();
            row.values[spec.orphanedSlot()] = orphaned;
        }
    }

    private static boolean contains(Row row, String text) {
        if (text == null) {
            return false;
        }
        String raw = Values.toText(row.values[FieldLayout.RAW]);
        return raw != null && raw.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
    }

    private static long time(Row row) {
        return row.values[FieldLayout.MESSAGE_TIME] instanceof Long time ? time : 0L;
    }

    /** Passes rows to the shared downstream without finishing it (the operator finishes it once). */
    private record ForwardingOperator(RowOperator target) implements RowOperator {
        @Override
        public boolean addInput(Row row) {
            return target.addInput(row);
        }

        @Override
        public void finish() {}
    }
}
