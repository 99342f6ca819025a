package dev.loupe.query.execution;

import dev.loupe.query.plan.AnalyticsNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code logreduce} (alias {@code summarize}): counts the {@link Signatures} of the input field per group and, at
 * the end, emits one record per (group, signature), most common first ({@code criteria=leastcommon}: least common
 * first), ties by signature text, at most {@code limit} records. Rows whose field is null are skipped.
 */
final class LogReduceOperator implements RowOperator {
    private final AnalyticsNode.LogReduce spec;
    private final int slotCount;
    private final RowOperator downstream;
    private final Signatures signatures = new Signatures();
    private final Map<Cluster, long[]> counts = new HashMap<>();
    private final Map<Cluster, Object[]> firstRows = new HashMap<>();

    private record Cluster(KeyTuple group, String template) {}

    LogReduceOperator(AnalyticsNode.LogReduce spec, int slotCount, RowOperator downstream) {
        this.spec = spec;
        this.slotCount = slotCount;
        this.downstream = downstream;
    }

    @Override
    public boolean addInput(Row row) {
        String template = Signatures.template(Values.toText(row.values[spec.inputSlot()]));
        if (template == null) {
            return true;
        }
        Cluster cluster = new Cluster(KeyTuple.textOf(row.values, spec.groupSlots()), template);
        long[] count = counts.get(cluster);
        if (count == null) {
            count = new long[1];
            counts.put(cluster, count);
            firstRows.put(cluster, row.values);
        }
        count[0]++;
        return true;
    }

    @Override
    public void finish() {
        List<Cluster> clusters = new ArrayList<>(counts.keySet());
        Comparator<Cluster> byCount = Comparator.comparingLong(cluster -> counts.get(cluster)[0]);
        clusters.sort((spec.leastCommon() ? byCount : byCount.reversed())
                .thenComparing(Cluster::template).thenComparing(cluster -> cluster.group().toString()));
        int emitted = 0;
        for (Cluster cluster : clusters) {
            if (emitted++ >= spec.limit()) {
                break;
            }
            Object[] values = new Object[slotCount];
            Object[] first = firstRows.get(cluster);
            for (int slot : spec.groupSlots()) {
                values[slot] = first[slot];
            }
            values[spec.signatureSlot()] = cluster.template();
            values[spec.idSlot()] = signatures.id(cluster.template());
            values[spec.countSlot()] = counts.get(cluster)[0];
            if (!downstream.addInput(new Row(values, null))) {
                break;
            }
        }
        downstream.finish();
    }
}
