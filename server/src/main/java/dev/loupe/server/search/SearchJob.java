package dev.loupe.server.search;

import static java.util.Objects.requireNonNull;

import dev.loupe.query.HistogramBucket;
import dev.loupe.query.QueryHandle;
import dev.loupe.query.QueryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * One search job's mutable state. All methods synchronize on the job; the query thread calls the {@code mark*}
 * and {@code complete}/{@code fail} methods, request threads read. {@link #cancel} cancels the running query through
 * its {@link QueryHandle} (cooperatively: the query thread is not interrupted), which also reports the growing
 * message count while the job is gathering.
 */
final class SearchJob {
    private final String id;
    private final SearchJobRequest request;
    private final QueryHandle handle = new QueryHandle();
    private SearchJobState state = SearchJobState.NOT_STARTED;
    private QueryResult result;
    private long messageCount;
    private long recordCount;
    private final List<HistogramBucket> undeliveredBuckets = new ArrayList<>();
    private final List<String> undeliveredErrors = new ArrayList<>();
    private final List<String> undeliveredWarnings = new ArrayList<>();
    private long lastAccessMillis;
    private Future<?> execution;

    /** A consistent copy of what a status call reports, with the pending lists drained. */
    record Snapshot(SearchJobState state, List<HistogramBucket> buckets, long messageCount, long recordCount,
            List<String> warnings, List<String> errors) {}

    SearchJob(String id, SearchJobRequest request, long createdMillis) {
        this.id = requireNonNull(id, "id is null");
        this.request = requireNonNull(request, "request is null");
        this.lastAccessMillis = createdMillis;
    }

    String id() {
        return id;
    }

    SearchJobRequest request() {
        return request;
    }

    /** The handle the query runs under. */
    QueryHandle handle() {
        return handle;
    }

    synchronized void attach(Future<?> future) {
        this.execution = future;
    }

    synchronized void touch(long nowMillis) {
        lastAccessMillis = nowMillis;
    }

    synchronized long lastAccessMillis() {
        return lastAccessMillis;
    }

    /** Returns false when the job was cancelled before it started. */
    synchronized boolean markGathering() {
        if (state != SearchJobState.NOT_STARTED) {
            return false;
        }
        state = SearchJobState.GATHERING_RESULTS;
        return true;
    }

    synchronized void complete(QueryResult queryResult) {
        if (state == SearchJobState.CANCELLED) {
            return;
        }
        result = queryResult;
        messageCount = queryResult.messageCount();
        recordCount = queryResult.kind() == QueryResult.Kind.RECORDS ? queryResult.rows().size() : 0;
        undeliveredBuckets.addAll(queryResult.histogram());
        state = SearchJobState.DONE_GATHERING_RESULTS;
    }

    synchronized void fail(String error) {
        if (state == SearchJobState.CANCELLED) {
            return;
        }
        undeliveredErrors.add(error);
        state = SearchJobState.DONE_GATHERING_RESULTS;
    }

    /** Stops the query (it ends soon after with {@code QUERY_CANCELLED}) and drops any result. */
    synchronized void cancel() {
        state = SearchJobState.CANCELLED;
        result = null;
        handle.cancel();
        if (execution != null) {
            execution.cancel(false);
        }
    }

    /** The finished result, or null while gathering, after a failure or after cancel. */
    synchronized QueryResult result() {
        return state == SearchJobState.DONE_GATHERING_RESULTS ? result : null;
    }

    synchronized Snapshot drainStatus() {
        long messages = state == SearchJobState.GATHERING_RESULTS ? handle.messageCount() : messageCount;
        Snapshot snapshot = new Snapshot(state, List.copyOf(undeliveredBuckets), messages, recordCount,
                List.copyOf(undeliveredWarnings), List.copyOf(undeliveredErrors));
        undeliveredBuckets.clear();
        undeliveredWarnings.clear();
        undeliveredErrors.clear();
        return snapshot;
    }
}
