package dev.loupe.cli;

import dev.loupe.ingest.CloudTrailEventGenerator;
import dev.loupe.ingest.metrics.CloudWatchDatapoint;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code FleetSimulator} generated inside the windows a dashboard reads: the CloudWatch datapoints of
 * {@code [from - 7d, to)} minus the days no panel looks at (only "today", "yesterday" and "last week" are read), and
 * the API Gateway CloudTrail events of {@code [from, to)}. Filled through
 * {@link dev.loupe.ingest.simulation.FleetSimulator.Sink#groundTruth}; not thread-safe.
 */
final class SimulatedGroundTruth {
    static final long DAY = 86_400_000L;
    static final String API_GATEWAY = "apigateway.amazonaws.com";

    private final long fromMillis;
    private final long toMillis;
    private final List<CloudWatchDatapoint> datapoints = new ArrayList<>();
    private final List<CloudTrailEventGenerator.Event> events = new ArrayList<>();

    SimulatedGroundTruth(long fromMillis, long toMillis) {
        this.fromMillis = fromMillis;
        this.toMillis = toMillis;
    }

    void record(List<CloudWatchDatapoint> periodDatapoints, List<CloudTrailEventGenerator.Event> periodEvents) {
        for (CloudWatchDatapoint datapoint : periodDatapoints) {
            long time = datapoint.timestampMillis();
            if (time >= fromMillis - DAY && time < toMillis || time >= fromMillis - 7 * DAY && time < toMillis - 7 * DAY) {
                datapoints.add(datapoint);
            }
        }
        for (CloudTrailEventGenerator.Event event : periodEvents) {
            if (event.eventSource().equals(API_GATEWAY) && event.timeMillis() >= fromMillis && event.timeMillis() < toMillis) {
                events.add(event);
            }
        }
    }

    long fromMillis() {
        return fromMillis;
    }

    long toMillis() {
        return toMillis;
    }

    /** The datapoints recorded with a time in {@code [from, to)}. */
    List<CloudWatchDatapoint> datapoints(long from, long to) {
        return datapoints.stream().filter(point -> point.timestampMillis() >= from && point.timestampMillis() < to).toList();
    }

    /** The API Gateway events of the window, in generation (time) order. */
    List<CloudTrailEventGenerator.Event> events() {
        return events;
    }
}
