package dev.loupe.query;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The answer to a log query: messages (no aggregate in the query) or records (the table of the last aggregate
 * and what follows it). Immutable.
 *
 * <p>Each row is an array aligned with {@code fields}; a value is a {@link String}, {@link Long}, {@link Double},
 * {@link Boolean} or null (field absent on that row).
 *
 * <p>The same type describes a query still running ({@link QueryHandle#partialResult()}): then the rows are the
 * messages found so far, the records are empty, and the counts and histogram cover what was scanned so far.
 *
 * @param kind messages or records
 * @param fields the columns, in query order (messages: built-in fields first, then extracted ones)
 * @param rows the rows in result order (messages newest first unless the query sorted them)
 * @param messageCount how many messages matched the scope and passed the operators before the first aggregate
 * @param histogram message counts over time for those messages, oldest bucket first
 * @param matchedMessages for a records result run with {@link QueryContext#keepMatchedMessages()}: the messages
 *     that reached the first aggregate, as a {@link Kind#MESSAGES} result, newest first, at most the newest
 *     {@value dev.loupe.query.execution.QueryExecutor#MAX_MESSAGES}; otherwise empty
 */
public record QueryResult(Kind kind, List<ResultField> fields, List<Object[]> rows, long messageCount,
        List<HistogramBucket> histogram, Optional<QueryResult> matchedMessages) {

    /** Whether a result is a list of messages or a table of records. */
    public enum Kind {
        MESSAGES,
        RECORDS
    }

    public QueryResult {
        requireNonNull(kind, "kind is null");
        fields = List.copyOf(fields);
        rows = List.copyOf(rows);
        histogram = List.copyOf(histogram);
        requireNonNull(matchedMessages, "matchedMessages is null");
    }

    /** A result without matched messages. */
    public QueryResult(Kind kind, List<ResultField> fields, List<Object[]> rows, long messageCount,
            List<HistogramBucket> histogram) {
        this(kind, fields, rows, messageCount, histogram, Optional.empty());
    }

    /** The index of a field by case-insensitive name, or -1. */
    public int fieldIndex(String name) {
        for (int index = 0; index < fields.size(); index++) {
            if (fields.get(index).name().equalsIgnoreCase(name)) {
                return index;
            }
        }
        return -1;
    }
}
