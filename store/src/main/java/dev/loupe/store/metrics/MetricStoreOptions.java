package dev.loupe.store.metrics;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Settings of an {@link EmbeddedMetricStore}.
 *
 * @param rawRetention how long raw points are kept, measured from the newest point the store has seen back to a
 *     chunk's last point (Sumo: 30 days)
 * @param rollupRetention how long hourly rollups are kept (Sumo: 13 months); at least {@code rawRetention}
 * @param chunkPoints the most points in one Gorilla chunk (a read decodes whole chunks)
 * @param flushPoints buffered points (all series together) past which an append seals them into chunk files
 */
public record MetricStoreOptions(Duration rawRetention, Duration rollupRetention, int chunkPoints, int flushPoints) {
    public MetricStoreOptions {
        requireNonNull(rawRetention, "rawRetention is null");
        requireNonNull(rollupRetention, "rollupRetention is null");
        if (rawRetention.isNegative() || rawRetention.isZero() || rollupRetention.compareTo(rawRetention) < 0) {
            throw new IllegalArgumentException("retentions must be positive, rollups at least as long as raw points: "
                    + rawRetention + ", " + rollupRetention);
        }
        if (chunkPoints < 2 || flushPoints < 1) {
            throw new IllegalArgumentException("chunkPoints must be at least 2 and flushPoints positive: " + chunkPoints + ", " + flushPoints);
        }
    }

    /** 30 days of raw points, 400 days of hourly rollups, 720-point chunks (12 hours at one point a minute), flush at 2,000,000 points. */
    public static MetricStoreOptions defaults() {
        return new MetricStoreOptions(Duration.ofDays(30), Duration.ofDays(400), 720, 2_000_000);
    }
}
