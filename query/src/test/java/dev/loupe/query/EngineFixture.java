package dev.loupe.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.query.lookup.LookupTables;
import dev.loupe.testing.InMemoryLogStore;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An engine over an in-memory store for operator tests: messages one second apart, newest last added. */
final class EngineFixture {
    static final long BASE = 1_700_000_000_000L;
    static final QueryContext CONTEXT = new QueryContext(new TimeRange(BASE - 3_600_000, BASE + 3_600_000),
            ZoneOffset.UTC, false, BASE + 3_600_000);

    private final InMemoryLogStore store = new InMemoryLogStore();
    private final LogQueryEngine engine;
    private int added;

    EngineFixture(LookupTables tables) {
        engine = new LogQueryEngine(store, tables);
    }

    EngineFixture() {
        engine = new LogQueryEngine(store);
    }

    /** Adds messages, each one second after the previous (so results list them in reverse). */
    EngineFixture add(String... raws) {
        for (String raw : raws) {
            add(raw, Map.of());
        }
        return this;
    }

    EngineFixture add(String raw, Map<String, String> fields) {
        long time = BASE + 1000L * added++;
        store.append(List.of(new LogMessage(raw, time, time + 5, "test/category", "name", "host", "source",
                "collector", fields)));
        return this;
    }

    /** Adds one message at {@code time} (outside the one-second sequence). */
    EngineFixture addAt(long time, String raw) {
        store.append(List.of(new LogMessage(raw, time, time + 5, "test/category", "name", "host", "source",
                "collector", Map.of())));
        return this;
    }

    QueryResult run(String query) {
        return engine.execute(query, CONTEXT);
    }

    LoupeException failure(String query) {
        LoupeException exception = catchThrowableOfType(LoupeException.class, () -> run(query));
        assertThat(exception).as("query %s should fail", query).isNotNull();
        return exception;
    }

    /** A column's values in result order. */
    static List<Object> column(QueryResult result, String name) {
        int index = result.fieldIndex(name);
        assertThat(index).as("column %s in %s", name, result.fields()).isNotNegative();
        List<Object> values = new ArrayList<>();
        for (Object[] row : result.rows()) {
            values.add(row[index]);
        }
        return values;
    }

    /** The rows as lists of the named columns, in result order. */
    static List<List<Object>> rows(QueryResult result, String... names) {
        List<List<Object>> rows = new ArrayList<>();
        for (Object[] row : result.rows()) {
            List<Object> values = new ArrayList<>();
            for (String name : names) {
                int index = result.fieldIndex(name);
                assertThat(index).as("column %s in %s", name, result.fields()).isNotNegative();
                values.add(row[index]);
            }
            rows.add(values);
        }
        return rows;
    }
}
