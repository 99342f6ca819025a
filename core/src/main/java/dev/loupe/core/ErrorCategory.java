package dev.loupe.core;

/** What kind of failure an {@link ErrorCode} describes; the server maps each category to an HTTP status family. */
public enum ErrorCategory {
    /** The caller sent something wrong: a bad query, a bad time, bad input. Maps to 4xx. */
    USER_ERROR,
    /** A limit was reached (memory, disk, queue, rate). Maps to 429/503/507. */
    INSUFFICIENT_RESOURCES,
    /** A bug or an unexpected environment failure. Maps to 500, never with a stack trace in the response. */
    INTERNAL_ERROR
}
