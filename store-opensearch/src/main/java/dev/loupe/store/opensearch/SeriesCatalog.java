package dev.loupe.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.store.spi.metrics.SeriesMatcher;
import dev.loupe.store.spi.metrics.SeriesSelector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Selects series on the series index: the selector as a query ({@link SeriesQueries}), pages of {@value #PAGE_SIZE}
 * documents sorted by series id with {@code search_after}, each series checked with {@link SeriesMatcher}. Stateless.
 */
final class SeriesCatalog {
    private static final int PAGE_SIZE = 1_000;

    private SeriesCatalog() {}

    /**
     * One selected series.
     *
     * @param id the series id ({@link MetricIndices#seriesId})
     * @param tags its intrinsic tags
     * @param metadata its latest metadata
     */
    record Series(String id, Map<String, String> tags, Map<String, String> metadata) {}

    /** Every series the selector accepts, in chunks of at most {@code chunkSize}, ordered by id. */
    static List<List<Series>> select(OpenSearchConnection connection, ObjectMapper mapper, MetricIndices indices,
            SeriesSelector selector, int chunkSize) {
        JsonNode query = SeriesQueries.translate(selector);
        List<List<Series>> chunks = new ArrayList<>();
        List<Series> chunk = new ArrayList<>();
        String after = null;
        while (true) {
            ObjectNode search = mapper.createObjectNode();
            search.put("size", PAGE_SIZE);
            search.put("track_total_hits", false);
            search.set("query", query);
            search.putArray("sort").add(MetricIndices.SERIES);
            search.putArray("_source").add(MetricIndices.TAGS).add(MetricIndices.METADATA);
            if (after != null) {
                search.putArray("search_after").add(after);
            }
            OpenSearchConnection.Response response = connection.expectSuccess("selecting metric series", "POST",
                    "/" + indices.seriesIndex() + "/_search", indices.bytes(search), OpenSearchConnection.JSON);
            JsonNode hits = read(mapper, response).path("hits").path("hits");
            for (JsonNode hit : hits) {
                Map<String, String> tags = strings(hit.path("_source").path(MetricIndices.TAGS));
                Map<String, String> metadata = strings(hit.path("_source").path(MetricIndices.METADATA));
                after = hit.path("sort").path(0).asText();
                if (!SeriesMatcher.matches(selector, tags, metadata)) {
                    continue;
                }
                chunk.add(new Series(after, tags, metadata));
                if (chunk.size() == chunkSize) {
                    chunks.add(chunk);
                    chunk = new ArrayList<>();
                }
            }
            if (hits.size() < PAGE_SIZE) {
                break;
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> entries = new HashMap<>();
        object.properties().forEach(entry -> entries.put(entry.getKey(), entry.getValue().asText()));
        return entries;
    }

    static JsonNode read(ObjectMapper mapper, OpenSearchConnection.Response response) {
        try {
            return mapper.readTree(response.body());
        } catch (IOException unreadable) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "OpenSearch sent an unreadable answer: " + unreadable.getMessage(), unreadable);
        }
    }
}
