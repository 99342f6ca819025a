package dev.loupe.cli;

import dev.loupe.collectors.AwsConnection;
import dev.loupe.collectors.CollectorConfig;
import dev.loupe.collectors.CollectorConfigFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loupe collector add s3-cloudtrail|cloudwatch ...}, {@code loupe collector list} and
 * {@code loupe collector remove NAME}: edit the data folder's {@code collectors.json}. A running server reads the
 * file when it starts, so changes take effect at the next {@code loupe serve} or {@code loupe demo}.
 */
@Command(name = "collector", mixinStandardHelpOptions = true,
        description = "Configure collectors that poll AWS: CloudTrail files from S3, metrics from CloudWatch.",
        subcommands = {CollectorCommand.Add.class, CollectorCommand.ListCollectors.class, CollectorCommand.Remove.class})
final class CollectorCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every collector has: where the data folder is, and how to reach AWS. */
    static final class ConnectionOptions {
        @Option(names = "--data", paramLabel = "DIR", defaultValue = "loupe-data", description = "Data folder (default: ${DEFAULT-VALUE}).")
        Path dataDirectory;

        @Option(names = "--region", paramLabel = "REGION", defaultValue = "us-east-1", description = "AWS region (default: ${DEFAULT-VALUE}).")
        String region;

        @Option(names = "--endpoint", paramLabel = "URL", defaultValue = "", description = "Endpoint override, for an S3-compatible server or a test server (default: the region's AWS endpoint).")
        String endpoint;

        @Option(names = "--access-key-id", paramLabel = "ID", defaultValue = "", description = "Static credentials (stored in collectors.json, readable by its owner only). Default: the AWS SDK's default chain (environment, ~/.aws profiles, instance role).")
        String accessKeyId;

        @Option(names = "--secret-access-key", paramLabel = "SECRET", defaultValue = "", description = "The secret of --access-key-id.")
        String secretAccessKey;

        @Option(names = "--category", paramLabel = "CATEGORY", description = "_sourceCategory of what is collected.")
        String category;

        @Option(names = "--field", paramLabel = "KEY=VALUE", description = "A field added to everything collected (repeatable), e.g. account=prod.")
        Map<String, String> fields = new LinkedHashMap<>();

        @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "60", description = "Seconds between polls (default: ${DEFAULT-VALUE}).")
        long pollIntervalSeconds;

        AwsConnection connection() {
            return new AwsConnection(endpoint, region, accessKeyId, secretAccessKey);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a collector.",
            subcommands = {AddCloudTrail.class, AddCloudWatch.class})
    static final class Add implements Runnable {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    @Command(name = CollectorConfig.CloudTrailBucket.TYPE, mixinStandardHelpOptions = true,
            description = "CloudTrail log files (AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz) from an S3 bucket.")
    static final class AddCloudTrail implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        private ConnectionOptions options;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "cloudtrail", description = "Collector name, also its _source (default: ${DEFAULT-VALUE}).")
        private String name;

        @Option(names = "--bucket", paramLabel = "BUCKET", required = true, description = "The bucket CloudTrail delivers to.")
        private String bucket;

        @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "AWSLogs/", description = "Key prefix to read (default: ${DEFAULT-VALUE}); a region folder such as AWSLogs/<account>/CloudTrail/us-east-1/ lists less.")
        private String prefix;

        @Option(names = "--settle-time", paramLabel = "SECONDS", defaultValue = "3600", description = "How long a file's LastModified is remembered (default: ${DEFAULT-VALUE}).")
        private long settleSeconds;

        @Override
        public Integer call() {
            CollectorConfig config = build(spec, () -> new CollectorConfig.CloudTrailBucket(name, options.connection(),
                    bucket, prefix, options.category == null ? "aws/cloudtrail" : options.category, options.fields,
                    Duration.ofSeconds(options.pollIntervalSeconds), Duration.ofSeconds(settleSeconds)));
            return save(spec, options.dataDirectory, config);
        }
    }

    @Command(name = CollectorConfig.CloudWatchMetrics.TYPE, mixinStandardHelpOptions = true,
            description = "CloudWatch metrics of a namespace (default AWS/ApiGateway) through ListMetrics and GetMetricData.")
    static final class AddCloudWatch implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        private ConnectionOptions options;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "cloudwatch", description = "Collector name (default: ${DEFAULT-VALUE}).")
        private String name;

        @Option(names = "--account", paramLabel = "ACCOUNT_ID", defaultValue = "", description = "The account id, tagged account and accountid on every series.")
        private String accountId;

        @Option(names = "--namespace", paramLabel = "NAMESPACE", defaultValue = "AWS/ApiGateway", description = "CloudWatch namespace (default: ${DEFAULT-VALUE}).")
        private String namespace;

        @Option(names = "--metrics", paramLabel = "NAME", split = ",", description = "Metric names (default: the API Gateway app's: Count, 4XXError, 5XXError, Latency, IntegrationLatency, CacheHitCount, CacheMissCount).")
        private List<String> metrics = CollectorConfig.CloudWatchMetrics.API_GATEWAY_METRICS;

        @Option(names = "--period", paramLabel = "SECONDS", defaultValue = "60", description = "Datapoint period, a multiple of 60 (default: ${DEFAULT-VALUE}).")
        private long periodSeconds;

        @Option(names = "--delay", paramLabel = "SECONDS", defaultValue = "120", description = "How far behind now each poll stops (default: ${DEFAULT-VALUE}).")
        private long delaySeconds;

        @Option(names = "--overlap", paramLabel = "SECONDS", defaultValue = "300", description = "How much of the previous window each poll reads again for late datapoints (default: ${DEFAULT-VALUE}).")
        private long overlapSeconds;

        @Override
        public Integer call() {
            CollectorConfig config = build(spec, () -> new CollectorConfig.CloudWatchMetrics(name, options.connection(),
                    accountId, namespace, metrics, Duration.ofSeconds(periodSeconds),
                    Duration.ofSeconds(options.pollIntervalSeconds), Duration.ofSeconds(delaySeconds),
                    Duration.ofSeconds(overlapSeconds), options.category == null ? "" : options.category,
                    options.fields));
            return save(spec, options.dataDirectory, config);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the configured collectors.")
    static final class ListCollectors implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--data", paramLabel = "DIR", defaultValue = "loupe-data", description = "Data folder (default: ${DEFAULT-VALUE}).")
        private Path dataDirectory;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<CollectorConfig> configs = CollectorConfigFile.open(dataDirectory).list();
            if (configs.isEmpty()) {
                out.println("No collectors. Add one with: loupe collector add s3-cloudtrail --bucket B ...");
            }
            for (CollectorConfig config : configs) {
                out.println(describe(config));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a collector (its checkpoint is kept).")
    static final class Remove implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--data", paramLabel = "DIR", defaultValue = "loupe-data", description = "Data folder (default: ${DEFAULT-VALUE}).")
        private Path dataDirectory;

        @CommandLine.Parameters(paramLabel = "NAME", description = "The collector to remove.")
        private String name;

        @Override
        public Integer call() {
            if (!CollectorConfigFile.open(dataDirectory).remove(name)) {
                spec.commandLine().getErr().println("loupe: no collector named '" + name + "'");
                return CommandErrorHandler.USER_ERROR;
            }
            spec.commandLine().getOut().println("Removed collector " + name + "; restart the server to stop it.");
            return 0;
        }
    }

    /** One line per collector; secrets are never shown. */
    static String describe(CollectorConfig config) {
        AwsConnection connection = config.connection();
        String where = "region " + connection.region()
                + (connection.endpoint().isEmpty() ? "" : ", endpoint " + connection.endpoint())
                + (connection.hasStaticCredentials() ? ", access key " + connection.accessKeyId() : ", default credentials")
                + ", every " + config.pollInterval().toSeconds() + " s";
        return switch (config) {
            case CollectorConfig.CloudTrailBucket trail -> String.format("%-16s %-14s s3://%s/%s -> _sourceCategory=%s%s (%s)",
                    trail.name(), trail.type(), trail.bucket(), trail.prefix(), trail.category(),
                    trail.fields().isEmpty() ? "" : " " + trail.fields(), where);
            case CollectorConfig.CloudWatchMetrics metrics -> String.format("%-16s %-14s %s account %s %s (%s, period %d s)",
                    metrics.name(), metrics.type(), metrics.namespace(),
                    metrics.accountId().isEmpty() ? "(none)" : metrics.accountId(), metrics.metricNames(), where,
                    metrics.period().toSeconds());
        };
    }

    private static CollectorConfig build(CommandLine.Model.CommandSpec spec,
            Supplier<CollectorConfig> factory) {
        try {
            return factory.get();
        } catch (IllegalArgumentException invalid) {
            throw new CommandLine.ParameterException(spec.commandLine(), invalid.getMessage(), invalid);
        }
    }

    private static int save(CommandLine.Model.CommandSpec spec, Path dataDirectory, CollectorConfig config) {
        CollectorConfigFile.open(dataDirectory).add(config);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Added " + describe(config));
        out.println("It starts with the next 'loupe serve --data " + dataDirectory + "'.");
        out.flush();
        return 0;
    }
}
