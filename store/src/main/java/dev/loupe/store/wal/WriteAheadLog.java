package dev.loupe.store.wal;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log: makes batches of messages durable before they are acknowledged, and gives them back after
 * a crash.
 *
 * <p>Thread-safe. {@link #append} may be called from any number of threads; each call blocks until its batch is
 * written and fsync'ed, and returns the id of its first message (the others follow consecutively). {@link #replay}
 * must be called before the first append. Failures: {@link #append} throws {@link IOException} for I/O errors (the
 * batch is then not durable and has no ids); after a failed {@code fsync} every later append fails too, because
 * the state of the file is unknown. Corruption found while opening or replaying is a {@link LoupeException} with
 * {@code CORRUPT_DATA} naming the file and offset.
 */
public final class WriteAheadLog implements AutoCloseable {
    /*
     * Design notes.
     *
     * Group commit. Appenders encode their batch on their own thread and enqueue it; one writer thread takes
     * everything queued (up to maxGroupBytes), frames it as ONE record, writes it with one write() and makes it
     * durable with one FileChannel.force(false) (fdatasync: the file size is covered, other metadata is not
     * needed). While it syncs, new batches queue up and form the next group, so the number of fsyncs per second is
     * bounded by the disk, not by the number of appenders. This is the classic scheme of database logs (e.g.
     * PostgreSQL's commit_delay-less group commit, InnoDB's log writer thread).
     *
     * One record per group (not per batch) matters for crash detection: the only write that can be torn by a crash
     * is the last one, so a torn tail is always exactly one bad record at the end of the last segment.
     *
     * Ids. A record's sequence number is the id of its first message; the next record's is that plus the record's
     * message count. Ids are therefore dense, stable across replay, and a record's sequence is checked against the
     * expected one when reading, which catches lost or reordered records as well as bit rot (CRC32C).
     *
     * Recovery. On open only the LAST segment is scanned: at the first record that is incomplete, has a bad length
     * or a bad checksum, we look for any valid record further on. If there is one, the damage is in the middle of
     * acknowledged data: CORRUPT_DATA. If there is none, it is a torn tail that was never acknowledged (the fsync
     * had not returned), and the file is truncated there. Earlier segments were fsync'ed before the roll and are
     * verified when replayed; any damage there is CORRUPT_DATA.
     *
     * Failure handling. A failed write is rolled back by truncating to the previous end, so a full disk fails only
     * the groups that hit it. A failed force() poisons the log for good: after an fsync error Linux may already
     * have dropped the dirty pages, so retrying could acknowledge data that is not on disk ("fsyncgate", 2018).
     *
     * Segments roll at segmentSizeBytes. The store deletes whole segments once every message in them is in a
     * Lucene commit (deleteSegmentsBefore); the current segment is never deleted, so its header always tells the
     * next id even when everything is committed.
     */

    private static final Logger LOGGER = LoggerFactory.getLogger(WriteAheadLog.class);

    /**
     * Tunables of the log.
     *
     * @param segmentSizeBytes roll to a new segment file once the current one reaches this size
     * @param maxGroupBytes at most this many payload bytes go into one group commit (a larger single batch still
     *     forms its own group)
     */
    public record Options(long segmentSizeBytes, int maxGroupBytes) {
        public Options {
            if (segmentSizeBytes < SegmentFiles.SEGMENT_HEADER_BYTES + 1) {
                throw new IllegalArgumentException("segmentSizeBytes too small: " + segmentSizeBytes);
            }
            if (maxGroupBytes < 1) {
                throw new IllegalArgumentException("maxGroupBytes must be positive: " + maxGroupBytes);
            }
        }

        public static Options defaults() {
            return new Options(32L << 20, 8 << 20);
        }
    }

    private record PendingBatch(byte[] payload, int messageCount, CompletableFuture<Long> firstId) {}

    private final Path directory;
    private final Options options;
    private final ConcurrentSkipListMap<Long, Path> segments;
    private final Object queueLock = new Object();
    private final ArrayDeque<PendingBatch> queue = new ArrayDeque<>();
    private final Thread writer;
    private boolean closed;

    // Owned by the writer thread once it has started; by the opening thread before.
    private FileChannel channel;
    private long segmentSize;
    private long nextId;
    private IOException poisoned;

    private WriteAheadLog(Path directory, Options options, ConcurrentSkipListMap<Long, Path> segments, FileChannel channel,
            long segmentSize, long nextId) {
        this.directory = directory;
        this.options = options;
        this.segments = segments;
        this.channel = channel;
        this.segmentSize = segmentSize;
        this.nextId = nextId;
        this.writer = Thread.ofPlatform().name("loupe-wal-writer-" + directory.getFileName()).daemon(true).unstarted(this::writeLoop);
    }

    /**
     * Opens (or creates) the log in {@code directory}, truncating a torn tail left by a crash.
     *
     * @param minimumNextId ids below this are already taken (e.g. by committed index data); the log never assigns them
     * @throws IOException when the directory cannot be read or written
     * @throws LoupeException {@code CORRUPT_DATA} when the last segment is damaged before its end
     */
    public static WriteAheadLog open(Path directory, Options options, long minimumNextId) throws IOException {
        requireNonNull(options, "options is null");
        Files.createDirectories(directory);
        ConcurrentSkipListMap<Long, Path> segments = new ConcurrentSkipListMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                long firstId = SegmentFiles.firstIdOf(file);
                if (firstId >= 0) {
                    segments.put(firstId, file);
                }
            }
        }
        if (segments.isEmpty()) {
            long firstId = Math.max(1, minimumNextId);
            Path file = createSegment(directory, firstId);
            segments.put(firstId, file);
        }
        Map.Entry<Long, Path> last = segments.lastEntry();
        long nextId = recoverLastSegment(last.getValue(), last.getKey());
        FileChannel channel = FileChannel.open(last.getValue(), StandardOpenOption.WRITE);
        WriteAheadLog log = new WriteAheadLog(directory, options, segments, channel, channel.size(), nextId);
        if (minimumNextId > nextId) {
            LOGGER.warn("WAL in {} ends at id {} but committed data reaches {}; continuing from there", directory, nextId, minimumNextId);
            log.nextId = minimumNextId;
            log.roll();
        }
        log.writer.start();
        return log;
    }

    /** Scans the last segment, truncates a torn tail, and returns the id after its last valid record. */
    private static long recoverLastSegment(Path file, long firstId) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        if (bytes.limit() < SegmentFiles.SEGMENT_HEADER_BYTES) {
            // A crash between creating the file and syncing its header: it never held a record.
            LOGGER.warn("rewriting the torn header of WAL segment {}", file);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(0);
                channel.write(SegmentFiles.segmentHeader(firstId), 0);
                channel.force(true);
            }
            return firstId;
        }
        SegmentFiles.checkSegmentHeader(bytes, file, firstId);
        int offset = SegmentFiles.SEGMENT_HEADER_BYTES;
        long expectedId = firstId;
        while (offset < bytes.limit()) {
            if (!SegmentFiles.isValidRecord(bytes, offset, expectedId)) {
                if (SegmentFiles.anyValidRecordAfter(bytes, offset, expectedId - 1)) {
                    throw SegmentFiles.corrupt(file, offset, "a damaged record (bad length, checksum or sequence) is followed"
                            + " by valid records, so this is not a torn write; refusing to drop acknowledged data");
                }
                LOGGER.warn("truncating torn tail of WAL segment {} at offset {} ({} bytes never acknowledged)",
                        file, offset, bytes.limit() - offset);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(offset);
                    channel.force(true);
                }
                return expectedId;
            }
            int payloadLength = bytes.getInt(offset);
            expectedId += bytes.getInt(offset + SegmentFiles.RECORD_HEADER_BYTES);
            offset += SegmentFiles.RECORD_HEADER_BYTES + payloadLength;
        }
        return expectedId;
    }

    /**
     * Calls {@code consumer} for every record holding a message with id {@code >= fromId}, in id order. Verifies
     * every record it reads. Must be called before the first {@link #append}.
     *
     * @throws LoupeException {@code CORRUPT_DATA} when a record is damaged or records are missing
     */
    public void replay(long fromId, Consumer<WalRecord> consumer) throws IOException {
        replayPayloads(fromId, (firstId, count, payload, location) ->
                consumer.accept(new WalRecord(firstId, MessageCodec.decode(payload, count, location))));
    }

    /** Receives one WAL record's payload during {@link #replayPayloads}. */
    @FunctionalInterface
    public interface PayloadConsumer {
        /**
         * @param firstId the id of the record's first entry
         * @param count the number of entries the record holds
         * @param payload the bytes given to {@link #append}, positioned at their start
         * @param location file and offset, for error messages
         */
        void accept(long firstId, int count, ByteBuffer payload, String location);
    }

    /**
     * Like {@link #replay}, for payloads that are not log messages (the metric store's samples): calls {@code
     * consumer} with each record's raw payload, in id order. Must be called before the first {@link #append}.
     *
     * @throws LoupeException {@code CORRUPT_DATA} when a record is damaged or records are missing
     */
    public void replayPayloads(long fromId, PayloadConsumer consumer) throws IOException {
        List<Map.Entry<Long, Path>> ordered = new ArrayList<>(segments.entrySet());
        for (int index = 0; index < ordered.size(); index++) {
            boolean hasNext = index + 1 < ordered.size();
            if (hasNext && ordered.get(index + 1).getKey() <= fromId) {
                continue;
            }
            long endId = replaySegment(ordered.get(index).getValue(), ordered.get(index).getKey(), fromId, consumer);
            if (hasNext && endId != ordered.get(index + 1).getKey()) {
                throw SegmentFiles.corrupt(ordered.get(index).getValue(), Files.size(ordered.get(index).getValue()),
                        "the segment ends at message id " + endId + " but the next segment starts at " + ordered.get(index + 1).getKey());
            }
        }
    }

    private static long replaySegment(Path file, long firstId, long fromId, PayloadConsumer consumer) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        SegmentFiles.checkSegmentHeader(bytes, file, firstId);
        int offset = SegmentFiles.SEGMENT_HEADER_BYTES;
        long expectedId = firstId;
        while (offset < bytes.limit()) {
            if (!SegmentFiles.isValidRecord(bytes, offset, expectedId)) {
                throw SegmentFiles.corrupt(file, offset, "bad record length, checksum or sequence (expected first message id " + expectedId + ")");
            }
            int payloadLength = bytes.getInt(offset);
            int messageCount = bytes.getInt(offset + SegmentFiles.RECORD_HEADER_BYTES);
            if (expectedId + messageCount > fromId) {
                ByteBuffer payload = bytes.slice(offset + SegmentFiles.RECORD_HEADER_BYTES + 4, payloadLength - 4);
                consumer.accept(expectedId, messageCount, payload, file + " offset " + offset);
            }
            expectedId += messageCount;
            offset += SegmentFiles.RECORD_HEADER_BYTES + payloadLength;
        }
        return expectedId;
    }

    /**
     * Appends one batch and waits until it is durable.
     *
     * @param payload the messages encoded with {@link MessageCodec#encode}
     * @param messageCount how many messages {@code payload} holds; positive
     * @return the id of the first message of the batch
     * @throws IOException when the batch could not be made durable; it then has no ids and will not be replayed
     */
    public long append(byte[] payload, int messageCount) throws IOException {
        if (messageCount <= 0) {
            throw new IllegalArgumentException("messageCount must be positive: " + messageCount);
        }
        if (payload.length > SegmentFiles.MAX_PAYLOAD_BYTES - 4) {
            throw new LoupeException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "a batch of " + payload.length + " bytes exceeds the WAL record limit of " + SegmentFiles.MAX_PAYLOAD_BYTES);
        }
        PendingBatch batch = new PendingBatch(payload, messageCount, new CompletableFuture<>());
        synchronized (queueLock) {
            if (closed) {
                throw new IllegalStateException("the WAL in " + directory + " is closed");
            }
            queue.add(batch);
            queueLock.notifyAll();
        }
        try {
            return batch.firstId().join();
        } catch (CompletionException failure) {
            switch (failure.getCause()) {
                case IOException ioFailure -> throw new IOException(ioFailure.getMessage(), ioFailure);
                case RuntimeException runtimeFailure -> throw runtimeFailure;
                case Throwable other -> throw new IllegalStateException("WAL writer failed", other);
            }
        }
    }

    private void writeLoop() {
        while (true) {
            List<PendingBatch> group = new ArrayList<>();
            synchronized (queueLock) {
                while (queue.isEmpty() && !closed) {
                    try {
                        queueLock.wait();
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        failAll(new IllegalStateException("WAL writer interrupted"));
                        return;
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
                long groupBytes = 0;
                while (!queue.isEmpty() && (group.isEmpty() || groupBytes + queue.peek().payload().length <= options.maxGroupBytes())) {
                    PendingBatch batch = queue.poll();
                    groupBytes += batch.payload().length;
                    group.add(batch);
                }
            }
            writeGroup(group);
        }
    }

    private void failAll(RuntimeException failure) {
        synchronized (queueLock) {
            for (PendingBatch batch : queue) {
                batch.firstId().completeExceptionally(failure);
            }
            queue.clear();
        }
    }

    private void writeGroup(List<PendingBatch> group) {
        if (poisoned != null) {
            failGroup(group, new IOException("the WAL is unusable after an earlier fsync failure: " + poisoned.getMessage(), poisoned));
            return;
        }
        byte[][] parts = new byte[group.size()][];
        int partsLength = 0;
        int messageCount = 0;
        for (int index = 0; index < group.size(); index++) {
            parts[index] = group.get(index).payload();
            partsLength += parts[index].length;
            messageCount += group.get(index).messageCount();
        }
        ByteBuffer record = SegmentFiles.record(nextId, messageCount, parts, partsLength);
        long start = segmentSize;
        try {
            while (record.hasRemaining()) {
                channel.write(record, start + record.position());
            }
        } catch (IOException writeFailure) {
            rollBackWrite(start, writeFailure);
            failGroup(group, writeFailure);
            return;
        }
        try {
            channel.force(false);
        } catch (IOException syncFailure) {
            poisoned = syncFailure;
            failGroup(group, syncFailure);
            return;
        }
        segmentSize = start + record.limit();
        long firstId = nextId;
        nextId += messageCount;
        for (PendingBatch batch : group) {
            batch.firstId().complete(firstId);
            firstId += batch.messageCount();
        }
        if (segmentSize >= options.segmentSizeBytes()) {
            try {
                roll();
            } catch (IOException rollFailure) {
                poisoned = rollFailure;
                LOGGER.error("rolling the WAL in {} failed; further appends will fail", directory, rollFailure);
            }
        }
    }

    private void rollBackWrite(long start, IOException writeFailure) {
        try {
            channel.truncate(start);
        } catch (IOException truncateFailure) {
            writeFailure.addSuppressed(truncateFailure);
            poisoned = writeFailure;
        }
    }

    private static void failGroup(List<PendingBatch> group, Throwable failure) {
        for (PendingBatch batch : group) {
            batch.firstId().completeExceptionally(failure);
        }
    }

    private void roll() throws IOException {
        Path file = createSegment(directory, nextId);
        FileChannel previous = channel;
        channel = FileChannel.open(file, StandardOpenOption.WRITE);
        segmentSize = SegmentFiles.SEGMENT_HEADER_BYTES;
        segments.put(nextId, file);
        previous.close();
    }

    private static Path createSegment(Path directory, long firstId) throws IOException {
        Path file = directory.resolve(SegmentFiles.fileName(firstId));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer header = SegmentFiles.segmentHeader(firstId);
            while (header.hasRemaining()) {
                channel.write(header);
            }
            channel.force(true);
        }
        SegmentFiles.forceDirectory(directory);
        return file;
    }

    /**
     * Deletes every segment whose messages all have ids below {@code committedId} (they are in committed index
     * data). The current segment is never deleted.
     */
    public void deleteSegmentsBefore(long committedId) throws IOException {
        List<Map.Entry<Long, Path>> ordered = new ArrayList<>(segments.entrySet());
        boolean deleted = false;
        for (int index = 0; index + 1 < ordered.size() && ordered.get(index + 1).getKey() <= committedId; index++) {
            Files.deleteIfExists(ordered.get(index).getValue());
            segments.remove(ordered.get(index).getKey());
            deleted = true;
        }
        if (deleted) {
            SegmentFiles.forceDirectory(directory);
        }
    }

    /**
     * The id the next appended message will get. Only meaningful while no append is in flight, e.g. right after
     * {@link #open} and {@link #replay}.
     */
    public long nextId() {
        return nextId;
    }

    /** The number of segment files, for tests and metrics. */
    public int segmentCount() {
        return segments.size();
    }

    /** Stops the writer after the queued batches are written, and closes the current segment. */
    @Override
    public void close() throws IOException {
        synchronized (queueLock) {
            if (closed) {
                return;
            }
            closed = true;
            queueLock.notifyAll();
        }
        try {
            writer.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the WAL writer of " + directory, interrupted);
        }
        channel.close();
    }
}
