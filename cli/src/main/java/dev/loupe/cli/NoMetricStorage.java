package dev.loupe.cli;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.store.spi.metrics.MetricSample;
import dev.loupe.store.spi.metrics.MetricStore;
import dev.loupe.store.spi.metrics.SeriesPoints;
import dev.loupe.store.spi.metrics.SeriesSelector;
import java.util.List;
import java.util.function.Consumer;

/**
 * A metric store for commands that never read or write points ({@code loupe check}, which only parses): every
 * append and read fails with {@code INTERNAL}, which would be a bug in the caller.
 */
final class NoMetricStorage implements MetricStore {
    private static LoupeException unavailable() {
        return new LoupeException(ErrorCode.INTERNAL, "this command has no metric storage");
    }

    @Override
    public void append(List<MetricSample> samples) {
        throw unavailable();
    }

    @Override
    public void read(SeriesSelector selector, TimeRange range, long resolutionMillis, int seriesLimit,
            Consumer<SeriesPoints> consumer) {
        throw unavailable();
    }

    @Override
    public void close() {}
}
