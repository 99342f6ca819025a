package dev.loupe.server.search;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.HistogramBucket;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.query.QueryContext;
import dev.loupe.query.QueryResult;
import dev.loupe.query.ResultField;
import dev.loupe.server.ApiException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Search Job API's logic, free of HTTP: creates jobs, runs each query on its own virtual thread through
 * {@link LogQueryEngine#execute}, answers status and page requests, cancels, and expires idle jobs. Thread-safe.
 *
 * <p>A query that fails (syntax error, unsupported operator, limit reached) does not fail the create: the job
 * ends {@code DONE GATHERING RESULTS} with zero counts and the error text (with its {@code line L, col C:}
 * prefix) in {@code pendingErrors}. A job not polled for the idle timeout is removed on its next access or by
 * {@link #expireIdleJobs()}, whichever comes first, and then answers 404 {@code jobid.invalid}.
 *
 * <p>While a job is {@code GATHERING RESULTS}, status reports the messages and histogram so far and the messages
 * pages show the messages found so far. Requests are admitted per access key by {@link #admit} (concurrency and
 * rate) and jobs are capped per server ({@link SearchRateLimits}).
 *
 * <p>Deleting or expiring a job cancels its query: the query thread stops within a few rows (or one batch of the
 * store's scan), and the job's state and rows become unreachable. While a job is {@code GATHERING RESULTS} its
 * status reports the messages matched so far.
 */
public final class SearchJobService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchJobService.class);

    private final LogQueryEngine engine;
    private final Clock clock;
    private final Duration idleTimeout;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("search-job-", 0).factory());
    private final Map<String, SearchJob> jobs = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final SearchRateLimits limits;
    private final SearchRateLimiter rateLimiter;

    /** A service with {@link SearchRateLimits#defaults()}. */
    public SearchJobService(LogQueryEngine engine, Clock clock, Duration idleTimeout) {
        this(engine, clock, idleTimeout, SearchRateLimits.defaults());
    }

    public SearchJobService(LogQueryEngine engine, Clock clock, Duration idleTimeout, SearchRateLimits limits) {
        this.engine = requireNonNull(engine, "engine is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.rateLimiter = new SearchRateLimiter(limits, System::nanoTime);
    }

    /**
     * Admits one request of {@code accessId} under the per-key limits; close the permit when the request is done.
     *
     * @throws ApiException 429 {@code rate.limit.exceeded} past the key's concurrency or rate limit
     */
    SearchRateLimiter.Permit admit(String accessId) {
        return rateLimiter.admit(requireNonNull(accessId, "accessId is null"));
    }

    /**
     * Starts a job and returns its id at once; the query runs in the background.
     *
     * @throws ApiException 429 {@code rate.limit.exceeded} when {@link SearchRateLimits#maxActiveJobs} jobs exist
     */
    public String create(SearchJobRequest request) {
        expireIdleJobs();
        if (jobs.size() >= limits.maxActiveJobs()) {
            throw new ApiException(ErrorCode.OVERLOADED, 429, "rate.limit.exceeded", "there are already "
                    + limits.maxActiveJobs() + " search jobs; delete finished ones or wait for them to expire");
        }
        long now = clock.millis();
        String id = HexFormat.of().withUpperCase().formatHex(randomBytes(8));
        SearchJob job = new SearchJob(id, request, now);
        jobs.put(id, job);
        job.attach(executor.submit(() -> run(job, now)));
        return id;
    }

    private void run(SearchJob job, long nowMillis) {
        if (!job.markGathering()) {
            return;
        }
        SearchJobRequest request = job.request();
        try {
            QueryContext context = new QueryContext(request.range(), request.zone(), request.byReceiptTime(), nowMillis,
                    request.autoParsingMode() == AutoParsingMode.AUTO_PARSE, request.requiresRawMessages());
            job.complete(engine.execute(request.query(), context, job.handle()));
        } catch (LoupeException exception) {
            if (exception.errorCode() == ErrorCode.QUERY_CANCELLED) {
                LOG.atDebug().addKeyValue("jobId", job.id()).log("search job cancelled while running");
                return;
            }
            job.fail(exception.detail(), exception.errorCode().code(), exception.span().orElse(null));
        } catch (RuntimeException exception) {
            String errorId = HexFormat.of().withUpperCase().formatHex(randomBytes(6));
            LOG.atError().setCause(exception).addKeyValue("jobId", job.id()).addKeyValue("errorId", errorId)
                    .log("search job failed unexpectedly");
            job.fail("internal error while running the query; quote error id " + errorId + " when reporting it",
                    ErrorCode.INTERNAL.code(), null);
        }
    }

    /** The status document; drains the histogram buckets and pending errors and warnings. */
    public SearchJobBodies.Status status(String id) {
        SearchJob.Snapshot snapshot = job(id).drainStatus();
        List<SearchJobBodies.Bucket> buckets = new ArrayList<>(snapshot.buckets().size());
        for (HistogramBucket bucket : snapshot.buckets()) {
            buckets.add(new SearchJobBodies.Bucket(bucket.startMillis(), bucket.lengthMillis(), bucket.count()));
        }
        List<String> errors = new ArrayList<>(snapshot.errors().size());
        for (SearchJobBodies.ErrorDetail error : snapshot.errors()) {
            errors.add(error.line() == null ? error.message()
                    : "line " + error.line() + ", col " + error.column() + ": " + error.message());
        }
        return new SearchJobBodies.Status(snapshot.state(), buckets, snapshot.messageCount(), snapshot.recordCount(),
                snapshot.warnings(), errors, snapshot.errors());
    }

    /**
     * A page of messages, newest first: those found so far while gathering; for an aggregate query the messages
     * that reached its first aggregate (the newest 100,000; none when the job was created with
     * {@code requiresRawMessages:false}); empty before the query starts or after an error.
     */
    public SearchJobBodies.MessagesPage messages(String id, PageRequest page) {
        QueryResult view = job(id).view();
        QueryResult messages = view == null ? null
                : view.kind() == QueryResult.Kind.MESSAGES ? view : view.matchedMessages().orElse(null);
        if (messages == null) {
            return new SearchJobBodies.MessagesPage(List.of(), List.of());
        }
        return new SearchJobBodies.MessagesPage(fields(messages), rows(messages, page));
    }

    /**
     * A page of records; empty while gathering (records exist once the aggregate has seen every message), before
     * the query starts, and after an error.
     *
     * @throws ApiException 400 {@code no.records.not.an.aggregation.query} when the query has no aggregate
     */
    public SearchJobBodies.RecordsPage records(String id, PageRequest page) {
        QueryResult result = job(id).view();
        if (result == null) {
            return new SearchJobBodies.RecordsPage(List.of(), List.of());
        }
        if (result.kind() != QueryResult.Kind.RECORDS) {
            throw new ApiException(ErrorCode.INVALID_INPUT, 400, "no.records.not.an.aggregation.query",
                    "the query has no aggregation operator, so it has messages but no records");
        }
        return new SearchJobBodies.RecordsPage(fields(result), rows(result, page));
    }

    /** Cancels and forgets a job; later calls with its id answer 404. */
    public void delete(String id) {
        SearchJob job = job(id);
        jobs.remove(id);
        job.cancel();
    }

    /** Cancels and removes every job idle longer than the timeout; called periodically by the server. */
    public void expireIdleJobs() {
        long now = clock.millis();
        Iterator<SearchJob> iterator = jobs.values().iterator();
        while (iterator.hasNext()) {
            SearchJob job = iterator.next();
            if (isExpired(job, now)) {
                iterator.remove();
                job.cancel();
            }
        }
    }

    /** The number of jobs currently held. */
    public int activeJobCount() {
        return jobs.size();
    }

    private boolean isExpired(SearchJob job, long now) {
        return now - job.lastAccessMillis() > idleTimeout.toMillis();
    }

    private SearchJob job(String id) {
        SearchJob job = id == null ? null : jobs.get(id);
        long now = clock.millis();
        if (job != null && isExpired(job, now)) {
            jobs.remove(id, job);
            job.cancel();
            job = null;
        }
        if (job == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, 404, "jobid.invalid",
                    "no search job with id '" + id + "': it never existed, was deleted or expired");
        }
        job.touch(now);
        return job;
    }

    private static List<SearchJobBodies.Field> fields(QueryResult result) {
        List<SearchJobBodies.Field> fields = new ArrayList<>(result.fields().size());
        for (ResultField field : result.fields()) {
            fields.add(new SearchJobBodies.Field(field.name().toLowerCase(Locale.ROOT), field.type().apiName(),
                    field.keyField()));
        }
        return fields;
    }

    private static List<SearchJobBodies.Row> rows(QueryResult result, PageRequest page) {
        List<Object[]> all = result.rows();
        int from = Math.min(page.offset(), all.size());
        int to = (int) Math.min((long) from + page.limit(), all.size());
        List<String> names = new ArrayList<>(result.fields().size());
        for (ResultField field : result.fields()) {
            names.add(field.name().toLowerCase(Locale.ROOT));
        }
        List<SearchJobBodies.Row> rows = new ArrayList<>(to - from);
        for (Object[] row : all.subList(from, to)) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int index = 0; index < names.size() && index < row.length; index++) {
                if (row[index] != null) {
                    map.put(names.get(index), ResultValues.asString(row[index]));
                }
            }
            rows.add(new SearchJobBodies.Row(map));
        }
        return rows;
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Cancels every job and stops the query threads. */
    @Override
    public void close() {
        for (SearchJob job : jobs.values()) {
            job.cancel();
        }
        jobs.clear();
        executor.shutdownNow();
    }
}
