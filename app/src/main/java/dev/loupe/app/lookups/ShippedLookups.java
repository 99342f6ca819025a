package dev.loupe.app.lookups;

import dev.loupe.query.lookup.LookupCatalog;
import dev.loupe.query.lookup.VirtualTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The lookup tables a Loupe server answers queries with: {@code geo://location} ({@link GeoLocationTable}) and
 * {@code sumo://threat/cs} ({@link ThreatIntelStore}), from the shipped data plus what {@link LookupOptions}
 * configures. {@code asn://default} stays unregistered (no ASN data is shipped). Close it to stop the threat feed
 * refresh and release the city database.
 *
 * <pre>{@code
 * try (ShippedLookups lookups = ShippedLookups.open(LookupOptions.defaults())) {
 *     LogQueryEngine engine = new LogQueryEngine(store, lookups.catalog());
 * }
 * }</pre>
 */
public final class ShippedLookups implements AutoCloseable {
    private final GeoLocationTable geoLocation;
    private final ThreatIntelStore threats;
    private final ThreatFeedRefresher refresher;
    private final LookupCatalog catalog;

    private ShippedLookups(GeoLocationTable geoLocation, ThreatIntelStore threats, ThreatFeedRefresher refresher) {
        this.geoLocation = geoLocation;
        this.threats = threats;
        this.refresher = refresher;
        this.catalog = LookupCatalog.builder().add(VirtualTable.GEO_LOCATION, geoLocation)
                .add(VirtualTable.THREAT, threats).build();
    }

    /**
     * Builds the tables (the shipped data is read lazily, on first lookup), imports the configured threat files and
     * starts the threat feed refresh.
     *
     * @throws IllegalArgumentException when the city database or a threat file is missing or unreadable
     */
    public static ShippedLookups open(LookupOptions options) {
        GeoLocationTable geoLocation = options.cityDatabase() == null ? GeoLocationTable.shipped()
                : GeoLocationTable.withCityDatabase(options.cityDatabase());
        ThreatIntelStore threats = ThreatIntelStore.withShippedList();
        for (Path file : options.threatFiles()) {
            threats.importFile(file);
        }
        ThreatFeedRefresher refresher = null;
        if (options.threatFeed() != null) {
            refresher = new ThreatFeedRefresher(threats, options.threatFeed(), options.threatFeedInterval());
            refresher.start();
        }
        return new ShippedLookups(geoLocation, threats, refresher);
    }

    /**
     * A catalogue of the shipped data alone, with nothing to close: for servers and tests that take no options.
     */
    public static LookupCatalog shippedCatalog() {
        return shipped().catalog;
    }

    /** The shipped data alone (closing it is a no-op): what {@link #open} makes of {@link LookupOptions#defaults()}. */
    public static ShippedLookups shipped() {
        return new ShippedLookups(GeoLocationTable.shipped(), ThreatIntelStore.withShippedList(), null);
    }

    /** The notices the licences of the data in use ask to show with lookup results (the UI shows them). */
    public List<LookupAttribution> attributions() {
        return LookupAttribution.of(geoLocation.cityDatabaseType().orElse(null));
    }

    /** The threat feed refresh, or empty when no feed is configured. */
    public Optional<ThreatFeedRefresher> threatFeed() {
        return Optional.ofNullable(refresher);
    }

    /** The catalogue to pass to {@code new LogQueryEngine(store, catalog)}. */
    public LookupCatalog catalog() {
        return catalog;
    }

    public GeoLocationTable geoLocation() {
        return geoLocation;
    }

    public ThreatIntelStore threats() {
        return threats;
    }

    @Override
    public void close() {
        try {
            if (refresher != null) {
                refresher.close();
            }
        } finally {
            geoLocation.close();
        }
    }
}
