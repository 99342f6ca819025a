package dev.loupe.cli.peers;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One piece of work of the side-by-side benchmark, written once for each tool. Every form filters the events and
 * (unless {@code sqlGroupKeys} is empty) groups and counts them, so each tool answers with the same counts.
 *
 * @param name what the table shows (for the app's queries, the panel title)
 * @param kind which goal of the performance issue the task belongs to
 * @param loupeQuery the Loupe (Sumo) query, run over the data set's time range
 * @param sqlWhere the DuckDB filter over the CloudTrail columns ({@code TRUE} for every event)
 * @param sqlGroupKeys the DuckDB grouping expressions; empty for a search without grouping
 * @param jqSelect a {@code jq} boolean over one event, or empty when {@code jq} is not run on this task
 * @param jqKey the {@code jq} grouping key over one event ({@code "all"} for a search)
 * @param ripgrepLiteral a fixed string whose matching lines are exactly the task's events, or empty when {@code rg}
 *     cannot express the task
 * @param check what must agree between Loupe and each peer
 */
public record Task(String name, Kind kind, String loupeQuery, String sqlWhere, List<String> sqlGroupKeys,
        Optional<String> jqSelect, String jqKey, Optional<String> ripgrepLiteral, Check check) {

    /** The goal a task is measured against. */
    public enum Kind {
        /** One of the 13 log queries of the AWS API Gateway app (goal: ≥ 5× DuckDB over raw JSON). */
        APP_QUERY,
        /** One request id among all events (goal: ≥ 20× DuckDB over raw JSON and {@code rg}). */
        NEEDLE,
        /** {@code count by} a field with tens of thousands of values. */
        HIGH_CARDINALITY,
        /** {@code timeslice 1m | count} over every event. */
        TIMESLICE
    }

    /** What must agree for a peer's answer to count as the same answer as Loupe's. */
    public enum Check {
        /** The number of events that reached the grouping. */
        TOTAL,
        /** That number and the number of groups. */
        TOTAL_AND_GROUPS
    }

    public Task {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(loupeQuery, "loupeQuery is null");
        requireNonNull(sqlWhere, "sqlWhere is null");
        sqlGroupKeys = List.copyOf(sqlGroupKeys);
        requireNonNull(jqSelect, "jqSelect is null");
        requireNonNull(jqKey, "jqKey is null");
        requireNonNull(ripgrepLiteral, "ripgrepLiteral is null");
        requireNonNull(check, "check is null");
    }
}
