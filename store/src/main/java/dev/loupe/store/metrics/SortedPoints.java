package dev.loupe.store.metrics;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Points in strictly increasing time order, built from points in arrival order where a later point for the same
 * time replaces an earlier one.
 */
record SortedPoints(long[] timestamps, double[] values) {

    int size() {
        return timestamps.length;
    }

    static SortedPoints of(long[] timestamps, double[] values, int size) {
        boolean increasing = true;
        for (int index = 1; index < size && increasing; index++) {
            increasing = timestamps[index] > timestamps[index - 1];
        }
        if (increasing) {
            return new SortedPoints(Arrays.copyOf(timestamps, size), Arrays.copyOf(values, size));
        }
        // Rare (late or repeated points): a map keeps the last value per time.
        TreeMap<Long, Double> ordered = new TreeMap<>();
        for (int index = 0; index < size; index++) {
            ordered.put(timestamps[index], values[index]);
        }
        long[] sortedTimes = new long[ordered.size()];
        double[] sortedValues = new double[ordered.size()];
        int position = 0;
        for (Map.Entry<Long, Double> entry : ordered.entrySet()) {
            sortedTimes[position] = entry.getKey();
            sortedValues[position] = entry.getValue();
            position++;
        }
        return new SortedPoints(sortedTimes, sortedValues);
    }
}
