package dev.loupe.query.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.query.QueryContext;
import dev.loupe.query.QueryResult;
import dev.loupe.testing.InMemoryLogStore;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Runs function expressions as real queries: one message with the given custom fields in an
 * {@link InMemoryLogStore}, the expression assigned with {@code as result}, the value of {@code result} read back.
 */
final class FunctionQueries {
    static final long BASE = 1_700_000_000_000L;
    static final TimeRange RANGE = new TimeRange(BASE - 3_600_000, BASE + 3_600_000);

    private final ZoneId zone;

    FunctionQueries(ZoneId zone) {
        this.zone = zone;
    }

    FunctionQueries() {
        this(ZoneOffset.UTC);
    }

    /** The value of {@code expression} on a message whose custom fields are {@code fields}. */
    Object value(String expression, Map<String, String> fields) {
        QueryResult result = run("| " + expression + " as result", fields);
        assertThat(result.rows()).as("rows of %s", expression).hasSize(1);
        return result.rows().get(0)[result.fieldIndex("result")];
    }

    Object value(String expression) {
        return value(expression, Map.of());
    }

    /** The query result of {@code query} over one message with {@code fields}. */
    QueryResult run(String query, Map<String, String> fields) {
        InMemoryLogStore store = new InMemoryLogStore();
        store.append(List.of(new LogMessage("message", BASE, BASE + 5, "test", "name", "host", "source",
                "collector", fields)));
        return new LogQueryEngine(store).execute(query, new QueryContext(RANGE, zone, false, BASE + 3_600_000));
    }

    /** The error a query raises. */
    LoupeException failure(String expression, Map<String, String> fields) {
        return catchThrowableOfType(LoupeException.class, () -> run("| " + expression + " as result", fields));
    }

    LoupeException failure(String expression) {
        return failure(expression, Map.of());
    }
}
