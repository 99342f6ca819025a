package dev.loupe.query.execution;

import dev.loupe.query.HistogramBucket;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Counts the messages that reach it (placed before the first aggregate, or at the end) and builds the
 * message-time histogram: a clock-aligned bucket length giving at most about {@link #TARGET_BUCKETS} buckets over
 * the query range (over the data when the range is unbounded); only non-empty buckets are reported. Optionally
 * keeps the newest rows it counts (the matched messages of an aggregate query). Fed by the query's thread;
 * {@link #progress} may be called from any thread.
 */
final class MessageCounter implements RowOperator {
    static final int TARGET_BUCKETS = 100;

    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long[] LADDER = {SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE,
        5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY,
        7 * DAY};

    private static final Comparator<Row> OLDEST_FIRST = Comparator
            .comparingLong((Row row) -> row.message.message().messageTime())
            .thenComparingLong(row -> row.message.id());

    private final RowOperator downstream;
    private final QueryGuard guard;
    private final int keepLimit;
    private final PriorityQueue<Row> kept;
    private long[] times = new long[1024];
    private int count;

    /**
     * What the counter saw so far, copied under its lock.
     *
     * @param count the messages counted
     * @param times their message times, in arrival order
     * @param kept the kept messages, newest first
     */
    record Progress(long count, long[] times, List<Row> kept) {}

    /**
     * @param keepLimit how many of the newest counted messages to keep ({@link #progress}), 0 for none
     */
    MessageCounter(RowOperator downstream, QueryGuard guard, int keepLimit) {
        this.downstream = downstream;
        this.guard = guard;
        this.keepLimit = keepLimit;
        this.kept = keepLimit > 0 ? new PriorityQueue<>(OLDEST_FIRST) : null;
        guard.reserve(8L * times.length, QueryGuard.MemoryUse.HISTOGRAM);
    }

    /*
     * Synchronized: another thread may read the progress while the query runs (the Search Job API's status and
     * pages while gathering). The lock is uncontended but for those reads, so it costs one atomic operation a row.
     */
    @Override
    public boolean addInput(Row row) {
        synchronized (this) {
            if (count == times.length) {
                guard.reserve(8L * count, QueryGuard.MemoryUse.HISTOGRAM);
                times = Arrays.copyOf(times, count * 2);
            }
            times[count++] = row.message == null ? 0 : row.message.message().messageTime();
            if (kept != null && row.message != null) {
                keep(row);
            }
        }
        return downstream.addInput(row);
    }

    /** Keeps the row among the newest {@code keepLimit}; the copy keeps the values as they are now. */
    private void keep(Row row) {
        if (kept.size() >= keepLimit) {
            if (OLDEST_FIRST.compare(row, kept.peek()) <= 0) {
                return;
            }
            Row dropped = kept.poll();
            guard.release(RetainedSize.ofRow(dropped));
        }
        Row copy = row.copy();
        guard.reserve(RetainedSize.ofRow(copy), QueryGuard.MemoryUse.RESULT_ROWS);
        kept.add(copy);
    }

    @Override
    public void finish() {
        downstream.finish();
    }

    synchronized long count() {
        return count;
    }

    /** A copy of what was counted so far; any thread. */
    synchronized Progress progress() {
        List<Row> newestFirst = new ArrayList<>(kept == null ? List.of() : kept);
        newestFirst.sort(OLDEST_FIRST.reversed());
        return new Progress(count, Arrays.copyOf(times, count), newestFirst);
    }

    /** The histogram of {@code messageTimes} (any order) over {@code [fromMillis, toMillis)}, oldest bucket first. */
    static List<HistogramBucket> histogram(long[] messageTimes, long fromMillis, long toMillis, ZoneId zone) {
        int count = messageTimes.length;
        if (count == 0) {
            return List.of();
        }
        long[] sorted = messageTimes.clone();
        Arrays.sort(sorted);
        long from = Math.max(fromMillis, sorted[0]);
        long to = Math.min(toMillis, sorted[count - 1] + 1);
        boolean bounded = fromMillis > Long.MIN_VALUE / 4 && toMillis < Long.MAX_VALUE / 4;
        long span = bounded ? toMillis - fromMillis : Math.max(1, to - from);
        long length = bucketLength(span);
        long offset = zone.getRules().getOffset(Instant.ofEpochMilli(sorted[0])).getTotalSeconds() * 1000L;
        List<HistogramBucket> buckets = new ArrayList<>();
        long currentStart = Long.MIN_VALUE;
        long currentCount = 0;
        for (int index = 0; index < count; index++) {
            long start = Math.floorDiv(sorted[index] + offset, length) * length - offset;
            if (start != currentStart) {
                if (currentCount > 0) {
                    buckets.add(new HistogramBucket(currentStart, length, currentCount));
                }
                currentStart = start;
                currentCount = 0;
            }
            currentCount++;
        }
        buckets.add(new HistogramBucket(currentStart, length, currentCount));
        return buckets;
    }

    static long bucketLength(long span) {
        for (long length : LADDER) {
            if (span / length <= TARGET_BUCKETS) {
                return length;
            }
        }
        long weeks = (span / (7 * DAY)) / TARGET_BUCKETS + 1;
        return weeks * 7 * DAY;
    }
}
