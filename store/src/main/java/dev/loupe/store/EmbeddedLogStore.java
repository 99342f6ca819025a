package dev.loupe.store;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import dev.loupe.store.lucene.AppliedMessages;
import dev.loupe.store.lucene.Partition;
import dev.loupe.store.lucene.PartitionScanner;
import dev.loupe.store.lucene.ScanWorkers;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.wal.MessageCodec;
import dev.loupe.store.wal.StorageFailures;
import dev.loupe.store.wal.WalRecord;
import dev.loupe.store.wal.WriteAheadLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.store.AlreadyClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded log store: a write-ahead log for durability plus one Lucene index per UTC day of {@code
 * _messagetime} for search. See the package overview for the on-disk layout.
 *
 * <p>Contract, beyond {@link LogStore}'s: thread-safe; {@link #append} returns once the batch is fsync'ed in the
 * WAL and indexed (visible to later scans); message ids are assigned from the WAL and are the same after a
 * restart. Lucene commits run in the background every {@link Options#commitInterval()} and on {@link #close}; a
 * crash loses nothing acknowledged because opening replays the WAL. Only one process may open a directory at a
 * time.
 *
 * <p>Failures: a full disk while writing the WAL fails that append with {@code STORAGE_FULL} and the store stays
 * usable; any failure while indexing an already-logged batch marks the store failed (later appends throw {@code
 * STORAGE_FULL} when the disk was full, else {@code STORAGE_FAILURE}; nothing more is committed) and the batch is
 * indexed by replay when the store is next opened.
 */
public final class EmbeddedLogStore implements LogStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedLogStore.class);
    private static final long MILLIS_PER_DAY = 86_400_000L;

    /**
     * Tunables.
     *
     * @param commitInterval how often partitions are committed to Lucene (which bounds replay work after a crash)
     * @param walSegmentBytes WAL segment files roll over at this size
     * @param walMaxGroupBytes at most this many bytes of batches are written by one group commit
     * @param scanParallelism how many partitions are read at once by all scans together (default: the cores)
     */
    public record Options(Duration commitInterval, long walSegmentBytes, int walMaxGroupBytes, int scanParallelism) {
        public Options {
            if (scanParallelism < 1) {
                throw new IllegalArgumentException("scanParallelism must be at least 1: " + scanParallelism);
            }
            requireNonNull(commitInterval, "commitInterval is null");
            if (commitInterval.isNegative() || commitInterval.isZero()) {
                throw new IllegalArgumentException("commitInterval must be positive: " + commitInterval);
            }
            WriteAheadLog.Options validated = new WriteAheadLog.Options(walSegmentBytes, walMaxGroupBytes);
            assert validated.segmentSizeBytes() == walSegmentBytes;
        }

        public static Options defaults() {
            WriteAheadLog.Options wal = WriteAheadLog.Options.defaults();
            return new Options(Duration.ofSeconds(5), wal.segmentSizeBytes(), wal.maxGroupBytes(),
                    Runtime.getRuntime().availableProcessors());
        }

        public Options withCommitInterval(Duration interval) {
            return new Options(interval, walSegmentBytes, walMaxGroupBytes, scanParallelism);
        }

        public Options withWalSegmentBytes(long bytes) {
            return new Options(commitInterval, bytes, walMaxGroupBytes, scanParallelism);
        }

        public Options withScanParallelism(int parallelism) {
            return new Options(commitInterval, walSegmentBytes, walMaxGroupBytes, parallelism);
        }
    }

    private final Path directory;
    private final Options options;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ConcurrentSkipListMap<LocalDate, Partition> partitions = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListSet<LocalDate> knownDays = new ConcurrentSkipListSet<>();
    private final Object partitionOpenLock = new Object();
    /** Appenders hold the read lock while indexing a batch; a commit holds the write lock (see {@link #commit}). */
    private final ReentrantReadWriteLock applyLock = new ReentrantReadWriteLock();
    private final Object commitLock = new Object();
    private final ScheduledExecutorService committer;
    private final ScanWorkers scanWorkers;
    private WriteAheadLog wal;
    private AppliedTracker tracker;
    private long checkpointId;
    private volatile Throwable failure;
    private volatile boolean closed;

    private EmbeddedLogStore(Path directory, Options options, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.options = options;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.committer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("loupe-store-committer-" + directory.getFileName()).daemon(true).factory());
        this.scanWorkers = new ScanWorkers(String.valueOf(directory.getFileName()), options.scanParallelism());
    }

    /** Opens (creating when needed) the store in {@code directory} with default options. */
    public static EmbeddedLogStore open(Path directory) {
        return open(directory, Options.defaults());
    }

    /**
     * Opens (creating when needed) the store in {@code directory}, replaying the WAL past the last Lucene commit.
     *
     * @throws LoupeException {@code STORE_IN_USE} when it is already open, {@code STORAGE_FAILURE} when the directory is unusable, {@code
     *     CORRUPT_DATA} when the WAL or checkpoint is damaged beyond a torn tail
     */
    public static EmbeddedLogStore open(Path directory, Options options) {
        requireNonNull(directory, "directory is null");
        requireNonNull(options, "options is null");
        EmbeddedLogStore store = null;
        try {
            Files.createDirectories(directory.resolve("partitions"));
            FileChannel lockChannel = FileChannel.open(directory.resolve("store.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            store = new EmbeddedLogStore(directory, options, lockChannel, acquireLock(lockChannel, directory));
            store.recover();
            store.committer.scheduleWithFixedDelay(store::commitInBackground, options.commitInterval().toMillis(),
                    options.commitInterval().toMillis(), TimeUnit.MILLISECONDS);
            return store;
        } catch (IOException openFailure) {
            if (store != null) {
                store.abandon(openFailure);
            }
            throw StorageFailures.translate(openFailure, "opening the log store in " + directory);
        } catch (RuntimeException openFailure) {
            if (store != null) {
                store.abandon(openFailure);
            }
            throw openFailure;
        }
    }

    private static FileLock acquireLock(FileChannel lockChannel, Path directory) throws IOException {
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException alreadyLocked) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new LoupeException(ErrorCode.STORE_IN_USE, "the log store in " + directory
                    + " is already open (by a running server or another command)");
        }
        return lock;
    }

    private void recover() throws IOException {
        checkpointId = Checkpoint.read(directory);
        Map<LocalDate, AppliedMessages> committed = new HashMap<>();
        long minimumNextId = checkpointId;
        try (DirectoryStream<Path> days = Files.newDirectoryStream(directory.resolve("partitions"))) {
            for (Path path : days) {
                LocalDate day = parseDay(path);
                if (day == null) {
                    LOGGER.warn("ignoring {}: not a partition directory", path);
                    continue;
                }
                knownDays.add(day);
                Partition.readCommitted(path).ifPresent(applied -> committed.put(day, applied));
                minimumNextId = Math.max(minimumNextId, committed.containsKey(day) ? committed.get(day).end() : 0);
            }
        }
        WriteAheadLog.Options walOptions = new WriteAheadLog.Options(options.walSegmentBytes(), options.walMaxGroupBytes());
        wal = WriteAheadLog.open(directory.resolve("wal"), walOptions, minimumNextId);
        long[] replayed = new long[1];
        try {
            wal.replay(checkpointId, walRecord -> replayRecord(walRecord, committed, replayed));
        } catch (UncheckedIOException replayFailure) {
            throw replayFailure.getCause();
        }
        tracker = new AppliedTracker(wal.nextId());
        if (replayed[0] > 0) {
            LOGGER.info("replayed {} messages from the WAL of {}", replayed[0], directory);
        }
        commit();
    }

    private void replayRecord(WalRecord walRecord, Map<LocalDate, AppliedMessages> committed, long[] replayed) {
        List<LogMessage> messages = walRecord.messages();
        try {
            for (int index = 0; index < messages.size(); index++) {
                long id = walRecord.firstId() + index;
                LocalDate day = dayOf(messages.get(index).messageTime());
                AppliedMessages applied = committed.get(day);
                if (applied == null || !applied.contains(id)) {
                    partition(day).add(id, messages.get(index));
                    replayed[0]++;
                }
            }
        } catch (IOException indexFailure) {
            throw new UncheckedIOException(indexFailure);
        }
    }

    private static LocalDate parseDay(Path path) {
        if (!Files.isDirectory(path)) {
            return null;
        }
        try {
            return LocalDate.parse(path.getFileName().toString());
        } catch (DateTimeParseException notADay) {
            return null;
        }
    }

    static LocalDate dayOf(long epochMillis) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochMillis, MILLIS_PER_DAY));
    }

    private Partition partition(LocalDate day) throws IOException {
        Partition existing = partitions.get(day);
        if (existing != null) {
            return existing;
        }
        synchronized (partitionOpenLock) {
            existing = partitions.get(day);
            if (existing != null) {
                return existing;
            }
            Partition opened = Partition.open(day, directory.resolve("partitions").resolve(day.toString()));
            partitions.put(day, opened);
            knownDays.add(day);
            return opened;
        }
    }

    @Override
    public void append(List<LogMessage> messages) {
        requireNonNull(messages, "messages is null");
        ensureWritable();
        if (messages.isEmpty()) {
            return;
        }
        byte[] payload = MessageCodec.encode(messages);
        long firstId;
        try {
            firstId = wal.append(payload, messages.size());
        } catch (IOException walFailure) {
            throw StorageFailures.translate(walFailure, "writing the WAL of " + directory);
        }
        applyLock.readLock().lock();
        try {
            for (int index = 0; index < messages.size(); index++) {
                LogMessage message = messages.get(index);
                partition(dayOf(message.messageTime())).add(firstId + index, message);
            }
            tracker.markApplied(firstId, firstId + messages.size());
        } catch (IOException indexFailure) {
            failure = indexFailure;
            throw StorageFailures.translate(indexFailure, "indexing messages in " + directory);
        } catch (RuntimeException indexFailure) {
            failure = indexFailure;
            if (StorageFailures.isDiskFull(indexFailure)) {
                throw stoppedByFullDisk(indexFailure);
            }
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "indexing messages in " + directory + " failed: " + indexFailure, indexFailure);
        } finally {
            applyLock.readLock().unlock();
        }
    }

    /*
     * Lucene gives up an index writer after a failed write; once that was a full disk the store refuses writes as
     * STORAGE_FULL (clients see 507 and retry) until it is reopened, and says so. No exception text: it reaches clients.
     */
    private LoupeException stoppedByFullDisk(Throwable cause) {
        return new LoupeException(ErrorCode.STORAGE_FULL, "the log store in " + directory + " stopped after the disk "
                + "filled up; free space and restart the server (acknowledged data is safe in the WAL)", cause);
    }

    private void ensureWritable() {
        if (closed) {
            throw new IllegalStateException("the log store in " + directory + " is closed");
        }
        Throwable earlier = failure;
        if (earlier != null && StorageFailures.isDiskFull(earlier)) {
            throw stoppedByFullDisk(earlier);
        }
        if (earlier != null) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "the log store in " + directory
                    + " failed earlier and must be reopened (acknowledged data is safe in the WAL): " + earlier, earlier);
        }
    }

    @Override
    public LogCursor scan(LogScan scan) {
        requireNonNull(scan, "scan is null");
        if (closed) {
            throw new IllegalStateException("the log store in " + directory + " is closed");
        }
        try {
            List<Partition> selected = new ArrayList<>();
            for (LocalDate day : knownDays.descendingSet()) {
                if (mayHold(day, scan)) {
                    selected.add(partition(day));
                }
            }
            return PartitionScanner.open(selected, scan, scanWorkers);
        } catch (IOException scanFailure) {
            throw StorageFailures.translate(scanFailure, "starting a scan of " + directory);
        } catch (AlreadyClosedException closedAfterFailure) {
            Throwable earlier = failure;
            if (earlier == null) {
                throw closedAfterFailure;
            }
            // Lucene closes an IndexWriter after a failed write (a full disk): its searchers go with it
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "the log store stopped after "
                    + (StorageFailures.isDiskFull(earlier) ? "the disk filled up" : "a write failure")
                    + " and cannot be searched until the server restarts; acknowledged data is safe in the WAL",
                    closedAfterFailure);
        }
    }

    private static boolean mayHold(LocalDate day, LogScan scan) {
        return switch (scan.timeField()) {
            case MESSAGE_TIME -> scan.range().fromMillis() < scan.range().toMillis()
                    && !day.isBefore(dayOf(scan.range().fromMillis()))
                    && !day.isAfter(dayOf(scan.range().toMillis() - 1));
            case RECEIPT_TIME -> true;
        };
    }

    /**
     * Commits every partition changed since its last commit, recording the applied message ids, then advances the
     * checkpoint and deletes the WAL segments it covers.
     *
     * <p>Why the write lock: a commit must hold exactly the messages its {@link AppliedMessages} names, so no batch
     * may be half-indexed while the snapshot is taken and the commits run. A partition not committed here was not
     * touched since its last commit, so its older commit data is still exact.
     */
    private void commit() throws IOException {
        synchronized (commitLock) {
            AppliedMessages applied;
            applyLock.writeLock().lock();
            try {
                if (failure != null) {
                    return;
                }
                applied = tracker.snapshot();
                for (Partition partition : partitions.values()) {
                    partition.commitIfDirty(applied);
                }
            } finally {
                applyLock.writeLock().unlock();
            }
            if (applied.watermark() > checkpointId) {
                Checkpoint.write(directory, applied.watermark());
                checkpointId = applied.watermark();
                wal.deleteSegmentsBefore(checkpointId);
            }
        }
    }

    private void commitInBackground() {
        try {
            commit();
        } catch (IOException commitFailure) {
            // The previous commit stays valid and the WAL keeps everything after it; the next run retries.
            LOGGER.error("committing the log store in {} failed; will retry", directory, commitFailure);
        } catch (RuntimeException commitFailure) {
            failure = commitFailure;
            LOGGER.error("committing the log store in {} failed; the store stops accepting writes", directory, commitFailure);
        }
    }

    /** Commits everything (unless the store failed earlier) and releases files, threads and the directory lock. */
    @Override
    public void close() {
        synchronized (commitLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        committer.shutdown();
        scanWorkers.close();
        IOException closeFailure = null;
        try {
            if (!committer.awaitTermination(1, TimeUnit.MINUTES)) {
                LOGGER.warn("the committer of {} did not stop within a minute", directory);
            }
            commit();
        } catch (IOException commitFailure) {
            closeFailure = commitFailure;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            closeFailure = new IOException("interrupted while closing", interrupted);
        }
        closeFailure = releaseAll(closeFailure);
        if (closeFailure != null) {
            throw StorageFailures.translate(closeFailure, "closing the log store in " + directory);
        }
    }

    private void abandon(Throwable openFailure) {
        closed = true;
        committer.shutdownNow();
        scanWorkers.close();
        IOException releaseFailure = releaseAll(null);
        if (releaseFailure != null) {
            openFailure.addSuppressed(releaseFailure);
        }
    }

    private IOException releaseAll(IOException earlier) {
        IOException problem = earlier;
        List<AutoCloseable> resources = new ArrayList<>(partitions.values());
        if (wal != null) {
            resources.add(wal);
        }
        resources.add(lock);
        resources.add(lockChannel);
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception closeFailure) {
                IOException wrapped = closeFailure instanceof IOException io ? io : new IOException(closeFailure);
                if (problem == null) {
                    problem = wrapped;
                } else {
                    problem.addSuppressed(wrapped);
                }
            }
        }
        partitions.clear();
        return problem;
    }
}
