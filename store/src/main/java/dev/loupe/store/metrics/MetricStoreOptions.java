package dev.loupe.store.metrics;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Settings of an {@link EmbeddedMetricStore}.
 *
 * @param rawRetention how long raw points are kept, measured from the newest point the store has seen back to a
 *     chunk's last point (Sumo: 30 days)
 * @param rollupRetention how long hourly rollups are kept (Sumo: 13 months); at least {@code rawRetention}
 * @param chunkPoints the most points a series keeps in its open (in-memory) chunk before sealing it to disk
 */
public record MetricStoreOptions(Duration rawRetention, Duration rollupRetention, int chunkPoints) {
    public MetricStoreOptions {
        requireNonNull(rawRetention, "rawRetention is null");
        requireNonNull(rollupRetention, "rollupRetention is null");
        if (rawRetention.isNegative() || rawRetention.isZero() || rollupRetention.compareTo(rawRetention) < 0) {
            throw new IllegalArgumentException("retentions must be positive, rollups at least as long as raw points: "
                    + rawRetention + ", " + rollupRetention);
        }
        if (chunkPoints < 2) {
            throw new IllegalArgumentException("chunkPoints must be at least 2: " + chunkPoints);
        }
    }

    /** 30 days of raw points, 400 days of hourly rollups, 120-point chunks (two hours at one point a minute). */
    public static MetricStoreOptions defaults() {
        return new MetricStoreOptions(Duration.ofDays(30), Duration.ofDays(400), 120);
    }
}
