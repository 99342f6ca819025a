package dev.loupe.query.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * The union of the timestamps of several series, with a fast index from a timestamp to its position. Quantized
 * series share an evenly spaced grid, so the index is usually arithmetic ({@code (t - first) / step}); otherwise it
 * is a binary search in the sorted distinct timestamps.
 */
final class TimeGrid {
    /** Above this many grid slots an evenly spaced grid is not worth its memory; the sorted form is used. */
    private static final long MAX_EVEN_SLOTS = 4_000_000L;

    private final long first;
    private final long step;
    private final int size;
    private final long[] sorted;

    private TimeGrid(long first, long step, int size, long[] sorted) {
        this.first = first;
        this.step = step;
        this.size = size;
        this.sorted = sorted;
    }

    static TimeGrid of(List<MetricSeries> series) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long total = 0;
        for (MetricSeries one : series) {
            if (one.size() > 0) {
                min = Math.min(min, one.timestamps()[0]);
                max = Math.max(max, one.timestamps()[one.size() - 1]);
                total += one.size();
            }
        }
        if (total == 0) {
            return new TimeGrid(0, 1, 0, null);
        }
        long step = 0;
        for (MetricSeries one : series) {
            for (long timestamp : one.timestamps()) {
                step = gcd(step, timestamp - min);
                if (step == 1) {
                    break;
                }
            }
        }
        if (step == 0) {
            return new TimeGrid(min, 1, 1, null);
        }
        long slots = (max - min) / step + 1;
        if (slots <= MAX_EVEN_SLOTS) {
            return new TimeGrid(min, step, (int) slots, null);
        }
        long[] all = new long[Math.toIntExact(total)];
        int position = 0;
        for (MetricSeries one : series) {
            System.arraycopy(one.timestamps(), 0, all, position, one.size());
            position += one.size();
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int index = 0; index < all.length; index++) {
            if (index == 0 || all[index] != all[index - 1]) {
                all[distinct++] = all[index];
            }
        }
        return new TimeGrid(0, 0, distinct, Arrays.copyOf(all, distinct));
    }

    private static long gcd(long left, long right) {
        while (right != 0) {
            long remainder = left % right;
            left = right;
            right = remainder;
        }
        return Math.abs(left);
    }

    int size() {
        return size;
    }

    int indexOf(long timestamp) {
        return sorted == null ? (int) ((timestamp - first) / step) : Arrays.binarySearch(sorted, timestamp);
    }

    long timestampAt(int index) {
        return sorted == null ? first + index * step : sorted[index];
    }
}
