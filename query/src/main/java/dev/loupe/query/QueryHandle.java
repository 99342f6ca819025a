package dev.loupe.query;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The caller's side of one running query: cancel it from another thread, and read how far it got. Pass a new
 * handle to {@link LogQueryEngine#execute(String, QueryContext, QueryHandle)}; one handle per query.
 *
 * <p>Thread-safe. Cancellation is cooperative: the engine checks the handle between scanned rows and in the
 * operators that hold rows, and then fails the query with {@code QUERY_CANCELLED}; a query blocked inside the store
 * notices it once the store hands over its next batch. Cancelling a finished query does nothing.
 */
public final class QueryHandle {
    private volatile boolean cancelled;
    private volatile long messageCount;
    private volatile Supplier<QueryResult> progress;

    /** Asks the query to stop; it ends with {@code QUERY_CANCELLED} soon after. Idempotent. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * The messages matched so far (those that reached the first aggregate, or the end of a message query): grows
     * while the scan proceeds, updated every few rows; the final count is the result's.
     */
    public long messageCount() {
        return messageCount;
    }

    /**
     * What the query has found so far, while it runs: the messages collected so far (a message query scans newest
     * first, so they are the first rows of the final result, unless a {@code sort} holds them back), no records,
     * the matched count and histogram so far, and for an aggregate query kept messages so far. Empty before the
     * query started scanning. Costs a copy of the rows found so far; call it when a client asks, not in a loop.
     */
    public Optional<QueryResult> partialResult() {
        Supplier<QueryResult> source = progress;
        return source == null ? Optional.empty() : Optional.of(source.get());
    }

    /** Called by the engine on the query's thread. */
    void reportMessageCount(long count) {
        messageCount = count;
    }

    /** Called by the engine when the query starts: {@code source} builds a partial result on any thread. */
    void watch(Supplier<QueryResult> source) {
        progress = source;
    }
}
