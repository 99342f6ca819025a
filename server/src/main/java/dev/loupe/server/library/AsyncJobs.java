package dev.loupe.server.library;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCategory;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.server.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous jobs of the Content and Apps APIs: start answers {@code {"id"}} at once, the work runs on a
 * virtual thread, and the status ({@code InProgress}, then {@code Success} or {@code Failed}) and result are
 * polled. A job is only visible under the kind and scope (content id, folder id, app) it was started with, and
 * only to the user who started it. Finished jobs are forgotten an hour after they end. Thread-safe.
 */
public final class AsyncJobs {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncJobs.class);
    private static final Duration RETENTION = Duration.ofHours(1);

    /** What a job does; part of its identity, so an export job id is not an import job id. */
    public enum Kind {
        EXPORT,
        IMPORT,
        DELETE,
        COPY,
        GLOBAL_FOLDER,
        ADMIN_RECOMMENDED_FOLDER,
        APP_INSTALL
    }

    /** The body of {@code {"id"}}: Sumo's {@code BeginAsyncJobResponse}. */
    public record Started(String id) {}

    /** Sumo's {@code AsyncJobStatus}: {@code status} is {@code InProgress}, {@code Success} or {@code Failed}. */
    public record Status(String status, String statusMessage, ErrorDescription error) {}

    /** Sumo's {@code ErrorDescription} of a failed job. */
    public record ErrorDescription(String code, String message) {}

    /**
     * What a successful job leaves.
     *
     * @param statusMessage the status message, null for none (an import's is {@code id:<new content id>})
     * @param result the body of the job's {@code /result}, null for jobs without one
     */
    public record Completion(String statusMessage, Object result) {}

    private record Key(Kind kind, String scope, String jobId) {}

    private record Job(String ownerId, Status status, Object result, Instant finishedAt) {}

    private final Map<Key, Job> jobs = new ConcurrentHashMap<>();
    private final Clock clock;

    public AsyncJobs(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Starts {@code work} on a virtual thread and returns the job id (16 upper-case hex digits). An exception
     * from the work fails the job: a user error with its code and message, anything else as an internal error
     * logged here with its stack trace.
     */
    public Started start(Kind kind, String scope, String ownerId, Supplier<Completion> work) {
        forgetOldJobs();
        Key key = new Key(kind, scope, ContentId.random().toString());
        jobs.put(key, new Job(ownerId, new Status("InProgress", null, null), null, null));
        Thread.ofVirtual().name("content-job-" + key.jobId()).start(() -> run(key, ownerId, work));
        return new Started(key.jobId());
    }

    private void run(Key key, String ownerId, Supplier<Completion> work) {
        Job finished;
        try {
            Completion completion = work.get();
            finished = new Job(ownerId, new Status("Success", completion.statusMessage(), null), completion.result(),
                    clock.instant());
        } catch (ApiException exception) {
            finished = failed(ownerId, exception.apiCode(), exception.getMessage());
        } catch (LoupeException exception) {
            if (exception.errorCode().category() == ErrorCategory.INTERNAL_ERROR) {
                LOG.atError().setCause(exception).addKeyValue("job", key.jobId()).log("content job failed");
            }
            finished = failed(ownerId, exception.errorCode().code(), exception.getMessage());
        } catch (RuntimeException exception) {
            LOG.atError().setCause(exception).addKeyValue("job", key.jobId()).log("content job failed");
            finished = failed(ownerId, ErrorCode.INTERNAL.code(), "internal error in job " + key.jobId());
        }
        jobs.put(key, finished);
    }

    private Job failed(String ownerId, String code, String message) {
        return new Job(ownerId, new Status("Failed", message, new ErrorDescription(code, message)), null,
                clock.instant());
    }

    /**
     * The job's status.
     *
     * @throws ApiException 404 {@code jobid.invalid} when there is no such job for this kind, scope and user
     */
    public Status status(Kind kind, String scope, String ownerId, String jobId) {
        return job(kind, scope, ownerId, jobId).status();
    }

    /**
     * The result of a successful job.
     *
     * @throws ApiException 404 when there is no such job; 400 {@code job.not.done} while it runs, or when it failed
     */
    public Object result(Kind kind, String scope, String ownerId, String jobId) {
        Job job = job(kind, scope, ownerId, jobId);
        if (!job.status().status().equals("Success")) {
            throw new ApiException(ErrorCode.INVALID_INPUT, 400, "job.not.done", "job " + jobId + " is "
                    + job.status().status() + ", it has no result");
        }
        return job.result();
    }

    private Job job(Kind kind, String scope, String ownerId, String jobId) {
        Job job = jobs.get(new Key(kind, scope, jobId == null ? "" : jobId.toUpperCase(Locale.ROOT)));
        if (job == null || !job.ownerId().equals(ownerId)) {
            throw new ApiException(ErrorCode.NOT_FOUND, 404, "jobid.invalid", "there is no job " + jobId + " here");
        }
        return job;
    }

    private void forgetOldJobs() {
        Instant limit = clock.instant().minus(RETENTION);
        jobs.values().removeIf(job -> job.finishedAt() != null && job.finishedAt().isBefore(limit));
    }
}
