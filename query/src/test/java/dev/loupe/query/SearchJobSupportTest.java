package dev.loupe.query;

import static dev.loupe.query.EngineFixture.BASE;
import static dev.loupe.query.EngineFixture.column;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.LogMessage;
import dev.loupe.core.TimeRange;
import dev.loupe.query.execution.QueryExecutor;
import dev.loupe.testing.InMemoryLogStore;
import dev.loupe.testing.PausingLogStore;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What the Search Job API needs of the engine: the messages behind an aggregate ({@link
 * QueryResult#matchedMessages()}), AutoParse ({@link QueryContext#autoParse()}) and results while a query runs
 * ({@link QueryHandle#partialResult()}).
 */
class SearchJobSupportTest {
    private static final TimeRange RANGE = new TimeRange(BASE - 3_600_000, BASE + 3_600_000);

    private static QueryContext context(boolean autoParse, boolean keepMatchedMessages) {
        return new QueryContext(RANGE, ZoneOffset.UTC, false, BASE, autoParse, keepMatchedMessages);
    }

    private static InMemoryLogStore store(String... raws) {
        InMemoryLogStore store = new InMemoryLogStore();
        for (int index = 0; index < raws.length; index++) {
            store.append(List.of(new LogMessage(raws[index], BASE + 1000L * index, BASE + 1000L * index, "test/app",
                    "name", "host", "source", "collector", Map.of())));
        }
        return store;
    }

    @Test
    void aggregateKeepsTheMessagesThatReachedItNewestFirstWithTheirFields() {
        LogQueryEngine engine = new LogQueryEngine(store("user=ann ok", "user=bob error", "user=cy ok", "noise"));
        QueryResult result = engine.execute("ok | parse \"user=* \" as user | count by user", context(false, true));

        assertThat(result.kind()).isEqualTo(QueryResult.Kind.RECORDS);
        QueryResult messages = result.matchedMessages().orElseThrow();
        assertThat(messages.kind()).isEqualTo(QueryResult.Kind.MESSAGES);
        assertThat(column(messages, "_raw")).containsExactly("user=cy ok", "user=ann ok");
        assertThat(column(messages, "user")).containsExactly("cy", "ann");
        assertThat(messages.fieldIndex("_count")).isNegative();
    }

    @Test
    void matchedMessagesAreOnlyKeptWhenAskedAndNeverForMessageQueries() {
        LogQueryEngine engine = new LogQueryEngine(store("a", "b"));
        assertThat(engine.execute("* | count", context(false, false)).matchedMessages()).isEmpty();
        assertThat(engine.execute("*", context(false, true)).matchedMessages()).isEmpty();
        assertThat(engine.execute("* | count", context(false, true)).matchedMessages().orElseThrow().rows())
                .hasSize(2);
    }

    @Test
    void matchedMessagesKeepTheNewestUpToTheCap() {
        InMemoryLogStore store = new InMemoryLogStore();
        List<LogMessage> batch = new ArrayList<>();
        int total = QueryExecutor.MAX_MESSAGES + 50;
        for (int index = 0; index < total; index++) {
            batch.add(LogMessage.of("m" + index, BASE - 3_000_000 + index, BASE));
        }
        store.append(batch);
        QueryResult result = new LogQueryEngine(store).execute("* | count", context(false, true));
        QueryResult messages = result.matchedMessages().orElseThrow();
        assertThat(result.messageCount()).isEqualTo(total);
        assertThat(messages.rows()).hasSize(QueryExecutor.MAX_MESSAGES);
        assertThat(column(messages, "_raw").getFirst()).isEqualTo("m" + (total - 1));
        assertThat(column(messages, "_raw").getLast()).isEqualTo("m50");
    }

    @Test
    void autoParseMatchesJsonFieldsInTheScopeAndExtractsThemForTheQuery() {
        InMemoryLogStore store = store("{\"event\":\"login\",\"user\":\"ann\"}", "{\"event\":\"logout\",\"user\":\"ann\"}",
                "plain login text", "{\"event\":\"login\",\"user\":\"bob\"}");
        store.append(List.of(new LogMessage("custom field only", BASE + 10_000, BASE, "test/app", "n", "h", "s", "c",
                Map.of("event", "login"))));
        LogQueryEngine engine = new LogQueryEngine(store);

        QueryResult auto = engine.execute("event=login", context(true, false));
        assertThat(column(auto, "_raw")).containsExactly("custom field only", "{\"event\":\"login\",\"user\":\"bob\"}",
                "{\"event\":\"login\",\"user\":\"ann\"}");
        assertThat(column(auto, "event")).containsExactly("login", "login", "login");

        QueryResult manual = engine.execute("event=login", context(false, false));
        assertThat(column(manual, "_raw")).containsExactly("custom field only");

        QueryResult counted = engine.execute("event=login and not user=bob and user=* | count by user", context(true, false));
        assertThat(EngineFixture.rows(counted, "user", "_count")).containsExactly(List.of("ann", 1L));
        QueryResult grouped = engine.execute("_sourceCategory=test/app | count by event", context(true, false));
        assertThat(EngineFixture.rows(grouped, "event", "_count")).containsExactlyInAnyOrder(List.of("login", 3L),
                List.of("logout", 1L), Arrays.asList(null, 1L));
    }

    @Test
    void partialResultShowsWhatARunningQueryFoundSoFar() throws Exception {
        PausingLogStore store = new PausingLogStore(3);
        for (int index = 0; index < 5; index++) {
            store.append(List.of(LogMessage.of("line " + index, BASE + 1000L * index, BASE)));
        }
        LogQueryEngine engine = new LogQueryEngine(store);
        QueryHandle messagesHandle = new QueryHandle();
        CompletableFuture<QueryResult> messages = CompletableFuture.supplyAsync(
                () -> engine.execute("line", context(false, false), messagesHandle));
        store.awaitPaused();
        QueryResult soFar = messagesHandle.partialResult().orElseThrow();
        assertThat(column(soFar, "_raw")).containsExactly("line 4", "line 3", "line 2");
        assertThat(soFar.messageCount()).isEqualTo(3);
        assertThat(soFar.histogram().stream().mapToLong(HistogramBucket::count).sum()).isEqualTo(3);
        store.resume();
        assertThat(messages.get().rows()).hasSize(5);
    }

    @Test
    void partialResultOfAnAggregateHasCountsAndKeptMessagesButNoRecords() throws Exception {
        PausingLogStore store = new PausingLogStore(2);
        for (int index = 0; index < 4; index++) {
            store.append(List.of(LogMessage.of("line " + index, BASE + 1000L * index, BASE)));
        }
        LogQueryEngine engine = new LogQueryEngine(store);
        QueryHandle handle = new QueryHandle();
        CompletableFuture<QueryResult> running = CompletableFuture.supplyAsync(
                () -> engine.execute("line | count", context(false, true), handle));
        store.awaitPaused();
        QueryResult soFar = handle.partialResult().orElseThrow();
        assertThat(soFar.kind()).isEqualTo(QueryResult.Kind.RECORDS);
        assertThat(soFar.rows()).isEmpty();
        assertThat(soFar.messageCount()).isEqualTo(2);
        assertThat(soFar.matchedMessages().orElseThrow().rows()).hasSize(2);
        store.resume();
        assertThat(running.get().rows()).hasSize(1);
    }
}
