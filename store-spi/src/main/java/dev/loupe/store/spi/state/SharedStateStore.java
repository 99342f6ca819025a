package dev.loupe.store.spi.state;

import java.util.Optional;

/**
 * Where several Loupe servers of one deployment keep the state they must share (users, access keys, HTTP sources,
 * field extraction rules, the library): one document, replaced whole, with optimistic concurrency. A server keeps its
 * own copy and compares versions before using it (see the server's {@code Database}). Thread-safe.
 *
 * <p>The document is opaque to the store: UTF-8 JSON written and read by the server. It is small (kilobytes to a few
 * megabytes) and changes rarely (an install, a new key), so replacing it whole keeps every change atomic.
 */
public interface SharedStateStore extends AutoCloseable {

    /**
     * The version of the stored document, read without the document (cheap: called before every use of the copy).
     *
     * @return empty when no document was ever stored
     * @throws dev.loupe.core.LoupeException {@code OVERLOADED} when the store cannot be reached, {@code
     *     STORAGE_FAILURE} when it fails
     */
    Optional<Version> currentVersion();

    /**
     * The stored document with its version.
     *
     * @return empty when no document was ever stored
     * @throws dev.loupe.core.LoupeException as {@link #currentVersion()}
     */
    Optional<Versioned> load();

    /**
     * Replaces the document if it is still at {@code expected} (or, for an empty {@code expected}, if there is none
     * yet). Durable when this returns a version.
     *
     * @param document UTF-8 JSON (an object)
     * @return the new version; empty when another writer replaced the document first (nothing was written: reload
     *     and try again)
     * @throws dev.loupe.core.LoupeException as {@link #currentVersion()}; then the document may or may not have
     *     been replaced
     */
    Optional<Version> replace(Optional<Version> expected, byte[] document);

    @Override
    void close();

    /**
     * A version of the document: equal versions mean the same document.
     *
     * @param sequenceNumber the store's sequence number of the write
     * @param term the store's term of the write (a sequence number is unique within a term)
     */
    record Version(long sequenceNumber, long term) {}

    /** A document and its version. */
    record Versioned(Version version, byte[] document) {}
}
