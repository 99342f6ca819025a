package dev.loupe.collectors;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The collectors of a data folder, kept in {@code collectors.json}:
 * <pre>{@code
 * {"version":1,"collectors":[
 *   {"type":"s3-cloudtrail","name":"trail","endpoint":"","region":"us-east-1","accessKeyId":"","secretAccessKey":"",
 *    "bucket":"my-trail","prefix":"AWSLogs/","category":"aws/cloudtrail","fields":{"account":"prod"},
 *    "pollIntervalSeconds":60,"settleTimeSeconds":3600},
 *   {"type":"cloudwatch","name":"apigw","endpoint":"","region":"us-east-1","accessKeyId":"","secretAccessKey":"",
 *    "accountId":"123456789012","namespace":"AWS/ApiGateway","metrics":["Count","Latency"],"periodSeconds":60,
 *    "pollIntervalSeconds":60,"delaySeconds":120,"overlapSeconds":300,"category":"","fields":{}}]}
 * }</pre>
 * The file is rewritten atomically (temporary file, fsync, rename) and, where the file system supports it, readable
 * by its owner only, since it may hold a secret access key. Thread-safe: every method is synchronized.
 */
public final class CollectorConfigFile {
    /** The file name inside the data folder. */
    public static final String FILE_NAME = "collectors.json";

    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, CollectorConfig> configs;

    private CollectorConfigFile(Path file, Map<String, CollectorConfig> configs) {
        this.file = file;
        this.configs = configs;
    }

