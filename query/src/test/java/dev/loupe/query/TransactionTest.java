package dev.loupe.query;

import static dev.loupe.query.EngineFixture.BASE;
import static dev.loupe.query.EngineFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code transaction ... results by transactions|states|flow} (spec §2.17). Messages are one second apart. */
class TransactionTest {
    private static final String STATES = "parse \"session=* \" as s | transaction on s with \"login\" as login,"
            + " with \"view\" as view, with \"logout\" as logout";

    /** Two overlapping sessions; B never logs out. */
    private static EngineFixture sessions() {
        return new EngineFixture().add(
                "session=A login",
                "session=B login",
                "session=A view page",
                "session=A logout",
                "session=B view page",
                "session=C unrelated");
    }

    @Test
    void byTransactions_startEndAndStateCounts_withZeroForStatesNeverSeen() {
        QueryResult result = sessions().run(STATES);

        assertThat(result.fields()).extracting(ResultField::name)
                .containsExactly("s", "_start_time", "_end_time", "login", "view", "logout");
        assertThat(rows(result, "s", "_start_time", "_end_time", "login", "view", "logout")).containsExactly(
                List.of("A", BASE, BASE + 3000, 1L, 1L, 1L),
                List.of("B", BASE + 1000, BASE + 4000, 1L, 1L, 0L));
    }

    @Test
    void fringe_splitsTransactionsAtLongPauses() {
        QueryResult result = sessions().run(STATES.replace("on s", "on s fringe=1s") + " results by transactions");

        assertThat(rows(result, "s", "_start_time", "_end_time")).containsExactly(
                List.of("A", BASE, BASE),
                List.of("B", BASE + 1000, BASE + 1000),
                List.of("A", BASE + 2000, BASE + 3000),
                List.of("B", BASE + 4000, BASE + 4000));
    }

    @Test
    void byStates_countsEventsPerState() {
        QueryResult result = sessions().run(STATES + " results by states");

        assertThat(rows(result, "state", "_count")).containsExactly(List.of("login", 2L), List.of("view", 2L),
                List.of("logout", 1L));
    }

    @Test
    void byFlow_countsTransitionsWithTheirAverageLatency() {
        QueryResult result = sessions().run(STATES + " results by flow");

        assertThat(rows(result, "fromstate", "tostate", "_count", "latency")).containsExactly(
                List.of("login", "view", 2L, 2500.0),
                List.of("view", "logout", 1L, 1000.0));
    }

    @Test
    void withStatesInAField_matchesWholeValues() {
        EngineFixture fixture = new EngineFixture().add("id=1 action=start", "id=1 action=restart",
                "id=1 action=stop", "id=2 action=start");

        QueryResult result = fixture.run("parse \"id=* action=*\" as id, action"
                + " | transaction on id with states start, stop in action results by flow");

        assertThat(rows(result, "fromstate", "tostate", "_count", "latency"))
                .containsExactly(List.of("start", "stop", 1L, 2000.0));
    }

    @Test
    void emptyInput() {
        EngineFixture fixture = new EngineFixture();

        assertThat(fixture.run(STATES).rows()).isEmpty();
        assertThat(rows(fixture.run(STATES + " results by states"), "state", "_count")).containsExactly(
                List.of("login", 0L), List.of("view", 0L), List.of("logout", 0L));
        assertThat(fixture.run(STATES + " results by flow").rows()).isEmpty();
    }

    @Test
    void oneMessage() {
        QueryResult result = new EngineFixture().add("session=Z view x").run(STATES);

        assertThat(rows(result, "s", "_start_time", "_end_time", "login", "view")).containsExactly(
                List.of("Z", BASE, BASE, 0L, 1L));
    }

    @Test
    void moreThanTenThousandKeys_exceedsTheGroupLimit() {
        EngineFixture fixture = new EngineFixture();
        for (int index = 0; index <= 10_000; index++) {
            fixture.addAt(BASE + index, "key=" + index + " hit");
        }

        assertThat(fixture.failure("parse \"key=* \" as k | transaction on k with \"hit\" as hit").errorCode())
                .isEqualTo(ErrorCode.QUERY_LIMIT_EXCEEDED);
    }

    @Test
    void showing_isUnsupported() {
        assertThat(sessions().failure(STATES + " showing _count").errorCode()).isEqualTo(ErrorCode.QUERY_UNSUPPORTED);
    }
}
