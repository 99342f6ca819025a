package dev.loupe.app.lookups;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How an operator configures the lookup data.
 *
 * @param cityDatabase a MaxMind-format city database for {@code geo://location} (DB-IP Lite City: attribution
 *     "IP Geolocation by DB-IP" with a link to db-ip.com is then required), or null for country precision
 * @param threatFiles CSV or STIX 2.1 files imported into {@code sumo://threat/cs} at start
 * @param threatFeed a URL to refresh threat indicators from, or null
 * @param threatFeedInterval the delay between refreshes of {@code threatFeed}
 */
public record LookupOptions(Path cityDatabase, List<Path> threatFiles, URI threatFeed,
        Duration threatFeedInterval) {
    /** Daily, as Sumo refreshes its threat database. */
    public static final Duration DEFAULT_THREAT_FEED_INTERVAL = Duration.ofHours(24);

    public LookupOptions {
        threatFiles = List.copyOf(threatFiles);
        requireNonNull(threatFeedInterval, "threatFeedInterval is null");
    }

    /** Only the shipped data. */
    public static LookupOptions defaults() {
        return new LookupOptions(null, List.of(), null, DEFAULT_THREAT_FEED_INTERVAL);
    }
}
