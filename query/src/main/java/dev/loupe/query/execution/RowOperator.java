package dev.loupe.query.execution;

/**
 * A push-based pipeline step. The driver calls {@link #addInput} once per row, then {@link #finish} exactly once;
 * an operator forwards rows to its downstream operator from either call. Not thread-safe: one chain per query.
 */
interface RowOperator {

    /**
     * Takes one row (the operator may modify it and pass it on).
     *
     * @return false when no further input can change the result (e.g. a satisfied {@code limit}); the driver
     *     should stop feeding rows and call {@link #finish}
     */
    boolean addInput(Row row);

    /** Signals the end of input; buffering operators emit their rows now. */
    void finish();
}
