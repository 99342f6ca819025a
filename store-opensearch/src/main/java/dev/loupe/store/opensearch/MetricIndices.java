package dev.loupe.store.opensearch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metric indices of one index prefix and the documents in them:
 *
 * <pre>
 * &lt;prefix&gt;-metric-series          one document per series, _id = series id:
 *                                   series (keyword), tags and metadata (objects, _source only),
 *                                   tag_pairs / metadata_pairs (keyword: lower-cased key \u001F value),
 *                                   tag_values / metadata_values (keyword: lower-cased values)
 * &lt;prefix&gt;-metrics-YYYY.MM.DD      one document per point, by UTC day of its time, _id = series id + time:
 *                                   series (keyword), time (date, epoch millis), value (double); no _source
 * </pre>
 *
 * <p>The series id is the first 128 bits of the SHA-256 of the intrinsic tags in key order, in hexadecimal: the
 * same on every server, so a point written twice (by one server or two) is one document, and the later write
 * wins. Metadata is not part of the identity; the series document holds the latest non-empty metadata written.
 * Stateless apart from the prefix; thread-safe.
 */
final class MetricIndices {
    static final char SEPARATOR = '\u001F';
    static final String SERIES = "series";
    static final String TIME = "time";
    static final String VALUE = "value";
    static final String TAGS = "tags";
    static final String METADATA = "metadata";
    static final String TAG_PAIRS = "tag_pairs";
    static final String METADATA_PAIRS = "metadata_pairs";
    static final String TAG_VALUES = "tag_values";
    static final String METADATA_VALUES = "metadata_values";
    /** Longer values are kept in {@code _source} but not indexed (so a selector never matches them). */
    static final int MAX_VALUE_CHARS = 8_000;

    private final String pointPrefix;
    private final String seriesIndex;
    private final ObjectMapper mapper;

    MetricIndices(String indexPrefix, ObjectMapper mapper) {
        this.pointPrefix = indexPrefix + "-metrics-";
        this.seriesIndex = indexPrefix + "-metric-series";
        this.mapper = mapper;
    }

    /** The pattern that names every point index of this prefix. */
    String pointPattern() {
        return pointPrefix + "*";
    }

    String seriesIndex() {
        return seriesIndex;
    }

    /** The index a point with this time goes to. */
    String pointIndexOf(long time) {
        return LogIndices.dailyIndex(pointPrefix, time);
    }

    /** Installs (or replaces) the point index template and creates the series index when it does not exist. */
    void install(OpenSearchConnection connection, java.time.Duration refreshInterval) {
        ObjectNode template = mapper.createObjectNode();
        template.putArray("index_patterns").add(pointPattern());
        template.put("priority", 100);
        ObjectNode body = template.putObject("template");
        body.putObject("settings").put("refresh_interval", refreshInterval.toMillis() + "ms");
        ObjectNode mappings = body.putObject("mappings");
        mappings.put("dynamic", "strict");
        mappings.putObject("_source").put("enabled", false);
        ObjectNode properties = mappings.putObject("properties");
        properties.putObject(SERIES).put("type", "keyword");
        properties.putObject(TIME).put("type", "date").put("format", "epoch_millis");
        properties.putObject(VALUE).put("type", "double").put("index", false);
        connection.expectSuccess("installing the metric index template", "PUT", "/_index_template/" + pointPrefix + "template",
                bytes(template), OpenSearchConnection.JSON);

        ObjectNode series = mapper.createObjectNode();
        series.putObject("settings").put("refresh_interval", refreshInterval.toMillis() + "ms");
        ObjectNode seriesMappings = series.putObject("mappings");
        seriesMappings.put("dynamic", "strict");
        ObjectNode seriesProperties = seriesMappings.putObject("properties");
        seriesProperties.putObject(SERIES).put("type", "keyword");
        seriesProperties.putObject(TAGS).put("type", "object").put("enabled", false);
        seriesProperties.putObject(METADATA).put("type", "object").put("enabled", false);
        for (String field : new String[] {TAG_PAIRS, METADATA_PAIRS, TAG_VALUES, METADATA_VALUES}) {
            seriesProperties.putObject(field).put("type", "keyword").put("doc_values", false).put("ignore_above", MAX_VALUE_CHARS);
        }
        OpenSearchConnection.Response created = connection.send("PUT", "/" + seriesIndex, bytes(series), OpenSearchConnection.JSON);
        if (!created.isSuccess() && !created.text().contains("resource_already_exists_exception")) {
            throw OpenSearchConnection.failure("creating the metric series index", created.status(), created.text());
        }
    }

    /** The id of the series with these intrinsic tags (see the class doc). */
    static String seriesId(Map<String, String> tags) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
        for (Map.Entry<String, String> tag : new TreeMap<>(tags).entrySet()) {
            byte[] key = tag.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = tag.getValue().getBytes(StandardCharsets.UTF_8);
            digest.update(length(key.length));
            digest.update(key);
            digest.update(length(value.length));
            digest.update(value);
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    private static byte[] length(int length) {
        return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }

    /**
     * Writes the bulk action and document of a series: with metadata, an {@code index} that replaces the series
     * document (the latest metadata wins); without, an upsert that creates the document or leaves it as it is.
     */
    void writeSeries(String id, Map<String, String> tags, Map<String, String> metadata, OutputStream out) throws IOException {
        boolean replace = !metadata.isEmpty();
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart(replace ? "index" : "update");
            json.writeStringField("_index", seriesIndex);
            json.writeStringField("_id", id);
            json.writeEndObject();
            json.writeEndObject();
        }
        out.write('\n');
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            if (!replace) {
                json.writeObjectFieldStart("doc");
            }
            json.writeStringField(SERIES, id);
            writeEntries(json, TAGS, TAG_PAIRS, TAG_VALUES, tags);
            if (replace) {
                writeEntries(json, METADATA, METADATA_PAIRS, METADATA_VALUES, metadata);
            } else {
                json.writeEndObject();
                json.writeBooleanField("doc_as_upsert", true);
            }
            json.writeEndObject();
        }
        out.write('\n');
    }

    private static void writeEntries(JsonGenerator json, String objectField, String pairsField, String valuesField,
            Map<String, String> entries) throws IOException {
        json.writeObjectFieldStart(objectField);
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
        json.writeArrayFieldStart(pairsField);
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            json.writeString(SeriesQueries.lower(entry.getKey()) + SEPARATOR + SeriesQueries.lower(entry.getValue()));
        }
        json.writeEndArray();
        json.writeArrayFieldStart(valuesField);
        for (String value : entries.values()) {
            json.writeString(SeriesQueries.lower(value));
        }
        json.writeEndArray();
    }

    /** Writes the bulk action and document of one point (index: a second write of the same point replaces it). */
    void writePoint(String seriesId, long time, double value, OutputStream out) throws IOException {
        String line = "{\"index\":{\"_index\":\"" + pointIndexOf(time) + "\",\"_id\":\"" + seriesId + "-" + time + "\"}}\n"
                + "{\"" + SERIES + "\":\"" + seriesId + "\",\"" + TIME + "\":" + time + ",\"" + VALUE + "\":" + value + "}\n";
        out.write(line.getBytes(StandardCharsets.US_ASCII));
    }

    byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
