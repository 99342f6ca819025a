package dev.loupe.store.spi;

/** The order in which a scan returns messages. */
public enum ScanOrder {
    /** Newest first by the scan's {@link TimeField}; ties in any order. Sumo's default message order. */
    NEWEST_FIRST,
    /** Any order the store finds fastest (e.g. for aggregations). */
    UNORDERED
}
