/**
 * Loupe's stores on an OpenSearch 3.x cluster, for deployments that outgrow one machine: {@link
 * dev.loupe.store.opensearch.OpenSearchLogStore} implements the store SPI's {@link dev.loupe.store.spi.LogStore}
 * and {@link dev.loupe.store.opensearch.OpenSearchMetricStore} its {@link dev.loupe.store.spi.metrics.MetricStore}
 * over daily indices, so several stateless Loupe servers can share one cluster. The REST API is spoken with the
 * JDK's HTTP client and Jackson ({@code OpenSearchConnection}); {@link dev.loupe.store.opensearch.OpenSearchSettings}
 * says where the cluster is.
 *
 * <p>Semantics are the reference's ({@link dev.loupe.store.spi.KeywordMatcher}): Loupe tokenises and lower-cases
 * {@code _raw} itself ({@link dev.loupe.store.spi.KeywordTokenizer}) and sends the terms, so the index holds exactly
 * Sumo's terms; queries are never narrower than the reference, and hits they cannot decide exactly are checked.
 */
package dev.loupe.store.opensearch;
