package dev.loupe.server.search;

import java.util.List;
import java.util.Map;

/** The JSON bodies of the Search Job API, exactly as apis-and-clients.md §2 shows them. */
public final class SearchJobBodies {
    private SearchJobBodies() {}

    /** {@code {"id","link":{"rel","href"}}}, the 202 answer to a create. */
    public record Created(String id, Link link) {}

    /** A hypermedia link. */
    public record Link(String rel, String href) {}

    /** The status document; buckets and pending errors and warnings are those new since the last status call. */
    public record Status(SearchJobState state, List<Bucket> histogramBuckets, long messageCount, long recordCount,
            List<String> pendingWarnings, List<String> pendingErrors) {}

    /** One histogram bucket. */
    public record Bucket(long startTimestamp, long length, long count) {}

    /** A column: lower-case name, API type name, whether it is a group-by key. */
    public record Field(String name, String fieldType, boolean keyField) {}

    /** One row: every value a string. */
    public record Row(Map<String, String> map) {}

    /** A page of messages. */
    public record MessagesPage(List<Field> fields, List<Row> messages) {}

    /** A page of records. */
    public record RecordsPage(List<Field> fields, List<Row> records) {}

    /** The answer to a delete. */
    public record Deleted(String id) {}
}
