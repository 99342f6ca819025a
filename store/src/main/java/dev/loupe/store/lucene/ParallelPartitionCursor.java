package dev.loupe.store.lucene;

import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.StoredMessage;
import dev.loupe.store.wal.StorageFailures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A cursor whose partitions are read by background scan tasks ({@link ScanWorkers}) and handed to the consumer in
 * batches. Owns the scan's searchers: they are released by {@link #close}, after every task has stopped.
 *
 * <p>Threading: the cursor itself is used by one consumer thread ({@link LogCursor}'s contract); its tasks run on
 * the store's scan threads and talk to the consumer only through bounded queues and the volatile stop flag.
 */
final class ParallelPartitionCursor implements LogCursor {
    /*
     * Design notes.
     *
     * Units. The scan is cut into units, each read by a sequential PartitionCursor on one task: one partition per
     * unit for UNORDERED scans and for NEWEST_FIRST scans by message time (partitions are disjoint days, given
     * newest first, so per-partition order is global order); a single unit of all partitions for NEWEST_FIRST
     * scans by receipt time, where a message of any day may be the newest (the unit is still read ahead of the
     * consumer, in the background).
     *
     * Merge. ORDERED (newest first): each unit has its own queue, and the consumer drains unit 0, then unit 1, and
     * so on; at most `window` units are started ahead (the one being consumed and the next ones), and unit i +
     * window starts when unit i is fully consumed. Later days are thus collected, sorted and loaded while earlier
     * ones are consumed, and the output order is exactly the sequential one. UNORDERED: `window` workers pull the
     * next unit from a shared counter and put batches on one shared queue; the consumer takes batches as they come.
     *
     * Memory. A batch holds at most BATCH_SIZE messages. ORDERED: at most window * (UNIT_QUEUE_BATCHES + 1)
     * batches exist at once, plus the (time, doc) arrays of the units in flight (16 bytes per candidate, as in
     * NewestFirstCursor). UNORDERED: at most (2 * window) + window batches. A full queue blocks its producer
     * (back-pressure), which waits without holding a CPU permit, so concurrent scans cannot starve each other.
     *
     * Stopping. close() raises the stop flag, drains the queues (so blocked producers return), waits for every
     * task, and only then releases the searchers: no task ever reads a released searcher. Producers check the flag
     * between batches and readers every STOP_CHECK_INTERVAL candidates, so an early close (a satisfied `limit`,
     * a cancelled query) stops the background work within one batch.
     */

    static final int BATCH_SIZE = 256;
    private static final int UNIT_QUEUE_BATCHES = 16;
    private static final long POLL_MILLIS = 100;

    /** What a task hands to the consumer. */
    private sealed interface Chunk {}

    private record Batch(List<StoredMessage> messages) implements Chunk {}

    /** ORDERED: the unit has no more messages. UNORDERED: the worker has no more units. */
    private record Finished() implements Chunk {}

    private record Failed(RuntimeException failure) implements Chunk {}

    private static final Finished FINISHED = new Finished();

    private final List<PartitionScanner.Source> sources;
    private final List<Function<BooleanSupplier, PartitionCursor>> units;
    private final ScanWorkers workers;
    private final boolean ordered;
    private final int window;
    private final List<Future<?>> tasks = new ArrayList<>();
    private final List<BlockingQueue<Chunk>> queues = new ArrayList<>();
    private final AtomicInteger nextUnit = new AtomicInteger();
    private volatile boolean stopped;
    private int consumingUnit;
    private int runningWorkers;
    private List<StoredMessage> batch = List.of();
    private int position;
    private StoredMessage current;
    private boolean closed;

    /**
     * Starts the first tasks at once.
     *
     * @param units how to open each unit's reader, given the stop flag
     * @param ordered whether units are emitted in order (NEWEST_FIRST) or as they come (UNORDERED)
     */
    ParallelPartitionCursor(List<PartitionScanner.Source> sources, List<Function<BooleanSupplier, PartitionCursor>> units,
            ScanWorkers workers, boolean ordered) {
        this.sources = sources;
        this.units = units;
        this.workers = workers;
        this.ordered = ordered;
        this.window = Math.min(Math.max(2, workers.parallelism()), Math.max(1, units.size()));
        if (ordered) {
            for (int index = 0; index < units.size(); index++) {
                queues.add(null);
            }
            for (int index = 0; index < Math.min(window, units.size()); index++) {
                startUnit(index);
            }
        } else if (!units.isEmpty()) {
            BlockingQueue<Chunk> shared = new ArrayBlockingQueue<>(2 * window);
            queues.add(shared);
            runningWorkers = window;
            for (int worker = 0; worker < window; worker++) {
                tasks.add(workers.start(() -> work(shared)));
            }
        }
    }

    private void startUnit(int index) {
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(UNIT_QUEUE_BATCHES);
        queues.set(index, queue);
        Function<BooleanSupplier, PartitionCursor> unit = units.get(index);
        tasks.add(workers.start(() -> {
            try {
                produce(unit, queue);
                put(queue, FINISHED);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (Throwable failure) {
                fail(queue, failure);
            }
        }));
    }

    /** An UNORDERED worker: reads units until none is left, then says it is finished. */
    private void work(BlockingQueue<Chunk> shared) {
        try {
            for (int index = nextUnit.getAndIncrement(); index < units.size() && !stopped; index = nextUnit.getAndIncrement()) {
                produce(units.get(index), shared);
            }
            put(shared, FINISHED);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (Throwable failure) {
            fail(shared, failure);
        }
    }

    private void produce(Function<BooleanSupplier, PartitionCursor> unit, BlockingQueue<Chunk> queue)
            throws IOException, InterruptedException {
        PartitionCursor reader = unit.apply(() -> stopped);
        boolean more = true;
        while (more && !stopped) {
            List<StoredMessage> messages = new ArrayList<>(BATCH_SIZE);
            workers.acquirePermit();
            try {
                while (messages.size() < BATCH_SIZE) {
                    StoredMessage message = reader.advance();
                    if (message == null) {
                        more = false;
                        break;
                    }
                    messages.add(message);
                }
            } finally {
                workers.releasePermit();
            }
            if (!messages.isEmpty() && !put(queue, new Batch(messages))) {
                return;
            }
        }
    }

    /** Hands a chunk over, waiting while the queue is full; returns false once the consumer stopped. */
    private boolean put(BlockingQueue<Chunk> queue, Chunk chunk) throws InterruptedException {
        while (!stopped) {
            if (queue.offer(chunk, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    private void fail(BlockingQueue<Chunk> queue, Throwable failure) {
        RuntimeException translated = switch (failure) {
            case IOException io -> StorageFailures.translate(io, "scanning log partitions");
            case RuntimeException runtime -> runtime;
            default -> new IllegalStateException("a scan task failed: " + failure, failure);
        };
        try {
            put(queue, new Failed(translated));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("the cursor is closed");
        }
        while (position >= batch.size()) {
            Chunk chunk;
            if (ordered) {
                if (consumingUnit >= units.size()) {
                    current = null;
                    return false;
                }
                chunk = take(queues.get(consumingUnit));
            } else {
                if (runningWorkers == 0) {
                    current = null;
                    return false;
                }
                chunk = take(queues.getFirst());
            }
            switch (chunk) {
                case Batch next -> {
                    batch = next.messages();
                    position = 0;
                }
                case Finished finished -> finished();
                case Failed failed -> throw failed.failure();
            }
        }
        current = batch.get(position++);
        return true;
    }

    private void finished() {
        if (!ordered) {
            runningWorkers--;
            return;
        }
        queues.set(consumingUnit, null);
        int next = consumingUnit + window;
        consumingUnit++;
        if (next < units.size()) {
            startUnit(next);
        }
    }

    private Chunk take(BlockingQueue<Chunk> queue) {
        try {
            while (true) {
                Chunk chunk = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (chunk != null) {
                    return chunk;
                }
                if (workers.isClosed()) {
                    throw new IllegalStateException("the log store was closed during the scan");
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for scanned messages", interrupted);
        }
    }

    @Override
    public StoredMessage current() {
        if (current == null) {
            throw new IllegalStateException("next() has not returned true");
        }
        return current;
    }

    /** Stops the tasks, waits for them, then releases the searchers. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopped = true;
        current = null;
        batch = List.of();
        boolean interrupted = false;
        for (Future<?> task : tasks) {
            while (true) {
                drainQueues();
                try {
                    task.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException stillRunning) {
                    // drain again: the task may be blocked on a queue that filled up since
                } catch (InterruptedException interruption) {
                    interrupted = true;
                } catch (ExecutionException | CancellationException ended) {
                    // tasks report their failures through the queues; this one has ended, which is all close needs
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        PartitionScanner.release(sources);
    }

    private void drainQueues() {
        for (BlockingQueue<Chunk> queue : queues) {
            if (queue != null) {
                queue.clear();
            }
        }
    }
}
