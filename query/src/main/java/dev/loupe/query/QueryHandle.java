package dev.loupe.query;

/**
 * The caller's side of one running query: cancel it from another thread, and read how many messages it has matched
 * so far. Pass a new handle to {@link LogQueryEngine#execute(String, QueryContext, QueryHandle)}; one handle per
 * query.
 *
 * <p>Thread-safe. Cancellation is cooperative: the engine checks the handle between scanned rows and in the
 * operators that hold rows, and then fails the query with {@code QUERY_CANCELLED}; a query blocked inside the store
 * notices it once the store hands over its next batch. Cancelling a finished query does nothing.
 */
public final class QueryHandle {
    private volatile boolean cancelled;
    private volatile long messageCount;

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

    /** Called by the engine on the query's thread. */
    void reportMessageCount(long count) {
        messageCount = count;
    }
}
