/**
 * The contract between the metrics query engine and metrics storage: samples in (tagged, timestamped values),
 * series out (their tags and their points in a time range), selected by a {@link
 * dev.loupe.store.spi.metrics.SeriesSelector} whose meaning {@link dev.loupe.store.spi.metrics.SeriesMatcher}
 * defines once for every implementation.
 *
 * <p>A series is identified by its intrinsic tags, {@code metric} among them (Sumo's metric name is the tag
 * {@code metric}). Tag keys are matched case-insensitively and so are values, as Sumo's metrics selectors are.
 */
package dev.loupe.store.spi.metrics;