    /**
     * Reads the collectors of {@code dataDirectory}; a missing file means none.
     *
     * @throws LoupeException {@code INVALID_INPUT} naming the file when it is not a valid collectors file
     */
    public static CollectorConfigFile open(Path dataDirectory) {
        Path file = requireNonNull(dataDirectory, "dataDirectory is null").resolve(FILE_NAME);
        Map<String, CollectorConfig> configs = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try {
                JsonNode root = JSON.readTree(file.toFile());
                int version = root.path("version").asInt(-1);
                if (version != VERSION) {
                    throw new IllegalArgumentException("unsupported version " + root.path("version"));
                }
                for (JsonNode node : root.path("collectors")) {
                    CollectorConfig config = fromJson(node);
                    if (configs.putIfAbsent(config.name(), config) != null) {
                        throw new IllegalArgumentException("two collectors are named '" + config.name() + "'");
                    }
                }
            } catch (IOException | IllegalArgumentException | NullPointerException invalid) {
                throw new LoupeException(ErrorCode.INVALID_INPUT, file + ": not a valid collectors file: "
                        + invalid.getMessage(), invalid);
            }
        }
        return new CollectorConfigFile(file, configs);
    }

    /** Every configured collector, in the order they were added. */
    public synchronized List<CollectorConfig> list() {
        return List.copyOf(configs.values());
    }

    /**
     * Adds a collector and rewrites the file.
     *
     * @throws LoupeException {@code INVALID_INPUT} when a collector of that name exists; {@code STORAGE_FAILURE}
     *     when the file cannot be written (then nothing changed)
     */
    public synchronized void add(CollectorConfig config) {
        requireNonNull(config, "config is null");
        if (configs.containsKey(config.name())) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "a collector named '" + config.name()
                    + "' exists already; choose another --name");
        }
        Map<String, CollectorConfig> updated = new LinkedHashMap<>(configs);
        updated.put(config.name(), config);
        write(updated.values());
        configs.put(config.name(), config);
    }

    /**
     * Removes a collector (its checkpoint stays, so adding it again resumes) and rewrites the file.
     *
     * @return whether a collector of that name existed
     */
    public synchronized boolean remove(String name) {
        if (!configs.containsKey(name)) {
            return false;
        }
        Map<String, CollectorConfig> updated = new LinkedHashMap<>(configs);
        updated.remove(name);
        write(updated.values());
        configs.remove(name);
        return true;
    }

    private void write(Iterable<CollectorConfig> all) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        ArrayNode array = root.putArray("collectors");
        for (CollectorConfig config : all) {
            array.add(toJson(config));
        }
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), true);
        } catch (IOException failure) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "cannot write " + file + ": " + failure.getMessage(),
                    failure);
        }
    }

    private static ObjectNode toJson(CollectorConfig config) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", config.type());
        node.put("name", config.name());
        AwsConnection connection = config.connection();
        node.put("endpoint", connection.endpoint());
        node.put("region", connection.region());
        node.put("accessKeyId", connection.accessKeyId());
        node.put("secretAccessKey", connection.secretAccessKey());
        switch (config) {
            case CollectorConfig.CloudTrailBucket trail -> {
                node.put("bucket", trail.bucket());
                node.put("prefix", trail.prefix());
                node.put("category", trail.category());
                putFields(node, trail.fields());
                node.put("pollIntervalSeconds", trail.pollInterval().toSeconds());
                node.put("settleTimeSeconds", trail.settleTime().toSeconds());
            }
            case CollectorConfig.CloudWatchMetrics metrics -> {
                node.put("accountId", metrics.accountId());
                node.put("namespace", metrics.namespace());
                ArrayNode names = node.putArray("metrics");
                metrics.metricNames().forEach(names::add);
                node.put("periodSeconds", metrics.period().toSeconds());
                node.put("pollIntervalSeconds", metrics.pollInterval().toSeconds());
                node.put("delaySeconds", metrics.delay().toSeconds());
                node.put("overlapSeconds", metrics.overlap().toSeconds());
                node.put("category", metrics.category());
                putFields(node, metrics.fields());
            }
        }
        return node;
    }

    private static CollectorConfig fromJson(JsonNode node) {
        AwsConnection connection = new AwsConnection(text(node, "endpoint", ""), text(node, "region", null),
                text(node, "accessKeyId", ""), text(node, "secretAccessKey", ""));
        String type = text(node, "type", null);
        return switch (type) {
            case CollectorConfig.CloudTrailBucket.TYPE -> new CollectorConfig.CloudTrailBucket(text(node, "name", null),
                    connection, text(node, "bucket", null), text(node, "prefix", ""), text(node, "category", ""),
                    fields(node), seconds(node, "pollIntervalSeconds", 60), seconds(node, "settleTimeSeconds", 3600));
            case CollectorConfig.CloudWatchMetrics.TYPE -> {
                List<String> names = new ArrayList<>();
                node.path("metrics").forEach(name -> names.add(name.asText()));
                yield new CollectorConfig.CloudWatchMetrics(text(node, "name", null), connection,
                        text(node, "accountId", ""), text(node, "namespace", "AWS/ApiGateway"),
                        names.isEmpty() ? CollectorConfig.CloudWatchMetrics.API_GATEWAY_METRICS : names,
                        seconds(node, "periodSeconds", 60), seconds(node, "pollIntervalSeconds", 60),
                        seconds(node, "delaySeconds", 120), seconds(node, "overlapSeconds", 300),
                        text(node, "category", ""), fields(node));
            }
            default -> throw new IllegalArgumentException("unknown collector type '" + type + "'");
        };
    }

    private static String text(JsonNode node, String key, String fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                throw new IllegalArgumentException("a collector has no \"" + key + "\"");
            }
            return fallback;
        }
        return value.asText();
    }

    private static Duration seconds(JsonNode node, String key, long fallback) {
        JsonNode value = node.get(key);
        return Duration.ofSeconds(value == null ? fallback : value.asLong());
    }

    private static Map<String, String> fields(JsonNode node) {
        Map<String, String> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = node.path("fields").fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            fields.put(entry.getKey(), entry.getValue().asText());
        }
        return fields;
    }

    private static void putFields(ObjectNode node, Map<String, String> fields) {
        ObjectNode object = node.putObject("fields");
        new TreeMap<>(fields).forEach(object::put);
    }
}
