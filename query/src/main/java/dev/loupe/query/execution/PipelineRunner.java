package dev.loupe.query.execution;

import dev.loupe.core.TimeRange;
import java.util.List;

/** Runs the first nodes of the current plan again over another time range ({@code compare}). */
interface PipelineRunner {
    /**
     * Scans {@code range} and runs plan nodes {@code 0..nodeCount-1}.
     *
     * @return the rows reaching the end of those nodes, in order
     */
    List<Row> run(int nodeCount, TimeRange range);
}
