package dev.loupe.server.receiver;

import dev.loupe.core.ErrorCode;
import dev.loupe.server.ApiException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Back-pressure for one store: at most a fixed number of receiver requests may be reading, decoding and
 * appending at once. Past that, {@link #enter()} answers at once with a 429 (Sumo's throttling reply, which
 * clients resend) instead of queueing without bound, so a slow disk shows up as 429s and bounded memory, never
 * as dropped data: nothing is acknowledged that was not appended. Thread-safe.
 *
 * <pre>{@code
 * try (AppendGate.Permit permit = gate.enter()) {
 *     decode, then store.append(...)
 * }
 * }</pre>
 */
public final class AppendGate {
    /** Sumo's text for a throttled request, which clients and people recognise. */
    public static final String THROTTLED_MESSAGE =
            "You have temporarily exceeded your Sumo Logic quota. Please try again at a later time";
    /** The error code of a throttled request, as Sumo's APIs name it. */
    public static final String THROTTLED_CODE = "rate.limit.exceeded";

    private final Semaphore permits;
    private final int maxConcurrentRequests;

    /** @param maxConcurrentRequests how many requests may be in flight for the store, at least 1 */
    public AppendGate(int maxConcurrentRequests) {
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be positive: " + maxConcurrentRequests);
        }
        this.maxConcurrentRequests = maxConcurrentRequests;
        this.permits = new Semaphore(maxConcurrentRequests);
    }

    /**
     * Takes a permit without waiting.
     *
     * @throws ApiException 429 {@value #THROTTLED_CODE} when every permit is taken
     */
    public Permit enter() {
        if (!permits.tryAcquire()) {
            throw new ApiException(ErrorCode.OVERLOADED, 429, THROTTLED_CODE, THROTTLED_MESSAGE);
        }
        return new Permit(permits, new AtomicBoolean());
    }

    /** How many requests are in flight now (for tests and diagnostics). */
    public int inFlight() {
        return maxConcurrentRequests - permits.availablePermits();
    }

    /** A held permit; closing it (once or more) gives it back. */
    public record Permit(Semaphore permits, AtomicBoolean released) implements AutoCloseable {
        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        }
    }
}
