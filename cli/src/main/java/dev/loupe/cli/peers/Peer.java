package dev.loupe.cli.peers;

import java.util.Optional;

/**
 * A tool that answers {@link Task}s over the benchmark's events: Loupe itself, DuckDB, {@code jq}, {@code rg}.
 * Called from one thread; {@link #close()} releases what the peer holds (connections, temporary files).
 */
public interface Peer extends AutoCloseable {
    /** The name shown in the table, e.g. {@code DuckDB (raw JSON)}. */
    String name();

    /** Whether the peer runs its tasks once, without warm-up, because each run reads every byte of the data. */
    boolean slow();

    /**
     * Whether the peer runs inside the benchmark's JVM (Loupe, DuckDB), so that the process's CPU time during a run
     * is the peer's: a figure that holds up on a machine busy with other work, where wall time does not.
     */
    boolean inProcess();

    /** Whether the peer's answers count groups; a peer that only filters (rg) is compared on the total alone. */
    boolean groups();

    /**
     * Runs {@code task} once.
     *
     * @return the answer, or empty when this tool cannot express the task (it is then shown as not run)
     * @throws Exception when the tool failed; the comparison records the failure and goes on
     */
    Optional<Answer> answer(Task task) throws Exception;

    @Override
    void close() throws Exception;
}
