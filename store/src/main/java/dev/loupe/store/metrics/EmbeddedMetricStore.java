package dev.loupe.store.metrics;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.store.Checkpoint;
import dev.loupe.store.spi.metrics.MetricSample;
import dev.loupe.store.spi.metrics.MetricStore;
import dev.loupe.store.spi.metrics.PointsVisitor;
import dev.loupe.store.spi.metrics.SeriesMatcher;
import dev.loupe.store.spi.metrics.SeriesPoints;
import dev.loupe.store.spi.metrics.SeriesRollups;
import dev.loupe.store.spi.metrics.SeriesSelector;
import dev.loupe.store.wal.StorageFailures;
import dev.loupe.store.wal.WriteAheadLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * A {@link MetricStore} in one directory: series index, compressed chunks, WAL and hourly rollups. Thread-safe.
 * Only one process may have a directory open.
 *
 * <pre>
 * store.lock                    held while open
 * series.dat                    the series index ({@link SeriesRegistry})
 * checkpoint                    WAL id below which every sample is in chunk files
 * wal/                          the log store's WriteAheadLog format; a record's payload is {@link SampleCodec} samples
 * chunks/DDDDDDDD-WWW.raw       Gorilla chunks of one UTC day, written by the flush that ended at WAL id WWW
 * chunks/DDDDDDDD-WWW.rollup    hourly avg/min/max/sum/count of the same points
 * </pre>
 *
 * <p>Appends go to the WAL (group commit, fsync) and then to per-series in-memory buffers; {@code append} returns
 * after both. A rollup bucket is always computed from every point of its hour, so a later flush touching the hour
 * rewrites it whole and a read takes the newest. A flush (when the buffers hold {@link MetricStoreOptions#flushPoints()} points, and on close) sorts each buffer, writes
 * one raw and one rollup file per UTC day, fsyncs them, writes the checkpoint and deletes WAL segments below it.
 * Opening replays the WAL from the checkpoint; replay is idempotent (a point replaces the point of the same series
 * and time) and the checkpoint makes it exactly once. Reads merge chunk files (oldest flush first) and the buffers;
 * a later point for the same time wins.
 */
public final class EmbeddedMetricStore implements MetricStore {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 86_400_000L;

    private final Path directory;
    private final Path chunkDirectory;
    private final MetricStoreOptions options;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final SeriesRegistry registry;
    private WriteAheadLog wal;
    private final ReentrantReadWriteLock applyLock = new ReentrantReadWriteLock();
    private final Object memoryLock = new Object();
    private final List<OpenSeries> open = new ArrayList<>();
    private final List<List<ChunkFile.Entry>> rawEntries = new ArrayList<>();
    private final List<List<ChunkFile.Entry>> rollupEntries = new ArrayList<>();
    private final TreeMap<String, ChunkFile.Loaded> files = new TreeMap<>();
    private final Map<Path, MappedByteBuffer> mappings = new HashMap<>();
    /** Reused by reads (under {@code memoryLock}): the points of the series being read. */
    private long[] scratchTimestamps = new long[0];
    private double[] scratchValues = new double[0];
    private long openPoints;
    private long newestTimestamp = Long.MIN_VALUE;
    private boolean closed;

    /** The buffered, unsealed points of one series, in arrival order. */
    private static final class OpenSeries {
        long[] timestamps = new long[8];
        double[] values = new double[8];
        int size;

        void add(long timestamp, double value) {
            if (size == timestamps.length) {
                timestamps = Arrays.copyOf(timestamps, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            timestamps[size] = timestamp;
            values[size] = value;
            size++;
        }
    }

    private EmbeddedMetricStore(Path directory, MetricStoreOptions options, FileChannel lockChannel, FileLock lock, SeriesRegistry registry) {
        this.directory = directory;
        this.chunkDirectory = directory.resolve("chunks");
        this.options = options;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.registry = registry;
    }

    /** Opens (creating if needed) the store in {@code directory} with the default options, replaying its WAL. */
    public static EmbeddedMetricStore open(Path directory) {
        return open(directory, MetricStoreOptions.defaults());
    }

    /**
     * Opens (creating if needed) the store in {@code directory}, replaying its WAL.
     *
     * @throws LoupeException {@code STORE_IN_USE} when another process has it open, {@code CORRUPT_DATA} when a file
     *     is damaged, {@code STORAGE_FAILURE} on I/O errors
     */
    public static EmbeddedMetricStore open(Path directory, MetricStoreOptions options) {
        try {
            Files.createDirectories(directory.resolve("chunks"));
            FileChannel lockChannel = FileChannel.open(directory.resolve("store.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException alreadyLocked) {
                lock = null;
            }
            if (lock == null) {
                lockChannel.close();
                throw new LoupeException(ErrorCode.STORE_IN_USE, "the metric store in " + directory + " is open in another process");
            }
            EmbeddedMetricStore store = new EmbeddedMetricStore(directory, options, lockChannel, lock,
                    SeriesRegistry.open(directory.resolve("series.dat")));
            store.recover();
            return store;
        } catch (IOException failure) {
            throw StorageFailures.translate(failure, "opening the metric store in " + directory);
        } catch (UncheckedIOException failure) {
            throw StorageFailures.translate(failure.getCause(), "replaying the metric WAL in " + directory);
        }
    }

    private void recover() throws IOException {
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(chunkDirectory)) {
            for (Path file : listing) {
                String name = file.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.delete(file);
                } else {
                    ChunkFile.Loaded loaded = ChunkFile.load(file);
                    files.put(name, loaded);
                }
            }
        }
        for (ChunkFile.Loaded loaded : files.values()) {
            index(loaded);
        }
        long checkpoint = Checkpoint.read(directory);
        wal = WriteAheadLog.open(directory.resolve("wal"), WriteAheadLog.Options.defaults(), checkpoint);
        wal.replayPayloads(checkpoint, (firstId, count, payload, location) -> {
            try {
                apply(SampleCodec.decode(payload, count, location));
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        });
    }

    private void index(ChunkFile.Loaded loaded) {
        List<List<ChunkFile.Entry>> target = loaded.raw() ? rawEntries : rollupEntries;
        for (ChunkFile.Entry entry : loaded.entries()) {
            while (target.size() <= entry.seriesId()) {
                target.add(new ArrayList<>());
            }
            target.get(entry.seriesId()).add(entry);
        }
        for (ChunkFile.Entry entry : loaded.entries()) {
            newestTimestamp = Math.max(newestTimestamp, entry.maxTime());
        }
    }

    @Override
    public void append(List<MetricSample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        byte[] payload = SampleCodec.encode(samples);
        boolean flush;
        applyLock.readLock().lock();
        try {
            checkOpen();
            wal.append(payload, samples.size());
            synchronized (memoryLock) {
                apply(samples);
                flush = openPoints >= options.flushPoints();
            }
        } catch (IOException failure) {
            throw StorageFailures.translate(failure, "appending metric samples");
        } finally {
            applyLock.readLock().unlock();
        }
        if (flush) {
            flush();
        }
    }

    private void apply(List<MetricSample> samples) throws IOException {
        synchronized (memoryLock) {
            for (MetricSample sample : samples) {
                SeriesRegistry.Series series = registry.resolve(sample.tags(), sample.metadata());
                while (open.size() <= series.id) {
                    open.add(null);
                }
                OpenSeries buffer = open.get(series.id);
                if (buffer == null) {
                    buffer = new OpenSeries();
                    open.set(series.id, buffer);
                }
                buffer.add(sample.timestampMillis(), sample.value());
                newestTimestamp = Math.max(newestTimestamp, sample.timestampMillis());
                openPoints++;
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "the metric store in " + directory + " is closed");
        }
    }

    /** Seals every buffered point into chunk files and moves the checkpoint past them. */
    public void flush() {
        applyLock.writeLock().lock();
        try {
            synchronized (memoryLock) {
                if (openPoints == 0) {
                    return;
                }
                registry.sync();
                long walEnd = wal.nextId();
                Map<Long, DayFiles> days = new TreeMap<>();
                for (int seriesId = 0; seriesId < open.size(); seriesId++) {
                    OpenSeries buffer = open.get(seriesId);
                    if (buffer == null || buffer.size == 0) {
                        continue;
                    }
                    SortedPoints points = SortedPoints.of(buffer.timestamps, buffer.values, buffer.size);
                    SortedPoints hours = touchedHours(seriesId, points);
                    int start = 0;
                    int hourStart = 0;
                    while (start < points.size()) {
                        long day = Math.floorDiv(points.timestamps()[start], DAY);
                        int end = start;
                        while (end < points.size() && Math.floorDiv(points.timestamps()[end], DAY) == day) {
                            end++;
                        }
                        int hourEnd = hourStart;
                        while (hourEnd < hours.size() && Math.floorDiv(hours.timestamps()[hourEnd], DAY) == day) {
                            hourEnd++;
                        }
                        days.computeIfAbsent(day, ignored -> new DayFiles()).add(seriesId, points, start, end, hours, hourStart, hourEnd,
                                options.chunkPoints());
                        start = end;
                        hourStart = hourEnd;
                    }
                }
                for (Map.Entry<Long, DayFiles> day : days.entrySet()) {
                    for (boolean raw : new boolean[] {true, false}) {
                        DayFiles content = day.getValue();
                        Path file = ChunkFile.write(chunkDirectory, day.getKey(), walEnd, raw,
                                (raw ? content.raw : content.rollups).toByteArray(), raw ? content.rawCount : content.rollupCount);
                        ChunkFile.Loaded loaded = ChunkFile.load(file);
                        files.put(file.getFileName().toString(), loaded);
                        index(loaded);
                    }
                }
                try (FileChannel directoryChannel = FileChannel.open(chunkDirectory, StandardOpenOption.READ)) {
                    directoryChannel.force(true);
                }
                Checkpoint.write(directory, walEnd);
                wal.deleteSegmentsBefore(walEnd);
                open.clear();
                openPoints = 0;
                enforceRetentionLocked(newestTimestamp);
            }
        } catch (IOException failure) {
            throw StorageFailures.translate(failure, "flushing metric chunks");
        } finally {
            applyLock.writeLock().unlock();
        }
    }

    /** The raw and rollup entries of one UTC day, being written by a flush. */
    private static final class DayFiles {
        final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        final ByteArrayOutputStream rollups = new ByteArrayOutputStream();
        int rawCount;
        int rollupCount;

        /**
         * Adds the raw chunks of {@code points[from, to)} and the rollups of {@code hours[hourFrom, hourTo)}: every
         * point (sealed or new) of the hours the new points touch, so a rollup bucket written later replaces the
         * earlier one whole.
         */
        void add(int seriesId, SortedPoints points, int from, int to, SortedPoints hours, int hourFrom, int hourTo, int chunkPoints) {
            for (int start = from; start < to; start += chunkPoints) {
                int end = Math.min(to, start + chunkPoints);
                byte[] encoded = GorillaCodec.encode(points.timestamps(), points.values(), start, end);
                ByteBuffer header = ByteBuffer.allocate(28);
                header.putInt(seriesId).putInt(end - start).putLong(points.timestamps()[start]).putLong(points.timestamps()[end - 1]).putInt(encoded.length);
                raw.writeBytes(header.array());
                raw.writeBytes(encoded);
                rawCount++;
            }
            ByteBuffer buckets = ByteBuffer.allocate(8 + (hourTo - hourFrom) * ChunkFile.ROLLUP_BUCKET_BYTES);
            buckets.putInt(seriesId).putInt(0);
            int bucketCount = 0;
            int start = hourFrom;
            while (start < hourTo) {
                long bucket = Math.floorDiv(hours.timestamps()[start], HOUR) * HOUR;
                double sum = 0;
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                int end = start;
                while (end < hourTo && hours.timestamps()[end] < bucket + HOUR) {
                    sum += hours.values()[end];
                    min = Math.min(min, hours.values()[end]);
                    max = Math.max(max, hours.values()[end]);
                    end++;
                }
                buckets.putLong(bucket).putLong(end - start).putDouble(sum).putDouble(min).putDouble(max);
                bucketCount++;
                start = end;
            }
            buckets.putInt(4, bucketCount);
            rollups.write(buckets.array(), 0, buckets.position());
            rollupCount++;
        }
    }

    /** Every point (sealed and buffered, deduplicated) of the hours that {@code points} fall in. */
    private SortedPoints touchedHours(int seriesId, SortedPoints points) {
        if (points.size() == 0) {
            return points;
        }
        long first = Math.floorDiv(points.timestamps()[0], HOUR) * HOUR;
        long last = Math.floorDiv(points.timestamps()[points.size() - 1], HOUR) * HOUR;
        SortedPoints all = points(seriesId, new TimeRange(first, last + HOUR));
        long[] timestamps = new long[all.size()];
        double[] values = new double[all.size()];
        int size = 0;
        int next = 0;
        for (int index = 0; index < all.size(); index++) {
            long hour = Math.floorDiv(all.timestamps()[index], HOUR) * HOUR;
            while (next < points.size() && Math.floorDiv(points.timestamps()[next], HOUR) * HOUR < hour) {
                next++;
            }
            if (next < points.size() && Math.floorDiv(points.timestamps()[next], HOUR) * HOUR == hour) {
                timestamps[size] = all.timestamps()[index];
                values[size] = all.values()[index];
                size++;
            }
        }
        return new SortedPoints(Arrays.copyOf(timestamps, size), Arrays.copyOf(values, size));
    }

    @Override
    public void read(SeriesSelector selector, TimeRange range, long resolutionMillis, int seriesLimit, Consumer<SeriesPoints> consumer) {
        visit(selector, range, seriesLimit, (tags, metadata, timestamps, values, size) ->
                consumer.accept(new SeriesPoints(tags, metadata, Arrays.copyOf(timestamps, size), Arrays.copyOf(values, size))));
    }

    /** Reuses one pair of arrays for every series; see {@link PointsVisitor}. */
    @Override
    public void visit(SeriesSelector selector, TimeRange range, int seriesLimit, PointsVisitor visitor) {
        synchronized (memoryLock) {
            checkOpen();
            int selected = 0;
            for (SeriesRegistry.Series series : candidates(selector)) {
                if (!SeriesMatcher.matches(selector, series.tags, series.metadata)) {
                    continue;
                }
                int size = gather(series.id, range);
                if (size == 0) {
                    continue;
                }
                if (++selected > seriesLimit) {
                    throw new LoupeException(ErrorCode.QUERY_LIMIT_EXCEEDED, "the selector matches more than " + seriesLimit + " series");
                }
                visitor.visit(series.tags, series.metadata, scratchTimestamps, scratchValues, size);
            }
        }
    }

    /** Series that may match: those with the selector's literal {@code metric} when it has one, else all. */
    private List<SeriesRegistry.Series> candidates(SeriesSelector selector) {
        String metric = literalMetric(selector);
        return metric == null ? registry.all() : registry.withMetric(metric);
    }

    private static String literalMetric(SeriesSelector selector) {
        return switch (selector) {
            case SeriesSelector.TagMatch match -> match.key().equalsIgnoreCase(MetricSample.METRIC) && match.pattern().indexOf('*') < 0
                    ? match.pattern() : null;
            case SeriesSelector.And and -> {
                for (SeriesSelector operand : and.operands()) {
                    String metric = literalMetric(operand);
                    if (metric != null) {
                        yield metric;
                    }
                }
                yield null;
            }
            case SeriesSelector.All all -> null;
            case SeriesSelector.AnyTagValue any -> null;
            case SeriesSelector.Or or -> null;
            case SeriesSelector.Not not -> null;
        };
    }

    private SortedPoints points(int seriesId, TimeRange range) {
        int size = gather(seriesId, range);
        return new SortedPoints(Arrays.copyOf(scratchTimestamps, size), Arrays.copyOf(scratchValues, size));
    }

    /**
     * Puts the points of a series in {@code range} into the scratch arrays, sorted and deduplicated (a later point
     * for the same time wins), and returns how many. Decodes only the chunks overlapping the range, and each only up
     * to the range's end; chunks of one flush hold increasing times, so the usual result (flushes in time order, then
     * the buffer) is already sorted and needs no copy.
     */
    private int gather(int seriesId, TimeRange range) {
        long from = range.fromMillis();
        long to = range.toMillis();
        int size = 0;
        if (seriesId < rawEntries.size()) {
            List<ChunkFile.Entry> entries = rawEntries.get(seriesId);
            for (int index = 0; index < entries.size(); index++) {
                ChunkFile.Entry entry = entries.get(index);
                if (entry.maxTime() < from || entry.minTime() >= to) {
                    continue;
                }
                ensureScratch(size + entry.count());
                int decoded = GorillaCodec.decode(mapping(entry.file()), Math.toIntExact(entry.offset()), entry.count(), scratchTimestamps,
                        scratchValues, size, to);
                if (entry.minTime() < from) {
                    decoded = keepFrom(size, decoded, from);
                }
                size += decoded;
            }
        }
        OpenSeries buffer = seriesId < open.size() ? open.get(seriesId) : null;
        if (buffer != null && buffer.size > 0) {
            ensureScratch(size + buffer.size);
            for (int index = 0; index < buffer.size; index++) {
                long timestamp = buffer.timestamps[index];
                if (timestamp >= from && timestamp < to) {
                    scratchTimestamps[size] = timestamp;
                    scratchValues[size] = buffer.values[index];
                    size++;
                }
            }
        }
        for (int index = 1; index < size; index++) {
            if (scratchTimestamps[index] <= scratchTimestamps[index - 1]) {
                SortedPoints sorted = SortedPoints.of(scratchTimestamps, scratchValues, size);
                System.arraycopy(sorted.timestamps(), 0, scratchTimestamps, 0, sorted.size());
                System.arraycopy(sorted.values(), 0, scratchValues, 0, sorted.size());
                return sorted.size();
            }
        }
        return size;
    }

    /** Moves the points of {@code scratch[start, start + count)} at or after {@code from} to {@code start}; returns how many. */
    private int keepFrom(int start, int count, long from) {
        int kept = 0;
        for (int index = start; index < start + count; index++) {
            if (scratchTimestamps[index] >= from) {
                scratchTimestamps[start + kept] = scratchTimestamps[index];
                scratchValues[start + kept] = scratchValues[index];
                kept++;
            }
        }
        return kept;
    }

    private void ensureScratch(int capacity) {
        if (capacity > scratchTimestamps.length) {
            int length = Math.max(capacity, scratchTimestamps.length * 2);
            scratchTimestamps = Arrays.copyOf(scratchTimestamps, length);
            scratchValues = Arrays.copyOf(scratchValues, length);
        }
    }

    /** The chunk file mapped read-only; chunk files never change once written. */
    private MappedByteBuffer mapping(Path file) {
        MappedByteBuffer mapped = mappings.get(file);
        if (mapped == null) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            } catch (IOException failure) {
                throw StorageFailures.translate(failure, "reading metric chunks");
            }
            mappings.put(file, mapped);
        }
        return mapped;
    }

    private byte[] readBytes(ChunkFile.Entry entry) {
        MappedByteBuffer mapped = mapping(entry.file());
        if (entry.offset() + entry.length() > mapped.limit()) {
            throw ChunkFile.corrupt(entry.file(), "ends inside an entry");
        }
        byte[] bytes = new byte[entry.length()];
        mapped.get(Math.toIntExact(entry.offset()), bytes);
        return bytes;
    }

    @Override
    public long rollupMillis() {
        return HOUR;
    }

    @Override
    public void readRollups(SeriesSelector selector, TimeRange range, int seriesLimit, Consumer<SeriesRollups> consumer) {
        long from = range.fromMillis() == Long.MIN_VALUE ? Long.MIN_VALUE : Math.floorDiv(range.fromMillis(), HOUR) * HOUR;
        long to = range.toMillis() == Long.MAX_VALUE ? Long.MAX_VALUE : Math.floorDiv(range.toMillis() + HOUR - 1, HOUR) * HOUR;
        synchronized (memoryLock) {
            checkOpen();
            int selected = 0;
            for (SeriesRegistry.Series series : candidates(selector)) {
                if (!SeriesMatcher.matches(selector, series.tags, series.metadata)) {
                    continue;
                }
                SeriesRollups rollups = rollups(series, from, to);
                if (rollups.bucketStarts().length == 0) {
                    continue;
                }
                if (++selected > seriesLimit) {
                    throw new LoupeException(ErrorCode.QUERY_LIMIT_EXCEEDED, "the selector matches more than " + seriesLimit + " series");
                }
                consumer.accept(rollups);
            }
        }
    }

    private SeriesRollups rollups(SeriesRegistry.Series series, long from, long to) {
        TreeMap<Long, double[]> buckets = new TreeMap<>();
        if (series.id < rollupEntries.size()) {
            for (ChunkFile.Entry entry : rollupEntries.get(series.id)) {
                if (entry.maxTime() < from || entry.minTime() >= to) {
                    continue;
                }
                ByteBuffer bytes = ByteBuffer.wrap(readBytes(entry));
                for (int index = 0; index < entry.count(); index++) {
                    long start = bytes.getLong();
                    buckets.remove(start);
                    merge(buckets, start, bytes.getLong(), bytes.getDouble(), bytes.getDouble(), bytes.getDouble(), from, to);
                }
            }
        }
        OpenSeries buffer = series.id < open.size() ? open.get(series.id) : null;
        if (buffer != null && buffer.size > 0) {
            SortedPoints hours = touchedHours(series.id, SortedPoints.of(buffer.timestamps, buffer.values, buffer.size));
            long replaced = Long.MIN_VALUE;
            for (int index = 0; index < hours.size(); index++) {
                long hour = Math.floorDiv(hours.timestamps()[index], HOUR) * HOUR;
                if (hour != replaced) {
                    buckets.remove(hour);
                    replaced = hour;
                }
                double value = hours.values()[index];
                merge(buckets, hour, 1, value, value, value, from, to);
            }
        }
        int size = buckets.size();
        long[] starts = new long[size];
        long[] counts = new long[size];
        double[] sums = new double[size];
        double[] mins = new double[size];
        double[] maxes = new double[size];
        int position = 0;
        for (Map.Entry<Long, double[]> bucket : buckets.entrySet()) {
            starts[position] = bucket.getKey();
            counts[position] = (long) bucket.getValue()[0];
            sums[position] = bucket.getValue()[1];
            mins[position] = bucket.getValue()[2];
            maxes[position] = bucket.getValue()[3];
            position++;
        }
        return new SeriesRollups(series.tags, series.metadata, HOUR, starts, counts, sums, mins, maxes);
    }

    private static void merge(TreeMap<Long, double[]> buckets, long start, long count, double sum, double min, double max, long from, long to) {
        if (start < from || start >= to) {
            return;
        }
        double[] bucket = buckets.computeIfAbsent(start, ignored -> new double[] {0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
        bucket[0] += count;
        bucket[1] += sum;
        bucket[2] = Math.min(bucket[2], min);
        bucket[3] = Math.max(bucket[3], max);
    }

    /**
     * Deletes the raw chunk files of UTC days that ended before {@code nowMillis - rawRetention}, and the rollup
     * files of days that ended before {@code nowMillis - rollupRetention}. Runs after every flush with the newest
     * point's time as now; tests call it directly.
     */
    public void enforceRetention(long nowMillis) {
        applyLock.writeLock().lock();
        try {
            synchronized (memoryLock) {
                enforceRetentionLocked(nowMillis);
            }
        } catch (IOException failure) {
            throw StorageFailures.translate(failure, "deleting expired metric chunks");
        } finally {
            applyLock.writeLock().unlock();
        }
    }

    private void enforceRetentionLocked(long nowMillis) throws IOException {
        long rawCutoff = nowMillis - options.rawRetention().toMillis();
        long rollupCutoff = nowMillis - options.rollupRetention().toMillis();
        List<String> expired = new ArrayList<>();
        for (ChunkFile.Loaded loaded : files.values()) {
            long dayEnd = (loaded.epochDay() + 1) * DAY;
            if (dayEnd <= (loaded.raw() ? rawCutoff : rollupCutoff)) {
                expired.add(loaded.file().getFileName().toString());
            }
        }
        for (String name : expired) {
            ChunkFile.Loaded loaded = files.remove(name);
            mappings.remove(loaded.file());
            for (List<ChunkFile.Entry> entries : loaded.raw() ? rawEntries : rollupEntries) {
                entries.removeIf(entry -> entry.file().equals(loaded.file()));
            }
            Files.delete(loaded.file());
        }
    }

    /** Sizes for benchmarks: series, points held, and bytes of sealed raw chunk files. */
    public StorageStatistics statistics() {
        synchronized (memoryLock) {
            long chunkBytes = 0;
            long sealed = 0;
            for (ChunkFile.Loaded loaded : files.values()) {
                if (loaded.raw()) {
                    chunkBytes += loaded.sizeBytes();
                    for (ChunkFile.Entry entry : loaded.entries()) {
                        sealed += entry.count();
                    }
                }
            }
            return new StorageStatistics(registry.size(), sealed + openPoints, chunkBytes, sealed);
        }
    }

    /**
     * Points and bytes of the store.
     *
     * @param seriesCount the number of series
     * @param pointCount raw points held (sealed and buffered)
     * @param chunkBytes bytes of sealed raw chunk files (headers, entry headers and footers included)
     * @param sealedPointCount raw points in sealed chunks
     */
    public record StorageStatistics(long seriesCount, long pointCount, long chunkBytes, long sealedPointCount) {
        /** Bytes per sealed point, NaN when nothing is sealed. */
        public double bytesPerPoint() {
            return sealedPointCount == 0 ? Double.NaN : (double) chunkBytes / sealedPointCount;
        }
    }

    /** Flushes the buffers, then closes the WAL, the files and the lock. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        flush();
        applyLock.writeLock().lock();
        try {
            synchronized (memoryLock) {
                closed = true;
                wal.close();
                mappings.clear();
                registry.close();
                lock.release();
                lockChannel.close();
            }
        } catch (IOException failure) {
            throw StorageFailures.translate(failure, "closing the metric store");
        } finally {
            applyLock.writeLock().unlock();
        }
    }
}
