package dev.loupe.store.lucene;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The threads that scan partitions in the background, owned by one store and closed with it.
 *
 * <p>Each scan task runs on its own virtual thread (named {@code loupe-scan-<store>-N}); CPU work is bounded by a
 * semaphore of {@link #parallelism()} permits shared by every scan of the store, so concurrent queries share the
 * cores instead of multiplying threads. A task holds a permit only while it reads the index (one batch at a time)
 * and never while it waits for the consumer: a full hand-off queue can therefore never starve another scan.
 *
 * <p>Thread-safe. After {@link #close} new tasks are refused and running ones are interrupted.
 */
public final class ScanWorkers implements AutoCloseable {
    private final ExecutorService executor;
    private final Semaphore permits;
    private final int parallelism;

    /**
     * @param name a short name for the threads (the store's directory name)
     * @param parallelism how many scan tasks may read the index at once; at least 1
     */
    public ScanWorkers(String name, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        this.parallelism = parallelism;
        this.permits = new Semaphore(parallelism, true);
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("loupe-scan-" + name + "-", 0).factory());
    }

    /** How many scan tasks may read the index at once (the number of cores by default). */
    public int parallelism() {
        return parallelism;
    }

    Future<?> start(Runnable task) {
        return executor.submit(task);
    }

    /** Waits for a permit to read the index; pair with {@link #releasePermit()}. */
    void acquirePermit() throws InterruptedException {
        permits.acquire();
    }

    void releasePermit() {
        permits.release();
    }

    boolean isClosed() {
        return executor.isShutdown();
    }

    /** Interrupts running tasks and waits briefly for them; open cursors fail on their next call. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
