package dev.loupe.query;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.analyzer.Analyzer;
import dev.loupe.query.analyzer.SubqueryRunner;
import dev.loupe.query.ast.Query;
import dev.loupe.query.execution.QueryExecutor;
import dev.loupe.query.execution.QueryGuard;
import dev.loupe.query.lookup.LookupTables;
import dev.loupe.query.parser.QueryParser;
import dev.loupe.query.plan.QueryPlan;
import dev.loupe.store.spi.LogStore;

/**
 * The facade of the log query engine: the only entry point the server and the CLI use.
 * Thread-safe; one instance serves concurrent queries, each on its caller's thread.
 *
 * <p>Every query runs under the engine's {@link QueryLimits} (a time limit and a memory budget for the rows and
 * groups it retains) and can be cancelled from another thread through its {@link QueryHandle}.
 */
public final class LogQueryEngine {
    private final LogStore store;
    private final LookupTables lookupTables;
    private final QueryLimits limits;

    /** An engine without lookup tables: every lookup fails with "lookup table X is not available". */
    public LogQueryEngine(LogStore store) {
        this(store, LookupTables.empty());
    }

    /**
     * @param lookupTables the tables {@code lookup}, {@code geoip} and {@code threatip} resolve, at analysis time
     */
    public LogQueryEngine(LogStore store, LookupTables lookupTables) {
        this(store, lookupTables, QueryLimits.defaults());
    }

    /**
     * @param limits each query's time limit and memory budget
     */
    public LogQueryEngine(LogStore store, LookupTables lookupTables, QueryLimits limits) {
        this.store = requireNonNull(store, "store is null");
        this.lookupTables = requireNonNull(lookupTables, "lookupTables is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    /**
     * Parses and analyzes a query without running it.
     *
     * @throws dev.loupe.core.LoupeException with a span for syntax errors, unknown operators or functions, and
     *     anything the engine cannot run yet ({@code QUERY_UNSUPPORTED})
     */
    public void check(String queryText) {
        requireNonNull(queryText, "queryText is null");
        Query query = QueryParser.parse(queryText);
        plan(query, new ChildQueryRunner(this, null, null), false);
    }

    /**
     * Runs a query to completion.
     *
     * @throws dev.loupe.core.LoupeException for invalid queries (as {@link #check}) and for limits reached
     */
    public QueryResult execute(String queryText, QueryContext context) {
        return execute(queryText, context, new QueryHandle());
    }

    /**
     * Runs a query to completion on the calling thread, unless {@code handle} is cancelled meanwhile.
     *
     * @param handle cancels the query from another thread and reports its progress; one per query
     * @throws dev.loupe.core.LoupeException for invalid queries (as {@link #check}), {@code QUERY_LIMIT_EXCEEDED}
     *     for limits reached (including the memory budget), {@code QUERY_TIMEOUT} past the time limit and {@code
     *     QUERY_CANCELLED} once the handle is cancelled
     */
    public QueryResult execute(String queryText, QueryContext context, QueryHandle handle) {
        requireNonNull(context, "context is null");
        requireNonNull(queryText, "queryText is null");
        requireNonNull(handle, "handle is null");
        QueryGuard guard = new QueryGuard(handle::isCancelled, handle::reportMessageCount, limits.timeLimit(),
                limits.memoryBudgetBytes());
        return execute(QueryParser.parse(queryText), context, guard, handle);
    }

    /**
     * Runs a parsed query; subqueries' child queries run first, each through this engine ({@link ChildQueryRunner})
     * under a {@link QueryGuard#child} of {@code guard}.
     */
    QueryResult execute(Query query, QueryContext context, QueryGuard guard) {
        return execute(query, context, guard, null);
    }

    /** As {@link #execute(Query, QueryContext, QueryGuard)}; a non-null {@code handle} can watch the progress. */
    private QueryResult execute(Query query, QueryContext context, QueryGuard guard, QueryHandle handle) {
        QueryPlan plan = plan(query, new ChildQueryRunner(this, context, guard), context.autoParse());
        try {
            QueryExecutor executor = new QueryExecutor(plan, context.range(), context.zone(), context.byReceiptTime(),
                    context.nowMillis(), context.keepMatchedMessages(), guard);
            if (handle != null) {
                handle.watch(executor::partialResult);
            }
            return executor.execute(store);
        } catch (LoupeException exception) {
            throw exception;
        } catch (StackOverflowError | RuntimeException failure) {
            throw new LoupeException(ErrorCode.INTERNAL, "the query failed: " + failure, failure);
        }
    }

    QueryPlan plan(Query query, SubqueryRunner subqueries, boolean autoParse) {
        try {
            return Analyzer.analyze(query, lookupTables, subqueries, autoParse);
        } catch (LoupeException exception) {
            throw exception;
        } catch (StackOverflowError | RuntimeException failure) {
            throw new LoupeException(ErrorCode.INTERNAL, "could not plan the query: " + failure, failure);
        }
    }
}
