package dev.loupe.server.search;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.server.ApiException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Admits Search Job API requests per access key: at most {@link SearchRateLimits#concurrentRequestsPerKey} at once,
 * and a token bucket of {@link SearchRateLimits#burstPerKey} tokens refilled at
 * {@link SearchRateLimits#requestsPerSecondPerKey}. Thread-safe; one state object per access key seen, kept for
 * the server's life (keys are few).
 *
 * <p>Every {@link #admit} that returns must be paired with {@link Permit#close()}, in a try-with-resources.
 */
final class SearchRateLimiter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final SearchRateLimits limits;
    private final LongSupplier nanoTime;
    private final Map<String, KeyState> keys = new ConcurrentHashMap<>();

    /** A held admission; closing it ends the request's share of the concurrency limit. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass their own)
     */
    SearchRateLimiter(SearchRateLimits limits, LongSupplier nanoTime) {
        this.limits = requireNonNull(limits, "limits is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    /**
     * Admits one request of {@code accessId}.
     *
     * @throws ApiException 429 {@code rate.limit.exceeded} when the key has too many requests in flight or has
     *     spent its rate budget
     */
    Permit admit(String accessId) {
        KeyState state = keys.computeIfAbsent(accessId, id -> new KeyState(limits.burstPerKey(), nanoTime.getAsLong()));
        synchronized (state) {
            if (state.inFlight >= limits.concurrentRequestsPerKey()) {
                throw exceeded("more than " + limits.concurrentRequestsPerKey()
                        + " concurrent search requests for access id '" + accessId + "'");
            }
            long now = nanoTime.getAsLong();
            state.tokens = Math.min(limits.burstPerKey(),
                    state.tokens + (now - state.refilledNanos) * limits.requestsPerSecondPerKey() / NANOS_PER_SECOND);
            state.refilledNanos = now;
            if (state.tokens < 1) {
                throw exceeded("more than " + limits.requestsPerSecondPerKey() + " search requests per second for "
                        + "access id '" + accessId + "'");
            }
            state.tokens -= 1;
            state.inFlight++;
        }
        return () -> {
            synchronized (state) {
                state.inFlight--;
            }
        };
    }

    private static ApiException exceeded(String what) {
        return new ApiException(ErrorCode.OVERLOADED, 429, "rate.limit.exceeded", what + "; retry after a second");
    }

    /** One key's budget; guarded by its own monitor. */
    private static final class KeyState {
        private double tokens;
        private long refilledNanos;
        private int inFlight;

        KeyState(double tokens, long refilledNanos) {
            this.tokens = tokens;
            this.refilledNanos = refilledNanos;
        }
    }
}
