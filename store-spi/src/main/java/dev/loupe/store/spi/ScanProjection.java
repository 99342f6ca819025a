package dev.loupe.store.spi;

/**
 * What of each message the consumer of a {@link LogScan} reads. A store may leave out what the projection does not
 * name, and should when that saves reading (a store that always returns whole messages is correct too). The
 * filter is applied to whole messages whatever the projection: it only decides what the returned messages carry.
 */
public enum ScanProjection {
    /** Everything: {@code _raw}, both times, the id, metadata and custom fields. */
    WHOLE_MESSAGE,
    /**
     * Only {@code _messagetime} and {@code _receipttime}: the returned message's {@code _raw} and metadata may be
     * empty, its fields empty and its id -1 (for example {@code * | timeslice 1m | count by _timeslice}).
     */
    TIMES_ONLY
}
