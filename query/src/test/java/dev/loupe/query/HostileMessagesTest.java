package dev.loupe.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.LogMessage;
import dev.loupe.core.TimeRange;
import dev.loupe.testing.InMemoryLogStore;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Messages built to hurt the engine at search time (JSON nested 100,000 deep, a 2 MB line, invalid surrogates,
 * unbalanced JSON) next to ordinary ones: every extraction operator runs over them without failing the query, the
 * ordinary messages still give their fields, and the hostile ones simply yield nothing (as a message without the
 * field would).
 */
class HostileMessagesTest {
    private static final long BASE = 1_790_000_000_000L;
    private static final QueryContext CONTEXT = new QueryContext(new TimeRange(BASE - 3_600_000, BASE + 3_600_000),
            ZoneOffset.UTC, false, BASE);
    private static final int ORDINARY = 5;
    private static final LogQueryEngine ENGINE = engine();

    private static LogQueryEngine engine() {
        List<String> raws = new ArrayList<>();
        raws.add("[".repeat(100_000) + "]".repeat(100_000));
        raws.add("{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000));
        raws.add("{\"a\":".repeat(100_000));
        raws.add("{\"user\":\"" + "x".repeat(2_000_000) + "\"}");
        raws.add("{\"user\":\"\uD800\",\"n\":\"\uDFFF\"}");
        raws.add("<a>".repeat(50_000));
        for (int index = 0; index < ORDINARY; index++) {
            raws.add("{\"user\":\"u" + index + "\",\"n\":" + index + "} user=u" + index);
        }
        List<LogMessage> messages = new ArrayList<>();
        for (int index = 0; index < raws.size(); index++) {
            messages.add(LogMessage.of(raws.get(index), BASE + index, BASE + index));
        }
        InMemoryLogStore store = new InMemoryLogStore();
        store.append(messages);
        return new LogQueryEngine(store);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "* | json \"user\" nodrop | where user matches \"u*\" | count",
        "* | json auto | where user matches \"u*\" | count",
        "* | json field=_raw \"user\" as user | where user matches \"u*\" | count",
        "* | parse \"user=*\" as user nodrop | where user matches \"u*\" | count",
        "* | parse regex \"user=(?<user>u\\\\d+)\" | count",
        "* | kv \"user\" | where user matches \"u*\" | count",
        "* | parse xml \"/a/b\" as b nodrop | where isNull(b) | parse \"user=*\" as user | count"
    })
    void extractionOverHostileMessagesKeepsWorking(String query) {
        QueryResult result = ENGINE.execute(query, CONTEXT);
        assertThat(result.rows()).hasSize(1);
        assertThat(((Number) result.rows().getFirst()[result.fieldIndex("_count")]).longValue()).isEqualTo(ORDINARY);
    }

    @Test
    void everyMessageIsStillCountedAndSearchable() {
        assertThat(((Number) ENGINE.execute("* | count", CONTEXT).rows().getFirst()[0]).longValue())
                .isEqualTo(ORDINARY + 6);
        assertThat(ENGINE.execute("\"u3\"", CONTEXT).messageCount()).isEqualTo(1);
    }
}
