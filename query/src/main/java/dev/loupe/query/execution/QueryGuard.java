package dev.loupe.query.execution;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Enforces one query's cancellation, time limit and memory budget, and reports its progress.
 *
 * <p>The scan loop calls {@link #rowScanned} for every row; every {@value #CHECK_INTERVAL} rows that publishes the
 * matched count and checks cancellation and the deadline (a volatile read and {@link System#nanoTime}). Operators
 * that retain rows (aggregate groups, sort, transpose, the result collector, the histogram, and the operators that
 * buffer their input through a {@link RowBuffer}) {@link #reserve} an
 * estimate of the bytes they keep ({@link RetainedSize}) and {@link #release} it when they let go; the reservation
 * fails with {@code QUERY_LIMIT_EXCEEDED} once the query's total passes the budget, long before the heap is gone.
 *
 * <p>Not thread-safe: used by the one thread that runs the query (and its subqueries, through {@link #child}). Only
 * the cancellation supplier is read across threads, and it must be thread-safe.
 */
public final class QueryGuard {
    /** Rows between two checks of cancellation and the deadline. */
    static final int CHECK_INTERVAL = 16;
    private static final long MEGABYTE = 1024 * 1024;

    /** What retained memory is for: names the culprit and the way out in the error. */
    enum MemoryUse {
        GROUPS("its groups", "group by fewer or coarser fields, or narrow the time range or the scope"),
        SORTED_ROWS("sorting", "aggregate or filter before sorting, or narrow the time range"),
        TRANSPOSED_ROWS("transposing", "aggregate to fewer rows first"),
        RESULT_ROWS("its results", "narrow the time range or the scope, or aggregate"),
        HISTOGRAM("counting its messages", "narrow the time range or the scope"),
        BUFFERED_ROWS("the rows %s holds until its input ends",
                "aggregate or filter before that operator, or narrow the time range or the scope");

        private final String purpose;
        private final String advice;

        MemoryUse(String purpose, String advice) {
            this.purpose = purpose;
            this.advice = advice;
        }
    }

    private final BooleanSupplier cancelled;
    private final LongConsumer progress;
    private final Duration timeLimit;
    private final long deadlineNanos;
    private final long budgetBytes;
    private long retainedBytes;
    private int rowsSinceCheck;

    /**
     * Starts the clock.
     *
     * @param cancelled whether the caller cancelled the query; read from the query thread, set from any thread
     * @param progress receives the matched message count from time to time
     * @param timeLimit how long the query may run from now
     * @param budgetBytes how many estimated bytes the query's operators may retain together
     */
    public QueryGuard(BooleanSupplier cancelled, LongConsumer progress, Duration timeLimit, long budgetBytes) {
        this(cancelled, progress, timeLimit, System.nanoTime() + timeLimit.toNanos(), budgetBytes);
    }

    private QueryGuard(BooleanSupplier cancelled, LongConsumer progress, Duration timeLimit, long deadlineNanos,
            long budgetBytes) {
        this.cancelled = requireNonNull(cancelled, "cancelled is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.timeLimit = requireNonNull(timeLimit, "timeLimit is null");
        this.deadlineNanos = deadlineNanos;
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("budgetBytes must be positive: " + budgetBytes);
        }
        this.budgetBytes = budgetBytes;
    }

    /** A guard for a subquery: the same cancellation and deadline, its own memory account, no progress reports. */
    public QueryGuard child() {
        return new QueryGuard(cancelled, count -> { }, timeLimit, deadlineNanos, budgetBytes);
    }

    /**
     * Called once per scanned row with the messages matched so far (negative when this run does not count them, as
     * a {@code compare} re-run); checks every {@value #CHECK_INTERVAL} rows.
     */
    void rowScanned(long matchedMessages) {
        if (++rowsSinceCheck >= CHECK_INTERVAL) {
            rowsSinceCheck = 0;
            if (matchedMessages >= 0) {
                progress.accept(matchedMessages);
            }
            check();
        }
    }

    /**
     * @throws LoupeException {@code QUERY_CANCELLED} once the caller cancelled, {@code QUERY_TIMEOUT} past the
     *     deadline
     */
    public void check() {
        if (cancelled.getAsBoolean()) {
            throw new LoupeException(ErrorCode.QUERY_CANCELLED, "the query was cancelled");
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new LoupeException(ErrorCode.QUERY_TIMEOUT, "the query ran longer than " + describe(timeLimit)
                    + ", the limit; narrow the time range or the scope, or aggregate earlier");
        }
    }

    /**
     * Accounts for {@code bytes} more retained by {@code use}.
     *
     * @throws LoupeException {@code QUERY_LIMIT_EXCEEDED} when the query's total passes the budget
     */
    void reserve(long bytes, MemoryUse use) {
        retainedBytes += bytes;
        if (retainedBytes > budgetBytes) {
            throw exceeded(use, use.purpose);
        }
    }

    /**
     * Accounts for {@code bytes} more rows buffered by {@code operator} (see {@link RowBuffer}).
     *
     * @throws LoupeException {@code QUERY_LIMIT_EXCEEDED} naming the operator when the total passes the budget
     */
    void reserveBuffered(long bytes, String operator) {
        retainedBytes += bytes;
        if (retainedBytes > budgetBytes) {
            // formatted only on failure: this runs once per buffered row
            throw exceeded(MemoryUse.BUFFERED_ROWS, MemoryUse.BUFFERED_ROWS.purpose.formatted(operator));
        }
    }

    private LoupeException exceeded(MemoryUse use, String purpose) {
        return new LoupeException(ErrorCode.QUERY_LIMIT_EXCEEDED, "the query needs more than "
                + Math.max(1, budgetBytes / MEGABYTE) + " MB for " + purpose + "; " + use.advice);
    }

    /** Gives back bytes an operator no longer retains. */
    void release(long bytes) {
        retainedBytes = Math.max(0, retainedBytes - bytes);
    }

    /** The bytes currently accounted for. */
    long retainedBytes() {
        return retainedBytes;
    }

    private static String describe(Duration duration) {
        if (duration.toSeconds() >= 60 && duration.toSecondsPart() == 0) {
            return duration.toMinutes() + " minute" + (duration.toMinutes() == 1 ? "" : "s");
        }
        if (duration.toMillis() >= 1000 && duration.toMillisPart() == 0) {
            return duration.toSeconds() + " s";
        }
        return duration.toMillis() + " ms";
    }
}
