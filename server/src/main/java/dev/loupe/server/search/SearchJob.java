package dev.loupe.server.search;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.SourceSpan;
import dev.loupe.query.HistogramBucket;
import dev.loupe.query.QueryHandle;
import dev.loupe.query.QueryResult;
import dev.loupe.query.execution.QueryExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * One search job's mutable state. The query thread calls {@link #markGathering}, {@link #complete} and
 * {@link #fail}; request threads read. State changes synchronize on the job; building a view of a running query
 * ({@link QueryHandle#partialResult()}) happens outside the job's lock. {@link #cancel} cancels the running query
 * through its {@link QueryHandle} (cooperatively: the query thread is not interrupted).
 *
 * <p>Histogram buckets are delivered as increments: each status call returns, per bucket, the messages counted
 * since the previous call (a bucket that grew shows again with the difference), so adding up every call's buckets
 * gives the histogram, as Sumo's clients do.
 */
final class SearchJob {
    private final String id;
    private final SearchJobRequest request;
    private final QueryHandle handle = new QueryHandle();
    private SearchJobState state = SearchJobState.NOT_STARTED;
    private QueryResult result;
    private final Map<BucketKey, Long> deliveredCounts = new HashMap<>();
    private final List<SearchJobBodies.ErrorDetail> undeliveredErrors = new ArrayList<>();
    private final List<String> undeliveredWarnings = new ArrayList<>();
    private long lastAccessMillis;
    private Future<?> execution;

    /** A consistent copy of what a status call reports, with the pending lists drained. */
    record Snapshot(SearchJobState state, List<HistogramBucket> buckets, long messageCount, long recordCount,
            List<String> warnings, List<SearchJobBodies.ErrorDetail> errors) {}

    private record BucketKey(long startMillis, long lengthMillis) {}

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
        if (queryResult.kind() == QueryResult.Kind.MESSAGES && queryResult.rows().size() >= QueryExecutor.MAX_MESSAGES) {
            undeliveredWarnings.add("the query found more than " + QueryExecutor.MAX_MESSAGES + " messages; only the "
                    + "newest " + QueryExecutor.MAX_MESSAGES + " are kept: narrow the time range or the scope");
        }
        queryResult.matchedMessages().ifPresent(kept -> {
            if (queryResult.messageCount() > kept.rows().size()) {
                undeliveredWarnings.add(queryResult.messageCount() + " messages matched; /messages pages the newest "
                        + kept.rows().size());
            }
        });
        state = SearchJobState.DONE_GATHERING_RESULTS;
    }

    /** Ends the job with an error; {@code span} is where in the query it is, or null. */
    synchronized void fail(String error, String code, SourceSpan span) {
        if (state == SearchJobState.CANCELLED) {
            return;
        }
        undeliveredErrors.add(span == null ? new SearchJobBodies.ErrorDetail(error, code, null, null, null, null)
                : new SearchJobBodies.ErrorDetail(error, code, span.line(), span.column(), span.start(), span.end()));
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

    /**
     * What the job has to show now: the final result once done, what the query found so far while gathering
     * (messages so far, no records), or null (not started, failed, cancelled).
     */
    QueryResult view() {
        synchronized (this) {
            if (state == SearchJobState.DONE_GATHERING_RESULTS) {
                return result;
            }
            if (state != SearchJobState.GATHERING_RESULTS) {
                return null;
            }
        }
        return handle.partialResult().orElse(null);
    }

    /** The status: counts so far, histogram increments since the last call, pending warnings and errors. */
    Snapshot drainStatus() {
        QueryResult partial = view();
        synchronized (this) {
            QueryResult view = state == SearchJobState.DONE_GATHERING_RESULTS ? result : partial;
            List<HistogramBucket> buckets = new ArrayList<>();
            long messages = handle.messageCount();
            long records = 0;
            if (view != null) {
                messages = view.messageCount();
                if (state == SearchJobState.DONE_GATHERING_RESULTS && view.kind() == QueryResult.Kind.RECORDS) {
                    records = view.rows().size();
                }
                for (HistogramBucket bucket : view.histogram()) {
                    BucketKey key = new BucketKey(bucket.startMillis(), bucket.lengthMillis());
                    long delivered = deliveredCounts.getOrDefault(key, 0L);
                    if (bucket.count() > delivered) {
                        buckets.add(new HistogramBucket(bucket.startMillis(), bucket.lengthMillis(),
                                bucket.count() - delivered));
                        deliveredCounts.put(key, bucket.count());
                    }
                }
            }
            Snapshot snapshot = new Snapshot(state, buckets, messages, records, List.copyOf(undeliveredWarnings),
                    List.copyOf(undeliveredErrors));
            undeliveredWarnings.clear();
            undeliveredErrors.clear();
            return snapshot;
        }
    }
}
