package dev.loupe.store;

import dev.loupe.store.lucene.AppliedMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tracks which message ids have been indexed, as batches finish out of order on concurrent appender threads.
 * Thread-safe.
 */
final class AppliedTracker {
    private long watermark;
    private final TreeMap<Long, Long> rangesAboveWatermark = new TreeMap<>();

    AppliedTracker(long watermark) {
        this.watermark = watermark;
    }

    /** Records that ids {@code [start, end)} are indexed. */
    synchronized void markApplied(long start, long end) {
        assert start >= watermark && start < end : "bad range [" + start + ", " + end + ") at watermark " + watermark;
        if (start != watermark) {
            rangesAboveWatermark.put(start, end);
            return;
        }
        watermark = end;
        Long next;
        while ((next = rangesAboveWatermark.remove(watermark)) != null) {
            watermark = next;
        }
    }

    synchronized AppliedMessages snapshot() {
        List<AppliedMessages.IdRange> ranges = new ArrayList<>(rangesAboveWatermark.size());
        for (Map.Entry<Long, Long> range : rangesAboveWatermark.entrySet()) {
            ranges.add(new AppliedMessages.IdRange(range.getKey(), range.getValue()));
        }
        return new AppliedMessages(watermark, mergeAdjacent(ranges));
    }

    private static List<AppliedMessages.IdRange> mergeAdjacent(List<AppliedMessages.IdRange> ranges) {
        List<AppliedMessages.IdRange> merged = new ArrayList<>(ranges.size());
        for (AppliedMessages.IdRange range : ranges) {
            if (!merged.isEmpty() && merged.getLast().end() == range.start()) {
                merged.set(merged.size() - 1, new AppliedMessages.IdRange(merged.getLast().start(), range.end()));
            } else {
                merged.add(range);
            }
        }
        return merged;
    }
}
