package dev.loupe.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The daily log indices of one index prefix: {@code <prefix>-logs-YYYY.MM.DD} by the UTC day of
 * {@code _messagetime} (days outside years 1 to 9999 share {@code <prefix>-logs-other}), their index template, and
 * which of them a scan reads. Stateless apart from the prefix; thread-safe.
 */
final class LogIndices {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu.MM.dd");
    private static final long FIRST_DAY = LocalDate.of(1, 1, 1).toEpochDay();
    private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
    private static final String OTHER = "other";

    private final String prefix;
    private final ObjectMapper mapper;

    LogIndices(String indexPrefix, ObjectMapper mapper) {
        this.prefix = indexPrefix + "-logs-";
        this.mapper = mapper;
    }

    /** The pattern that names every log index of this prefix. */
    String pattern() {
        return prefix + "*";
    }

    /** The index a message with this message time goes to. */
    String indexOf(long messageTime) {
        return dailyIndex(prefix, messageTime);
    }

    /**
     * The daily index of {@code time}: {@code <prefix>YYYY.MM.DD} by its UTC day ({@code <prefix>other} outside
     * years 1 to 9999); the log and the metric point indices are named so.
     */
    static String dailyIndex(String prefix, long time) {
        long day = Math.floorDiv(time, 86_400_000L);
        if (day < FIRST_DAY || day > LAST_DAY) {
            return prefix + OTHER;
        }
        return prefix + DAY.format(LocalDate.ofEpochDay(day));
    }

    /** Installs (or replaces) the index template that every daily index is created from. */
    void installTemplate(OpenSearchConnection connection, java.time.Duration refreshInterval) {
        ObjectNode template = mapper.createObjectNode();
        template.putArray("index_patterns").add(pattern());
        template.put("priority", 100);
        ObjectNode body = template.putObject("template");
        // Shards and replicas are the cluster's defaults (an operator's own template at a lower priority may set them).
        ObjectNode settings = body.putObject("settings");
        settings.put("refresh_interval", refreshInterval.toMillis() + "ms");
        ObjectNode analysis = settings.putObject("analysis");
        analysis.putObject("tokenizer").putObject("loupe_terms").put("type", "whitespace").put("max_token_length", 1024);
        analysis.putObject("analyzer").putObject("loupe_terms").put("type", "custom").put("tokenizer", "loupe_terms");
        ObjectNode mappings = body.putObject("mappings");
        mappings.put("dynamic", "strict");
        mappings.putObject("_source").putArray("excludes").add(LogDocuments.TERMS).add(LogDocuments.LOWER_PREFIX + "*");
        ObjectNode properties = mappings.putObject("properties");
        properties.putObject(LogDocuments.MESSAGE_ID).put("type", "long");
        properties.putObject(LogDocuments.MESSAGE_TIME).put("type", "long");
        properties.putObject(LogDocuments.RECEIPT_TIME).put("type", "long");
        properties.putObject(LogDocuments.RAW).put("type", "text").put("index", false);
        properties.putObject(LogDocuments.TERMS).put("type", "text").put("analyzer", "loupe_terms").put("norms", false);
        for (String name : LogDocuments.METADATA) {
            properties.putObject(name).put("type", "keyword").put("ignore_above", LogDocuments.MAX_VALUE_CHARS);
            properties.putObject(LogDocuments.LOWER_PREFIX + name).put("type", "keyword").put("doc_values", false);
        }
        properties.putObject(LogDocuments.FIELDS).put("type", "object").put("enabled", false);
        properties.putObject(LogDocuments.LOWER_FIELDS).put("type", "keyword").put("doc_values", false);
        properties.putObject(LogDocuments.CHECK).put("type", "boolean");
        connection.expectSuccess("installing the log index template", "PUT", "/_index_template/" + prefix + "template",
                bytes(template), OpenSearchConnection.JSON);
    }

    /**
     * The existing indices a scan over {@code range} of {@code timeField} must read: for message time the days the
     * range overlaps (and {@code other}), for receipt time every index (a message's receipt time may lie on any day).
     */
    List<String> indicesToScan(OpenSearchConnection connection, TimeRange range, boolean byMessageTime) {
        List<String> selected = new ArrayList<>();
        for (String index : existing(connection)) {
            String suffix = index.substring(prefix.length());
            if (!byMessageTime || suffix.equals(OTHER) || overlaps(suffix, range)) {
                selected.add(index);
            }
        }
        return selected;
    }

    private static boolean overlaps(String suffix, TimeRange range) {
        LocalDate day;
        try {
            day = LocalDate.parse(suffix, DAY);
        } catch (java.time.format.DateTimeParseException notADay) {
            return true;
        }
        long start = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return range.overlaps(start, start + 86_400_000L);
    }

    /** Every log index of this prefix, as the cluster lists them now. */
    List<String> existing(OpenSearchConnection connection) {
        OpenSearchConnection.Response response = connection.expectSuccess("listing the log indices", "GET",
                "/_cat/indices/" + pattern() + "?format=json&h=index&expand_wildcards=open", null, null);
        List<String> indices = new ArrayList<>();
        for (JsonNode row : read(response)) {
            indices.add(row.path("index").asText());
        }
        indices.sort(null);
        return indices;
    }

    private JsonNode read(OpenSearchConnection.Response response) {
        try {
            JsonNode node = mapper.readTree(response.body());
            return node instanceof ArrayNode ? node : mapper.createArrayNode();
        } catch (IOException unreadable) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "OpenSearch sent an unreadable index list: " + unreadable.getMessage(), unreadable);
        }
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
