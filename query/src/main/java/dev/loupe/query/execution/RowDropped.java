package dev.loupe.query.execution;

/**
 * Thrown by a function whose input makes Sumo drop the row ({@code isPrivateIP} and its siblings on an invalid
 * address, spec §2.18). {@link FilterOperator} and {@link AssignOperator} catch it and pass the row no further.
 * One shared instance without a stack trace: it is control flow, not an error.
 */
final class RowDropped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final RowDropped INSTANCE = new RowDropped();

    private RowDropped() {
        super("the row is dropped", null, false, false);
    }
}
