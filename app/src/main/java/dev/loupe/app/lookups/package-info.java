/**
 * The data behind the built-in lookup tables the AWS API Gateway app queries: {@code geo://location} and
 * {@code sumo://threat/cs} (also {@code threatip} and {@code threatlookup}).
 *
 * <p>{@link dev.loupe.app.lookups.ShippedLookups} builds a {@link dev.loupe.query.lookup.LookupCatalog} that
 * registers {@link dev.loupe.app.lookups.GeoLocationTable} (country of an IPv4 address from the shipped CC0 range
 * table, country-centroid coordinates; city precision from an operator-configured MaxMind-format database) and
 * {@link dev.loupe.app.lookups.ThreatIntelStore} (the shipped public-domain IPsum list, CSV and STIX 2.1 imports,
 * refreshed from a URL by {@link dev.loupe.app.lookups.ThreatFeedRefresher}). The shipped data and its licences are
 * resources of this package ({@code geo/}, {@code threat/}; see {@code ATTRIBUTION.md} there).
 */
package dev.loupe.app.lookups;
