package dev.loupe.collectors;

import static java.util.Objects.requireNonNull;

import dev.loupe.collectors.cloudtrail.CloudTrailBucketCollector;
import dev.loupe.collectors.cloudwatch.CloudWatchMetricsCollector;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.spi.metrics.MetricStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs collectors: each on its own platform thread {@code loupe-collector-<name>}, polled right away and then
 * every poll interval after the previous poll ended (polls of one collector never overlap). A poll that throws is
 * logged with its cause and retried at the next interval; nothing stops a collector but {@link #close}.
 *
 * <p>Thread-safe. {@link #close} stops scheduling, interrupts polls in flight only after waiting up to 30 s for
 * them to end (an append to a store is never interrupted half-way by this class), then closes the collectors.
 */
public final class CollectorRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorRunner.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final List<Running> running = new ArrayList<>();
    private boolean closed;

    private record Running(Collector collector, ScheduledExecutorService executor) {
    }

    /**
     * Starts a collector for each configuration, keeping checkpoints in {@code workFolder}: CloudTrail buckets
     * append to {@code logStore}, CloudWatch metrics to {@code metricStore}. If one cannot be created, those
     * already started are stopped and the failure propagates.
     */
    public static CollectorRunner start(List<CollectorConfig> configs, Path workFolder, LogStore logStore,
            MetricStore metricStore, Clock clock) {
        CollectorRunner runner = new CollectorRunner();
        try {
            for (CollectorConfig config : configs) {
                Collector collector = switch (config) {
                    case CollectorConfig.CloudTrailBucket trail ->
                            CloudTrailBucketCollector.open(trail, logStore, workFolder, clock);
                    case CollectorConfig.CloudWatchMetrics metrics ->
                            CloudWatchMetricsCollector.open(metrics, metricStore, workFolder, clock);
                };
                runner.start(collector, config.pollInterval());
            }
        } catch (RuntimeException failure) {
            runner.close();
            throw failure;
        }
        return runner;
    }

    /** Starts polling {@code collector} every {@code interval}; the runner closes it. */
    public synchronized void start(Collector collector, Duration interval) {
        requireNonNull(collector, "collector is null");
        requireNonNull(interval, "interval is null");
        if (closed) {
            throw new IllegalStateException("the collector runner is closed");
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("loupe-collector-" + collector.name()).daemon(true).factory());
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.scheduleWithFixedDelay(() -> pollOnce(collector), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        running.add(new Running(collector, executor));
    }

    /** How many collectors run. */
    public synchronized int size() {
        return running.size();
    }

    private static void pollOnce(Collector collector) {
        long started = System.nanoTime();
        try {
            long stored = collector.poll();
            LOG.info("collector {} polled: {} stored in {} ms", collector.name(), stored,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException failure) {
            // Logged with its cause; the next scheduled poll retries from the checkpoint.
            LOG.warn("collector {} poll failed, retrying next interval: {}", collector.name(), failure.toString(),
                    failure);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Running each : running) {
            each.executor().shutdown();
        }
        for (Running each : running) {
            try {
                if (!each.executor().awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("collector {} did not finish its poll within {} s; interrupting it",
                            each.collector().name(), STOP_WAIT.toSeconds());
                    each.executor().shutdownNow();
                }
            } catch (InterruptedException interrupted) {
                each.executor().shutdownNow();
                Thread.currentThread().interrupt();
            }
            each.collector().close();
        }
        running.clear();
    }
}
