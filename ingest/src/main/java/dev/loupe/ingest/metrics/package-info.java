/**
 * Metrics ingest: turns what metric clients send into {@link dev.loupe.store.spi.metrics.MetricSample}s.
 *
 * <ul>
 *   <li>{@link dev.loupe.ingest.metrics.MetricPayloadDecoder}: HTTP Source bodies in the three Sumo text formats
 *       ({@link dev.loupe.ingest.metrics.MetricFormat}): Graphite ({@code path value [time]}, the whole path is
 *       the {@code metric} tag), Carbon 2.0 (intrinsic tags, two spaces, meta tags, value, time) and Prometheus
 *       exposition text. One line is one point; bad lines are rejected one by one with a reason.
 *   <li>{@link dev.loupe.ingest.metrics.MetricStreamDecoder}: CloudWatch Metric Streams records, JSON or
 *       OpenTelemetry 1.0 (length-delimited {@code ExportMetricsServiceRequest}s), as Kinesis Data Firehose
 *       delivers them and as files for {@code loupe ingest}. A datapoint's min/max/sum/count becomes the five
 *       series Sumo's AWS metrics sources produce ({@link dev.loupe.ingest.metrics.CloudWatchDatapoint}).
 *   <li>{@link dev.loupe.ingest.metrics.MetricContext}: what every point of a request gets
 *       ({@code X-Sumo-Dimensions} as tags, {@code X-Sumo-Metadata} and source metadata as metadata) and the
 *       accepted time window (24 h either side of the receipt time for HTTP).
 * </ul>
 *
 * <p>Timestamps are seconds or milliseconds (told apart by size, decimals allowed), or missing: then the receipt
 * time. NaN and infinite values never reach a sample. Knows nothing of HTTP or storage.
 */
package dev.loupe.ingest.metrics;
