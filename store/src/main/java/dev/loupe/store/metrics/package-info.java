/**
 * The embedded metric store: {@link dev.loupe.store.metrics.EmbeddedMetricStore}, a series index, Gorilla-compressed
 * chunks per series, a write-ahead log shared in format with the log store's, and hourly rollups.
 */
package dev.loupe.store.metrics;
