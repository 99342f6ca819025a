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
import dev.loupe.store.spi.KeywordMatcher;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.ScanOrder;
import dev.loupe.store.spi.StoredMessage;
import dev.loupe.store.spi.TimeField;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scan of the log indices, continued through an OpenSearch point in time when it needs more than one page: pages of {@value #PAGE_SIZE} hits sorted by
 * (time descending, message id descending) for {@code NEWEST_FIRST} or by message id for {@code UNORDERED}, each
 * page continuing with {@code search_after} from the last hit of the previous one. The point in time keeps the
 * view of the scan's start (a message appended later is not seen, one acknowledged before is) and is closed by
 * {@link #close()}. Hits the query could not decide exactly are checked with {@link KeywordMatcher}.
 *
 * <p>Not thread-safe (one consumer, like every {@link LogCursor}); one page of messages is held at a time.
 */
final class PointInTimeCursor implements LogCursor {
    static final int PAGE_SIZE = 1_000;
    private static final String KEEP_ALIVE = "5m";
    private static final Logger LOG = LoggerFactory.getLogger(PointInTimeCursor.class);

    private final OpenSearchConnection connection;
    private final ObjectMapper mapper;
    private final LogScan scan;
    private final LogIndices indices;
    private final JsonNode query;
    private final boolean exact;
    private final ArrayDeque<StoredMessage> page = new ArrayDeque<>(PAGE_SIZE);
    private final ArrayDeque<Boolean> pageChecks = new ArrayDeque<>(PAGE_SIZE);
    private String pointInTime;
    private JsonNode searchAfter;
    private boolean exhausted;
    private StoredMessage current;

    private PointInTimeCursor(OpenSearchConnection connection, ObjectMapper mapper, LogScan scan, LogIndices indices) {
        this.connection = connection;
        this.mapper = mapper;
        this.scan = scan;
        this.indices = indices;
        ScopeQueries.Bounds bounds = ScopeQueries.translate(scan.filter());
        this.exact = bounds.exact();
        this.query = ScopeQueries.bool("filter", List.of(timeRange(scan), bounds.upper()));
    }

    static PointInTimeCursor open(OpenSearchConnection connection, LogIndices indices, LogScan scan, ObjectMapper mapper) {
        return new PointInTimeCursor(connection, mapper, scan, indices);
    }

    /** Opens the point in time over the indices that exist now; false when there are none. */
    private boolean openPointInTime() {
        List<String> targets = indices.indicesToScan(connection, scan.range(), scan.timeField() == TimeField.MESSAGE_TIME);
        if (targets.isEmpty()) {
            return false;
        }
        String path = "/" + String.join(",", targets) + "/_search/point_in_time?keep_alive=" + KEEP_ALIVE + "&ignore_unavailable=true";
        OpenSearchConnection.Response response = connection.expectSuccess("opening a point in time for a scan", "POST",
                path, null, null);
        try {
            pointInTime = mapper.readTree(response.body()).path("pit_id").asText(null);
        } catch (IOException unreadable) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "OpenSearch sent an unreadable point in time", unreadable);
        }
        if (pointInTime == null) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "OpenSearch opened a point in time without an id: " + response.text());
        }
        return true;
    }

    private static JsonNode timeRange(LogScan scan) {
        String field = scan.timeField() == TimeField.MESSAGE_TIME ? LogDocuments.MESSAGE_TIME : LogDocuments.RECEIPT_TIME;
        TimeRange range = scan.range();
        ObjectNode query = new ObjectMapper().createObjectNode();
        ObjectNode bounds = query.putObject("range").putObject(field);
        if (range.fromMillis() != Long.MIN_VALUE) {
            bounds.put("gte", range.fromMillis());
        }
        if (range.toMillis() != Long.MAX_VALUE) {
            bounds.put("lt", range.toMillis());
        } else {
            // [from, Long.MAX_VALUE) excludes Long.MAX_VALUE itself; a long field holds it, so say so.
            bounds.put("lte", Long.MAX_VALUE - 1);
        }
        return query;
    }

    @Override
    public boolean next() {
        while (true) {
            if (page.isEmpty()) {
                if (exhausted) {
                    current = null;
                    return false;
                }
                fetchPage();
                continue;
            }
            StoredMessage candidate = page.poll();
            boolean check = pageChecks.poll();
            if ((exact && !check) || KeywordMatcher.matches(scan.filter(), candidate.message())) {
                current = candidate;
                return true;
            }
        }
    }

    @Override
    public StoredMessage current() {
        if (current == null) {
            throw new IllegalStateException("next() has not returned true");
        }
        return current;
    }

    /**
     * Fetches the next page. The first page is a plain search over the index pattern (most scans end there); only
     * when it is full is a point in time opened for the rest, continuing after the first page's last hit. The sort
     * key is unique, so no hit comes twice, and nothing present at the first page disappears before the point in
     * time is opened (log messages are never deleted, only whole indices by retention).
     */
    private void fetchPage() {
        ObjectNode body = mapper.createObjectNode();
        body.put("size", PAGE_SIZE);
        body.put("track_total_hits", false);
        String path;
        if (searchAfter == null) {
            path = "/" + indices.pattern() + "/_search?ignore_unavailable=true&allow_no_indices=true";
        } else {
            if (pointInTime == null && !openPointInTime()) {
                exhausted = true;
                return;
            }
            path = "/_search";
            body.putObject("pit").put("id", pointInTime).put("keep_alive", KEEP_ALIVE);
        }
        body.set("query", query);
        ArrayNode sort = body.putArray("sort");
        if (scan.order() == ScanOrder.NEWEST_FIRST) {
            String timeField = scan.timeField() == TimeField.MESSAGE_TIME ? LogDocuments.MESSAGE_TIME : LogDocuments.RECEIPT_TIME;
            sort.addObject().put(timeField, "desc");
            sort.addObject().put(LogDocuments.MESSAGE_ID, "desc");
        } else {
            sort.addObject().put(LogDocuments.MESSAGE_ID, "asc");
        }
        if (searchAfter != null) {
            body.set("search_after", searchAfter);
        }
        OpenSearchConnection.Response response = connection.expectSuccess("scanning log messages", "POST", path,
                bytes(body), OpenSearchConnection.JSON);
        int hits;
        try {
            hits = readPage(response.body());
        } catch (IOException unreadable) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "OpenSearch sent an unreadable search page: " + unreadable.getMessage(), unreadable);
        }
        if (hits < PAGE_SIZE) {
            exhausted = true;
        }
    }

    /** Reads the page's pit id, shard failures and hits; returns the number of hits. */
    private int readPage(byte[] body) throws IOException {
        int hits = 0;
        boolean[] check = new boolean[1];
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "pit_id" -> {
                        if (pointInTime != null) {
                            pointInTime = parser.getText();
                        }
                    }
                    case "_shards" -> {
                        JsonNode shards = mapper.readTree(parser);
                        if (shards.path("failed").asInt() > 0) {
                            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "OpenSearch shards failed during a scan: "
                                    + shards.path("failures"));
                        }
                    }
                    case "hits" -> hits = readHits(parser, check);
                    default -> parser.skipChildren();
                }
            }
        }
        return hits;
    }

    private int readHits(JsonParser parser, boolean[] check) throws IOException {
        int count = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (!name.equals("hits")) {
                parser.skipChildren();
                continue;
            }
            expect(parser.currentToken(), JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                StoredMessage message = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String hitField = parser.currentName();
                    parser.nextToken();
                    switch (hitField) {
                        case "_source" -> message = LogDocuments.read(parser, check);
                        case "sort" -> searchAfter = mapper.readTree(parser);
                        default -> parser.skipChildren();
                    }
                }
                if (message == null) {
                    throw new IOException("a hit without _source");
                }
                page.add(message);
                pageChecks.add(check[0]);
                count++;
            }
        }
        return count;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", found " + actual);
        }
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public void close() {
        page.clear();
        pageChecks.clear();
        exhausted = true;
        if (pointInTime == null) {
            return;
        }
        String id = pointInTime;
        pointInTime = null;
        try {
            ObjectNode body = mapper.createObjectNode();
            body.putArray("pit_id").add(id);
            OpenSearchConnection.Response response = connection.send("DELETE", "/_search/point_in_time", bytes(body),
                    OpenSearchConnection.JSON);
            if (!response.isSuccess() && response.status() != 404) {
                LOG.warn("could not close an OpenSearch point in time ({}); it expires after {}", response.status(), KEEP_ALIVE);
            }
        } catch (LoupeException unreachable) {
            LOG.warn("could not close an OpenSearch point in time; it expires after {}: {}", KEEP_ALIVE, unreachable.getMessage());
        }
    }
}
