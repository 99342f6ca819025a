package dev.loupe.query;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long one query may run and how much memory its row-holding operators may retain; set once per engine.
 *
 * @param timeLimit past it the query fails with {@code QUERY_TIMEOUT}; positive
 * @param memoryBudgetBytes the estimated bytes one query may retain in groups, sorted, transposed and collected
 *     rows and its histogram; past it the query fails with {@code QUERY_LIMIT_EXCEEDED}; positive
 */
public record QueryLimits(Duration timeLimit, long memoryBudgetBytes) {
    /** The default time limit. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofMinutes(5);
    /** The default budget is this fraction of the maximum heap. */
    public static final double DEFAULT_HEAP_FRACTION = 0.25;

    public QueryLimits {
        requireNonNull(timeLimit, "timeLimit is null");
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive: " + timeLimit);
        }
        if (memoryBudgetBytes <= 0) {
            throw new IllegalArgumentException("memoryBudgetBytes must be positive: " + memoryBudgetBytes);
        }
    }

    /** Five minutes, and a quarter of the maximum heap. */
    public static QueryLimits defaults() {
        return new QueryLimits(DEFAULT_TIME_LIMIT, (long) (Runtime.getRuntime().maxMemory() * DEFAULT_HEAP_FRACTION));
    }

    public QueryLimits withTimeLimit(Duration limit) {
        return new QueryLimits(limit, memoryBudgetBytes);
    }

    public QueryLimits withMemoryBudgetBytes(long bytes) {
        return new QueryLimits(timeLimit, bytes);
    }
}
