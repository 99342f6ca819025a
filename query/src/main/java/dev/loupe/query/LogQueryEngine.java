package dev.loupe.query;

import static java.util.Objects.requireNonNull;

import dev.loupe.store.spi.LogStore;

/**
 * The facade of the log query engine: the only entry point the server and the CLI use.
 * Thread-safe; one instance serves concurrent queries.
 */
public final class LogQueryEngine {
    private final LogStore store;

    public LogQueryEngine(LogStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /**
     * Parses and analyzes a query without running it.
     *
     * @throws dev.loupe.core.LoupeException with a span for syntax errors, unknown operators or functions, and
     *     anything the engine cannot run yet ({@code QUERY_UNSUPPORTED})
     */
    public void check(String queryText) {
        throw new UnsupportedOperationException("being implemented");
    }

    /**
     * Runs a query to completion.
     *
     * @throws dev.loupe.core.LoupeException for invalid queries (as {@link #check}) and for limits reached
     */
    public QueryResult execute(String queryText, QueryContext context) {
        throw new UnsupportedOperationException("being implemented: " + store);
    }
}
