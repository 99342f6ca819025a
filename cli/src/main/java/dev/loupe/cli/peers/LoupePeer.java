package dev.loupe.cli.peers;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.TimeRange;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.query.QueryContext;
import dev.loupe.query.QueryResult;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Loupe itself: each task's query through the {@link LogQueryEngine} over the store the events were ingested into,
 * in the same JVM as the other peers, over the data set's time range in UTC. The answer's total is the result's
 * {@link QueryResult#messageCount() message count} (the events that reached the first aggregate); its groups are
 * the result's rows.
 */
public final class LoupePeer implements Peer {
    private final LogQueryEngine engine;
    private final TimeRange range;

    public LoupePeer(LogQueryEngine engine, TimeRange range) {
        this.engine = requireNonNull(engine, "engine is null");
        this.range = requireNonNull(range, "range is null");
    }

    @Override
    public String name() {
        return "Loupe";
    }

    @Override
    public boolean slow() {
        return false;
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public boolean groups() {
        return true;
    }

    @Override
    public Optional<Answer> answer(Task task) {
        QueryResult result = engine.execute(task.loupeQuery(), new QueryContext(range, ZoneOffset.UTC, false, range.toMillis()));
        long groups = result.kind() == QueryResult.Kind.RECORDS ? result.rows().size() : 1;
        return Optional.of(new Answer(result.messageCount(), groups));
    }

    @Override
    public void close() {
        // The engine and its store belong to the caller.
    }
}
