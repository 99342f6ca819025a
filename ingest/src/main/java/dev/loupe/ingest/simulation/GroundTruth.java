package dev.loupe.ingest.simulation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link FleetSimulator} produced, per API and UTC hour (requests, errors, requests on stages with
 * detailed metrics) and per hour and event name (API Gateway CloudTrail events, failed ones). Thread-safe
 * (synchronized); tests read it to check query results.
 */
public final class GroundTruth {
    private static final long HOUR = 3_600_000L;
    private final List<String> apiNames;
    private final TreeMap<Long, long[][]> apiHours = new TreeMap<>();
    private final TreeMap<Long, Map<String, long[]>> eventHours = new TreeMap<>();

    GroundTruth(List<String> apiNames) {
        this.apiNames = List.copyOf(apiNames);
    }

    /** Totals of one API over a time range. */
    /**
     * Totals of one API over a time range; the {@code detailed} ones count only stages with detailed metrics (what
     * the per-method series add up to).
     */
    public record ApiTotals(long requests, long clientErrors, long serverErrors, long detailedRequests,
            long detailedClientErrors, long detailedServerErrors) {}

    synchronized void addTraffic(int api, long timeMillis, long[] totals) {
        long[][] hour = apiHours.computeIfAbsent(Math.floorDiv(timeMillis, HOUR), key -> new long[apiNames.size()][6]);
        for (int index = 0; index < 6; index++) {
            hour[api][index] += totals[index];
        }
    }

    synchronized void addEvent(long timeMillis, String eventName, boolean failed) {
        long[] counts = eventHours.computeIfAbsent(Math.floorDiv(timeMillis, HOUR), key -> new HashMap<>())
                .computeIfAbsent(eventName, key -> new long[2]);
        counts[0]++;
        if (failed) {
            counts[1]++;
        }
    }

    /** The API names, by index. */
    public List<String> apiNames() {
        return apiNames;
    }

    /** Totals of API {@code apiName} over the whole hours in {@code [fromHourMillis, toHourMillis)}. */
    public synchronized ApiTotals api(String apiName, long fromMillis, long toMillis) {
        int api = apiNames.indexOf(apiName);
        if (api < 0) {
            throw new IllegalArgumentException("no API named " + apiName);
        }
        long[] totals = new long[6];
        for (long[][] hour : apiHours.subMap(Math.floorDiv(fromMillis, HOUR), Math.floorDiv(toMillis, HOUR)).values()) {
            for (int index = 0; index < 6; index++) {
                totals[index] += hour[api][index];
            }
        }
        return new ApiTotals(totals[0], totals[1], totals[2], totals[3], totals[4], totals[5]);
    }

    /** API Gateway CloudTrail events by event name over the whole hours in the range: {@code {all, failed}}. */
    public synchronized Map<String, long[]> events(long fromMillis, long toMillis) {
        Map<String, long[]> totals = new TreeMap<>();
        for (Map<String, long[]> hour
                : eventHours.subMap(Math.floorDiv(fromMillis, HOUR), Math.floorDiv(toMillis, HOUR)).values()) {
            for (Map.Entry<String, long[]> entry : hour.entrySet()) {
                long[] total = totals.computeIfAbsent(entry.getKey(), key -> new long[2]);
                total[0] += entry.getValue()[0];
                total[1] += entry.getValue()[1];
            }
        }
        return totals;
    }
}
