package dev.loupe.cli;

import dev.loupe.core.LogMessage;
import dev.loupe.ingest.simulation.FleetSimulator;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.spi.metrics.MetricStore;
import dev.loupe.store.spi.metrics.MetricSample;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link FleetSimulator}'s data into a data folder's stores: a backfill, then (optionally) a live stream
 * that simulates each new minute once it is over. Used by {@code simulate} and {@code demo}.
 */
final class FleetFeed implements FleetSimulator.Sink {
    private static final Logger LOG = LoggerFactory.getLogger(FleetFeed.class);
    private static final long MINUTE = 60_000L;
    private final LogStore logs;
    private final MetricStore metrics;
    private long samples;
    private long messages;

    FleetFeed(LogStore logs, MetricStore metrics) {
        this.logs = logs;
        this.metrics = metrics;
    }

    @Override
    public synchronized void metrics(List<MetricSample> batch) {
        if (!batch.isEmpty()) {
            metrics.append(batch);
            samples += batch.size();
        }
    }

    @Override
    public synchronized void logs(List<LogMessage> batch) {
        if (!batch.isEmpty()) {
            logs.append(batch);
            messages += batch.size();
        }
    }

    synchronized long samples() {
        return samples;
    }

    synchronized long messages() {
        return messages;
    }

    /**
     * Simulates every whole minute from {@code fromMillis} on, one minute after it ends, on a daemon thread;
     * a failed append is logged and the minute is not retried.
     */
    ScheduledExecutorService live(FleetSimulator simulator, long fromMillis) {
        return live(simulator, fromMillis, this);
    }

    /** {@link #live(FleetSimulator, long)} into any sink (a server's HTTP Source, for one). */
    static ScheduledExecutorService live(FleetSimulator simulator, long fromMillis, FleetSimulator.Sink sink) {
        ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("fleet-live-feed").daemon().factory());
        long[] next = {Math.floorDiv(fromMillis, MINUTE) * MINUTE};
        feed.scheduleWithFixedDelay(() -> {
            long now = System.currentTimeMillis();
            long end = Math.floorDiv(now, MINUTE) * MINUTE;
            if (end <= next[0]) {
                return;
            }
            try {
                simulator.simulate(next[0], end, MINUTE, now, sink);
            } catch (RuntimeException failure) {
                LOG.warn("the live simulation could not append minutes {} to {}: {}", next[0], end, failure.toString());
            }
            next[0] = end;
        }, 5, 30, TimeUnit.SECONDS);
        return feed;
    }
}
