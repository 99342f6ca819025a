package dev.loupe.store.metrics;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.store.spi.metrics.MetricSample;
import dev.loupe.store.spi.metrics.MetricStore;
import dev.loupe.store.spi.metrics.SeriesPoints;
import dev.loupe.store.spi.metrics.SeriesRollups;
import dev.loupe.store.spi.metrics.SeriesSelector;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link MetricStore} in one directory: series index, compressed chunks, WAL and hourly rollups. Thread-safe.
 * Only one process may have a directory open.
 */
public final class EmbeddedMetricStore implements MetricStore {

    private EmbeddedMetricStore() {}

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
        throw new LoupeException(ErrorCode.INTERNAL, "not implemented yet");
    }

    @Override
    public void append(List<MetricSample> samples) {
        throw new LoupeException(ErrorCode.INTERNAL, "not implemented yet");
    }

    @Override
    public void read(SeriesSelector selector, TimeRange range, long resolutionMillis, int seriesLimit, Consumer<SeriesPoints> consumer) {
        throw new LoupeException(ErrorCode.INTERNAL, "not implemented yet");
    }

    @Override
    public long rollupMillis() {
        return 3_600_000L;
    }

    @Override
    public void readRollups(SeriesSelector selector, TimeRange range, int seriesLimit, Consumer<SeriesRollups> consumer) {
        throw new LoupeException(ErrorCode.INTERNAL, "not implemented yet");
    }

    /**
     * Deletes raw chunks and rollups older than the retention, measured back from {@code nowMillis}. Runs on its own
     * once an hour; tests call it directly.
     */
    public void enforceRetention(long nowMillis) {
        throw new LoupeException(ErrorCode.INTERNAL, "not implemented yet");
    }

    /** Sizes for benchmarks: points stored and bytes on disk in sealed chunks. */
    public StorageStatistics statistics() {
        throw new LoupeException(ErrorCode.INTERNAL, "not implemented yet");
    }

    /**
     * Points and bytes of the store.
     *
     * @param seriesCount the number of series
     * @param pointCount raw points held (sealed and open chunks)
     * @param chunkBytes bytes of sealed raw chunk files (headers, footers and index included)
     * @param sealedPointCount raw points in sealed chunks
     */
    public record StorageStatistics(long seriesCount, long pointCount, long chunkBytes, long sealedPointCount) {
        /** Bytes per sealed point, NaN when nothing is sealed. */
        public double bytesPerPoint() {
            return sealedPointCount == 0 ? Double.NaN : (double) chunkBytes / sealedPointCount;
        }
    }

    @Override
    public void close() {}
}
