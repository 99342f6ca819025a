/**
 * CloudWatch metrics into the metric store by polling: {@link dev.loupe.collectors.cloudwatch.CloudWatchMetricsCollector}
 * discovers the series of a namespace with {@code ListMetrics}, reads their statistics with {@code GetMetricData}
 * and stores them as the same series the Firehose (Metric Streams) receiver makes, through the ingest module's
 * {@code CloudWatchDatapoint}.
 */
package dev.loupe.collectors.cloudwatch;
