package dev.loupe.server.search;

/**
 * The Search Job API's limits, past which a request is answered 429 {@code rate.limit.exceeded} with
 * {@code Retry-After}. Sumo's own are 10 concurrent requests per access key, 4 requests/s per user and 200 active
 * jobs per organisation; Loupe keeps the first and the last and is more generous with the rate, because a
 * self-hosted server has no neighbours to protect and clients poll status every fraction of a second.
 *
 * @param concurrentRequestsPerKey requests of one access key being handled at once
 * @param requestsPerSecondPerKey the sustained request rate of one access key (a token bucket's refill)
 * @param burstPerKey how many requests one access key may send at once after a quiet spell (the bucket's size)
 * @param maxActiveJobs search jobs held by the server at once, all keys together
 */
public record SearchRateLimits(int concurrentRequestsPerKey, double requestsPerSecondPerKey, int burstPerKey,
        int maxActiveJobs) {
    public SearchRateLimits {
        if (concurrentRequestsPerKey < 1 || requestsPerSecondPerKey <= 0 || burstPerKey < 1 || maxActiveJobs < 1) {
            throw new IllegalArgumentException("every search rate limit must be positive: concurrent "
                    + concurrentRequestsPerKey + ", rate " + requestsPerSecondPerKey + ", burst " + burstPerKey
                    + ", jobs " + maxActiveJobs);
        }
    }

    /** 10 concurrent requests, 100 requests/s with bursts of 200 per access key, 200 jobs. */
    public static SearchRateLimits defaults() {
        return new SearchRateLimits(10, 100, 200, 200);
    }
}
