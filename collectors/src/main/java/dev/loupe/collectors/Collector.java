package dev.loupe.collectors;

/**
 * A source Loupe polls. {@link CollectorRunner} calls {@link #poll} on the collector's own thread, one call at a
 * time; implementations need not be thread-safe but must tolerate {@link #close} from another thread after the
 * runner has stopped polling.
 */
public interface Collector extends AutoCloseable {
    /** The configured name. */
    String name();

    /**
     * Reads what is new since the last poll and stores it durably before returning; progress is recorded in the
     * collector's checkpoint only after the store has acknowledged the data.
     *
     * @return how many messages or samples were stored
     * @throws RuntimeException when the poll fails part-way: what was stored and checkpointed stays; the rest is
     *     read again by the next poll
     */
    long poll();

    /** Releases the AWS client. */
    @Override
    void close();
}
