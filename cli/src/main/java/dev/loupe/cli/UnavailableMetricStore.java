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
 * The metric store of a build whose embedded metric store is not finished: every append and read fails with
 * {@code STORAGE_FAILURE} saying so, so metric requests get a clear 500 and logs keep working.
 * TODO(issue 4): replaced by {@code EmbeddedMetricStore} in {@code <data>/metrics} when its bodies land.
 */
final class UnavailableMetricStore implements MetricStore {
    private static LoupeException unavailable() {
        return new LoupeException(ErrorCode.STORAGE_FAILURE, "metric storage is not available in this build yet");
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
