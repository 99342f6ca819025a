package dev.loupe.query.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.query.QueryContext;
import dev.loupe.query.QueryResult;
import dev.loupe.query.ResultField;
import dev.loupe.testing.InMemoryLogStore;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A store, an engine and a query context for the time-series tests, with result accessors. */
final class SeriesEngine {
    private final InMemoryLogStore store = new InMemoryLogStore();
    private final LogQueryEngine engine = new LogQueryEngine(store);
    private QueryContext context;

    SeriesEngine(long fromMillis, long toMillis, ZoneId zone) {
        this.context = new QueryContext(new TimeRange(fromMillis, toMillis), zone, false, toMillis);
    }

    void add(long time, String raw) {
        store.append(List.of(new LogMessage(raw, time, time, "cat", "name", "host", "source", "collector", Map.of())));
    }

    void range(long fromMillis, long toMillis, ZoneId zone) {
        context = new QueryContext(new TimeRange(fromMillis, toMillis), zone, false, toMillis);
    }

    QueryResult run(String query) {
        return engine.execute(query, context);
    }

    LoupeException failure(String query) {
        return catchThrowableOfType(LoupeException.class, () -> run(query));
    }

    static List<String> names(QueryResult result) {
        return result.fields().stream().map(ResultField::name).toList();
    }

    static List<Object> column(QueryResult result, String name) {
        int index = result.fieldIndex(name);
        assertThat(index).as("column %s in %s", name, names(result)).isNotNegative();
        List<Object> values = new ArrayList<>();
        for (Object[] row : result.rows()) {
            values.add(row[index]);
        }
        return values;
    }
}
