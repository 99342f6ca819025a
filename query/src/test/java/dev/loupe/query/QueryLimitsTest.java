package dev.loupe.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.query.lookup.LookupTables;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.spi.StoredMessage;
import dev.loupe.testing.InMemoryLogStore;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cancellation, the time limit and the memory budget of one query, and the engine staying usable afterwards. */
class QueryLimitsTest {
    private static final long BASE = 1_790_000_000_000L;
    private static final QueryContext CONTEXT = new QueryContext(new TimeRange(BASE - 3_600_000, BASE + 3_600_000),
            ZoneOffset.UTC, false, BASE);

    @Test
    void cancellingASlowScanEndsTheQueryPromptly() throws Exception {
        SlowStore store = new SlowStore(Duration.ofMillis(5));
        LogQueryEngine engine = new LogQueryEngine(store);
        QueryHandle handle = new QueryHandle();
        try (ExecutorService runner = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("query-", 0).factory())) {
            Future<QueryResult> running = runner.submit(() -> engine.execute("* | count by _sourcehost", CONTEXT, handle));
            waitUntil(() -> handle.messageCount() > 0);
            long cancelledAt = System.nanoTime();
            handle.cancel();
            assertThatThrownBy(() -> running.get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(LoupeException.class,
                            failure -> assertThat(failure.errorCode()).isEqualTo(ErrorCode.QUERY_CANCELLED));
            assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(5));
            assertThat(store.cursorClosed).isTrue();
        }
    }

    @Test
    void aQueryPastItsTimeLimitFailsWithQueryTimeout() {
        SlowStore store = new SlowStore(Duration.ofMillis(2));
        LogQueryEngine engine = new LogQueryEngine(store, LookupTables.empty(),
                QueryLimits.defaults().withTimeLimit(Duration.ofMillis(300)));
        assertThatThrownBy(() -> engine.execute("error | count", CONTEXT))
                .isInstanceOfSatisfying(LoupeException.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo(ErrorCode.QUERY_TIMEOUT);
                    assertThat(failure.getMessage()).contains("the query ran longer than 300 ms");
                });
        assertThat(store.cursorClosed).isTrue();
    }

    @Test
    void groupsPastTheMemoryBudgetFailClearlyAndTheEngineKeepsWorking() {
        InMemoryLogStore store = new InMemoryLogStore();
        List<LogMessage> messages = new ArrayList<>();
        for (int index = 0; index < 20_000; index++) {
            messages.add(new LogMessage("user=u" + index + " action=login", BASE + index, BASE + index, "app", "log",
                    "host-" + (index % 3), "http", "collector", java.util.Map.of()));
        }
        store.append(messages);
        LogQueryEngine engine = new LogQueryEngine(store, LookupTables.empty(),
                QueryLimits.defaults().withMemoryBudgetBytes(1024 * 1024));
        assertThatThrownBy(() -> engine.execute("* | parse \"user=* \" as user | count by user", CONTEXT))
                .isInstanceOfSatisfying(LoupeException.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo(ErrorCode.QUERY_LIMIT_EXCEEDED);
                    assertThat(failure.getMessage()).startsWith("the query needs more than 1 MB for its groups; ");
                });
        assertThatThrownBy(() -> engine.execute("* | parse \"user=* \" as user | count_distinct(user)", CONTEXT))
                .isInstanceOfSatisfying(LoupeException.class,
                        failure -> assertThat(failure.getMessage()).contains("for its groups"));
        QueryResult hosts = engine.execute("* | count by _sourcehost", CONTEXT);
        assertThat(hosts.rows()).hasSize(3);
        assertThat(hosts.messageCount()).isEqualTo(20_000);
    }

    @Test
    void sortedRowsCountAgainstTheBudgetToo() {
        InMemoryLogStore store = new InMemoryLogStore();
        List<LogMessage> messages = new ArrayList<>();
        for (int index = 0; index < 5_000; index++) {
            messages.add(LogMessage.of("x".repeat(400) + index, BASE + index, BASE + index));
        }
        store.append(messages);
        LogQueryEngine engine = new LogQueryEngine(store, LookupTables.empty(),
                QueryLimits.defaults().withMemoryBudgetBytes(1024 * 1024));
        assertThatThrownBy(() -> engine.execute("* | sort by _raw", CONTEXT))
                .isInstanceOfSatisfying(LoupeException.class,
                        failure -> assertThat(failure.errorCode()).isEqualTo(ErrorCode.QUERY_LIMIT_EXCEEDED));
        assertThat(engine.execute("* | count", CONTEXT).rows().getFirst()[0]).isEqualTo(5_000L);
    }

    /*
     * Each operator that holds its input until the end buffers rows the rest of the query never keeps (a final
     * where drops everything), so the smallest budget the query needs without the operator is too small with it,
     * and the failure names the operator. Without the charge, the query with the operator would run at that budget.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "compare; * | timeslice 1s | count by _timeslice; | compare with timeshift 1d; | where _count < 0",
        "predict; * | timeslice 1s | count by _timeslice; | predict _count by 1s; | where _count < 0",
        "fillmissing; * | timeslice 1s | count by _timeslice; | fillmissing timeslice; | where _count < 0",
        "filter; * | parse \"user=* \" as user | count by user; | filter user in (top 1 user by _count); | where _count < 0",
        "merge; *; | merge _raw takeLast as last; | where isNull(_raw)",
        "sessionize; *; | sessionize \"user=* session=*\" as (user, session); | where isNull(_raw)",
        "trace; *; | trace \"next=(\\w+)\" \"u1\"; | where isNull(_raw)",
        "transactionize; * | parse \"session=* \" as session; | transactionize session; | where isNull(_raw)"
    })
    void operatorsThatBufferTheirInputChargeTheBudget(String operator, String prefix, String step, String dropAll) {
        InMemoryLogStore store = new InMemoryLogStore();
        List<LogMessage> messages = new ArrayList<>();
        for (int index = 0; index < 3_000; index++) {
            messages.add(LogMessage.of("user=u" + index + " session=s" + (index % 40) + "; next=u" + (index + 1) + " "
                    + "x".repeat(300), BASE - 1_000_000 + index * 1000L, BASE));
        }
        store.append(messages);
        String without = prefix + " " + dropAll;
        String with = prefix + " " + step + " " + dropAll;
        long budget = smallestBudget(store, without);
        LogQueryEngine engine = new LogQueryEngine(store, LookupTables.empty(),
                QueryLimits.defaults().withMemoryBudgetBytes(budget));
        assertThat(engine.execute(without, CONTEXT).rows()).isEmpty();
        assertThatThrownBy(() -> engine.execute(with, CONTEXT))
                .isInstanceOfSatisfying(LoupeException.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo(ErrorCode.QUERY_LIMIT_EXCEEDED);
                    assertThat(failure.getMessage()).contains("for the rows " + operator + " holds until its input ends");
                });
        LogQueryEngine roomy = new LogQueryEngine(store, LookupTables.empty(),
                QueryLimits.defaults().withMemoryBudgetBytes(64L * 1024 * 1024));
        assertThat(roomy.execute(with, CONTEXT).rows()).as("the query itself is valid and runs with room").isEmpty();
    }

    /** The smallest budget (within 1 KB) at which {@code query} runs, by bisection. */
    private static long smallestBudget(LogStore store, String query) {
        long tooSmall = 1;
        long enough = 64L * 1024 * 1024;
        while (enough - tooSmall > 1024) {
            long middle = (tooSmall + enough) >>> 1;
            LogQueryEngine engine = new LogQueryEngine(store, LookupTables.empty(),
                    QueryLimits.defaults().withMemoryBudgetBytes(middle));
            try {
                engine.execute(query, CONTEXT);
                enough = middle;
            } catch (LoupeException failure) {
                assertThat(failure.errorCode()).as("%s: %s", query, failure.getMessage())
                        .isEqualTo(ErrorCode.QUERY_LIMIT_EXCEEDED);
                tooSmall = middle;
            }
        }
        return enough;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** A fake of a slow disk: an endless stream of messages, one every {@code delay}. */
    private static final class SlowStore implements LogStore {
        private final Duration delay;
        private volatile boolean cursorClosed;

        SlowStore(Duration delay) {
            this.delay = delay;
        }

        @Override
        public void append(List<LogMessage> messages) {
            throw new UnsupportedOperationException("read-only fake");
        }

        @Override
        public LogCursor scan(LogScan scan) {
            return new LogCursor() {
                private long id;
                private StoredMessage current;

                @Override
                public boolean next() {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", interrupted);
                    }
                    id++;
                    current = new StoredMessage(id, new LogMessage("error number " + id, BASE, BASE, "slow", "disk",
                            "host-" + (id % 4), "http", "collector", java.util.Map.of()));
                    return true;
                }

                @Override
                public StoredMessage current() {
                    return current;
                }

                @Override
                public void close() {
                    cursorClosed = true;
                }
            };
        }

        @Override
        public void close() {}
    }
}
