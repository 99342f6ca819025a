/**
 * Collection from AWS: sources that Loupe polls itself, as Sumo's hosted AWS sources do, instead of waiting for a
 * client to post data.
 *
 * <ul>
 *   <li>{@link dev.loupe.collectors.CollectorConfig}: what a collector reads, as stored in {@code collectors.json}
 *       ({@link dev.loupe.collectors.CollectorConfigFile}) and added by {@code loupe collector add}.
 *   <li>{@link dev.loupe.collectors.AwsConnection}: endpoint, region and credentials for the AWS SDK v2 clients
 *       (an endpoint override points them at an S3-compatible server or a test server).
 *   <li>{@link dev.loupe.collectors.Collector}: one poll at a time; {@link dev.loupe.collectors.CollectorRunner}
 *       runs each collector on its own named thread, every period, logging a failed poll and retrying next period.
 *   <li>{@code cloudtrail}: CloudTrail log files from an S3 bucket into the {@code LogStore}, with a checkpoint.
 *   <li>{@code cloudwatch}: {@code AWS/ApiGateway} metrics from {@code GetMetricData} into the {@code MetricStore}.
 * </ul>
 */
package dev.loupe.collectors;
