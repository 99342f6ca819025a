package dev.loupe.server.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The JSON bodies of the Search Job API, exactly as apis-and-clients.md §2 shows them. */
public final class SearchJobBodies {
    private SearchJobBodies() {}

    /** {@code {"id","link":{"rel","href"}}}, the 202 answer to a create. */
    public record Created(String id, Link link) {}

    /** A hypermedia link. */
    public record Link(String rel, String href) {}

    /**
     * The status document; buckets and pending errors and warnings are those new since the last status call.
     * {@code pendingErrorDetails} is Loupe's addition (absent when empty, so Sumo's clients see Sumo's document):
     * one entry per pending error, in the same order, with where in the query it is when it points into it.
     */
    public record Status(SearchJobState state, List<Bucket> histogramBuckets, long messageCount, long recordCount,
            List<String> pendingWarnings, List<String> pendingErrors,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ErrorDetail> pendingErrorDetails) {}

    /**
     * A pending error taken apart: {@code message} without the {@code line L, col C: } prefix, the code
     * ({@code query.syntax}, ...), and for an error in the query text the 1-based {@code line} and {@code column}
     * and the 0-based character range {@code [start, end)}; those four are null otherwise.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorDetail(String message, String code, Integer line, Integer column, Integer start, Integer end) {}

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
