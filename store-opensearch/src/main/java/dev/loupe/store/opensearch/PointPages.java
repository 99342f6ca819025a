package dev.loupe.store.opensearch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams the raw points of some series in a time range from the point indices: pages of {@value #PAGE_SIZE} hits
 * sorted by (series, time), continued with {@code search_after}, without {@code _source} (the series and time come
 * from the sort values, the value from doc values). The response is parsed token by token into two primitive
 * arrays reused from series to series. A point written between two pages is seen when it sorts after the cursor.
 * Not thread-safe: one instance per read.
 */
final class PointPages {
    static final int PAGE_SIZE = 10_000;

    /** Receives one series' points; the arrays are reused for the next series (see {@link dev.loupe.store.spi.metrics.PointsVisitor}). */
    @FunctionalInterface
    interface Receiver {
        void receive(SeriesCatalog.Series series, long[] timestamps, double[] values, int size);
    }

    private final Map<String, SeriesCatalog.Series> byId = new HashMap<>();
    private final Receiver receiver;
    private SeriesCatalog.Series current;
    private long[] timestamps = new long[1024];
    private double[] values = new double[1024];
    private int size;
    private String lastId;
    private long lastTime;

    private PointPages(List<SeriesCatalog.Series> series, Receiver receiver) {
        for (SeriesCatalog.Series one : series) {
            byId.put(one.id(), one);
        }
        this.receiver = receiver;
    }

    /** Hands every series of {@code series} that has points in {@code range} to {@code receiver}, one at a time. */
    static void stream(OpenSearchConnection connection, ObjectMapper mapper, MetricIndices indices, List<SeriesCatalog.Series> series,
            TimeRange range, Receiver receiver) {
        PointPages pages = new PointPages(series, receiver);
        ObjectNode search = mapper.createObjectNode();
        search.put("size", PAGE_SIZE);
        search.put("track_total_hits", false);
        search.set("query", filter(mapper, series, range));
        ArrayNode sort = search.putArray("sort");
        sort.add(MetricIndices.SERIES);
        sort.add(MetricIndices.TIME);
        search.put("stored_fields", "_none_");
        search.putArray("docvalue_fields").add(MetricIndices.VALUE);
        String path = "/" + indices.pointPattern() + "/_search?ignore_unavailable=true&allow_no_indices=true";
        while (true) {
            OpenSearchConnection.Response response = connection.expectSuccess("reading metric points", "POST", path,
                    indices.bytes(search), OpenSearchConnection.JSON);
            int hits = pages.parsePage(mapper, response.body());
            if (hits < PAGE_SIZE) {
                break;
            }
            search.putArray("search_after").add(pages.lastId).add(pages.lastTime);
        }
        pages.flush();
    }

    /** The points of {@code series} in {@code range}. */
    static JsonNode filter(ObjectMapper mapper, List<SeriesCatalog.Series> series, TimeRange range) {
        ObjectNode terms = mapper.createObjectNode();
        ArrayNode ids = terms.putObject("terms").putArray(MetricIndices.SERIES);
        for (SeriesCatalog.Series one : series) {
            ids.add(one.id());
        }
        return ScopeQueries.bool("filter", List.of(terms, OpenSearchMetricStore.timeRange(mapper, range)));
    }

    /** Reads the hits of one page (hits.hits[].sort and .fields.value); returns how many there were. */
    private int parsePage(ObjectMapper mapper, byte[] body) {
        int hits = 0;
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (!name.equals("hits")) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String inner = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (!inner.equals("hits") || value != JsonToken.START_ARRAY) {
                        parser.skipChildren();
                        continue;
                    }
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        parseHit(parser);
                        hits++;
                    }
                }
            }
        } catch (IOException unreadable) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "OpenSearch sent unreadable metric points: " + unreadable.getMessage(), unreadable);
        }
        return hits;
    }

    private void parseHit(JsonParser parser) throws IOException {
        String id = null;
        long time = 0;
        double value = Double.NaN;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals("sort")) {
                parser.nextToken();
                id = parser.getText();
                parser.nextToken();
                time = parser.getLongValue();
                expect(parser.nextToken(), JsonToken.END_ARRAY);
            } else if (name.equals("fields")) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    if (field.equals(MetricIndices.VALUE)) {
                        parser.nextToken();
                        value = parser.getDoubleValue();
                        expect(parser.nextToken(), JsonToken.END_ARRAY);
                    } else {
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
        if (id == null) {
            throw new IOException("a hit without sort values");
        }
        add(id, time, value);
    }

    private void add(String id, long time, double value) {
        if (!id.equals(lastId)) {
            flush();
            current = byId.get(id);
            if (current == null) {
                throw new LoupeException(ErrorCode.STORAGE_FAILURE, "OpenSearch returned points of a series not asked for: " + id);
            }
        }
        if (size == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        timestamps[size] = time;
        values[size] = value;
        size++;
        lastId = id;
        lastTime = time;
    }

    private void flush() {
        if (size > 0) {
            receiver.receive(current, timestamps, values, size);
        }
        size = 0;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }
}
