package dev.loupe.collectors;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one collector reads and how often: the unit stored in {@code collectors.json}. Immutable; every field is
 * validated on construction, so a configuration that loads is one that can run.
 */
public sealed interface CollectorConfig permits CollectorConfig.CloudTrailBucket, CollectorConfig.CloudWatchMetrics {
    /** Collector names: letters, digits, {@code .}, {@code _} and {@code -}; they name checkpoint files. */
    Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** The unique name of the collector; also its {@code _source} (logs) and checkpoint file name. */
    String name();

    /** The type as written on the command line and in the file: {@code s3-cloudtrail} or {@code cloudwatch}. */
    String type();

    /** The AWS endpoint, region and credentials. */
    AwsConnection connection();

    /** How long between the end of one poll and the start of the next. */
    Duration pollInterval();

    /**
     * CloudTrail log files delivered to S3 ({@code AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/...json.gz}).
     *
     * @param bucket the bucket name
     * @param prefix the key prefix to read under (may be empty); {@code CloudTrail-Digest} files are skipped
     * @param category {@code _sourceCategory} of every message, e.g. {@code aws/cloudtrail}
     * @param fields custom fields of every message (e.g. {@code account=prod}, as AWS Observability sets)
     * @param settleTime how long after its {@code LastModified} an object is assumed visible in listings; objects
     *     older than the last poll minus this time are never listed again as new
     */
    record CloudTrailBucket(String name, AwsConnection connection, String bucket, String prefix, String category,
            Map<String, String> fields, Duration pollInterval, Duration settleTime) implements CollectorConfig {
        public static final String TYPE = "s3-cloudtrail";

        public CloudTrailBucket {
            checkName(name);
            requireNonNull(connection, "connection is null");
            requireNonNull(bucket, "bucket is null");
            if (bucket.isBlank()) {
                throw new IllegalArgumentException("a bucket is required");
            }
            requireNonNull(prefix, "prefix is null");
            requireNonNull(category, "category is null");
            fields = Map.copyOf(requireNonNull(fields, "fields is null"));
            checkPositive(pollInterval, "pollInterval");
            checkPositive(settleTime, "settleTime");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * CloudWatch metrics of one namespace, account and region, read with {@code ListMetrics} and
     * {@code GetMetricData}.
     *
     * @param accountId the account id, tagged {@code account} and {@code accountid} on every series (as a Metric
     *     Stream delivers it)
     * @param namespace e.g. {@code AWS/ApiGateway}
     * @param metricNames the metrics to read, e.g. {@code Count}, {@code Latency}
     * @param period the CloudWatch period of every datapoint (a multiple of 60 s)
     * @param delay how long after a period ends CloudWatch is assumed to have its datapoints; a poll reads up to
     *     now minus this delay
     * @param overlap how far before the last poll's end each poll reads again, to pick up late datapoints (points
     *     read twice replace themselves in the metric store)
     * @param category {@code _sourceCategory} metadata of every series, or empty
     * @param fields metadata of every series (source fields), e.g. {@code account=prod}
     */
    record CloudWatchMetrics(String name, AwsConnection connection, String accountId, String namespace,
            List<String> metricNames, Duration period, Duration pollInterval, Duration delay, Duration overlap,
            String category, Map<String, String> fields) implements CollectorConfig {
        public static final String TYPE = "cloudwatch";

        /** The API Gateway metrics the AWS API Gateway app reads. */
        public static final List<String> API_GATEWAY_METRICS = List.of("Count", "4XXError", "5XXError", "Latency",
                "IntegrationLatency", "CacheHitCount", "CacheMissCount");

        public CloudWatchMetrics {
            checkName(name);
            requireNonNull(connection, "connection is null");
            requireNonNull(accountId, "accountId is null");
            requireNonNull(namespace, "namespace is null");
            if (namespace.isBlank()) {
                throw new IllegalArgumentException("a namespace is required, e.g. AWS/ApiGateway");
            }
            metricNames = List.copyOf(requireNonNull(metricNames, "metricNames is null"));
            if (metricNames.isEmpty()) {
                throw new IllegalArgumentException("at least one metric name is required");
            }
            checkPositive(period, "period");
            if (period.toSeconds() % 60 != 0 || period.toMillis() % 1000 != 0) {
                throw new IllegalArgumentException("the period must be a multiple of 60 s: " + period);
            }
            checkPositive(pollInterval, "pollInterval");
            requireNonNull(delay, "delay is null");
            requireNonNull(overlap, "overlap is null");
            if (delay.isNegative() || overlap.isNegative()) {
                throw new IllegalArgumentException("delay and overlap must not be negative");
            }
            requireNonNull(category, "category is null");
            fields = Map.copyOf(requireNonNull(fields, "fields is null"));
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    private static void checkName(String name) {
        requireNonNull(name, "name is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a collector name is 1 to 64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit: '" + name + "'");
        }
    }

    private static void checkPositive(Duration duration, String what) {
        requireNonNull(duration, what + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + duration);
        }
    }
}
