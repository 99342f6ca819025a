package dev.loupe.query;

import static dev.loupe.query.EngineFixture.BASE;
import static dev.loupe.query.EngineFixture.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.loupe.core.ErrorCode;
import dev.loupe.testing.InMemoryLogStore;
import org.junit.jupiter.api.Test;

/** Subqueries in the scope and in {@code where}/{@code if} (spec §2.16). */
class SubqueryTest {
    private static final String FAILED_USERS = "\"login failed\" | parse \"user=*\" as user";

    private static EngineFixture logins() {
        return new EngineFixture().add(
                "login failed user=alice",
                "action=delete by alice",
                "action=read by carol",
                "login failed user=bob",
                "action=write by bob");
    }

    @Test
    void inScope_withKeywords_searchesTheComposedValues() {
        QueryResult result = logins().run("[subquery: " + FAILED_USERS + " | compose user keywords]"
                + " | parse \"action=* by\" as action");

        assertThat(column(result, "action")).containsExactly("write", "delete");
    }

    @Test
    void inWhere_comparesFields() {
        QueryResult result = logins().run("parse \"action=* by *\" as action, user"
                + " | where [subquery: " + FAILED_USERS + " | compose user]");

        assertThat(column(result, "action")).containsExactly("write", "delete");
    }

    @Test
    void inIf_isABooleanCondition() {
        QueryResult result = logins().run("parse \"action=* by *\" as action, user"
                + " | if([subquery: " + FAILED_USERS + " | compose user], \"suspect\", \"ok\") as flag");

        assertThat(column(result, "flag")).containsExactly("suspect", "ok", "suspect");
    }

    @Test
    void maxResults_keepsTheChildsFirstRows() {
        QueryResult result = logins().run("parse \"action=* by *\" as action, user"
                + " | where [subquery: " + FAILED_USERS + " | compose user maxresults=1]");

        assertThat(column(result, "action")).containsExactly("write");
    }

    @Test
    void childWithNoRows_matchesNothing_inScopeAndWhere() {
        EngineFixture fixture = logins();

        assertThat(fixture.run("[subquery: nothing_here | parse \"user=*\" as user | compose user keywords]")
                .rows()).isEmpty();
        assertThat(fixture.run("parse \"action=* by *\" as action, user"
                + " | where [subquery: nothing_here | parse \"user=*\" as user | compose user]").rows()).isEmpty();
    }

    @Test
    void childRunsOverItsOwnTimeRange() {
        EngineFixture fixture = logins();

        assertThat(fixture.run("parse \"action=* by *\" as action, user | where [subquery from=(-15m): "
                + FAILED_USERS + " | compose user]").rows()).isEmpty();
        assertThat(column(fixture.run("parse \"action=* by *\" as action, user | where [subquery from=(" + BASE
                + ") to=(" + (BASE + 1500) + "): " + FAILED_USERS + " | compose user]"), "action"))
                .containsExactly("delete");
        assertThat(column(fixture.run("parse \"action=* by *\" as action, user | where [subquery"
                + " from=(2023-11-14 22:13:20) to=(2023-11-14 22:13:21): " + FAILED_USERS + " | compose user]"),
                "action")).containsExactly("delete");
    }

    @Test
    void composedFieldMissingFromChild_isAnError() {
        assertThat(logins().failure("[subquery: " + FAILED_USERS + " | compose nobody]").errorCode())
                .isEqualTo(ErrorCode.QUERY_INVALID);
    }

    @Test
    void maxResultsAboveTenThousand_isASyntaxError() {
        assertThat(logins().failure("[subquery: " + FAILED_USERS + " | compose user maxresults=10001]").errorCode())
                .isEqualTo(ErrorCode.QUERY_SYNTAX);
    }

    @Test
    void check_analyzesChildWithoutRunningIt() {
        LogQueryEngine engine = new LogQueryEngine(new InMemoryLogStore());

        assertThatCode(() -> engine.check("[subquery: " + FAILED_USERS + " | compose user keywords] | count"))
                .doesNotThrowAnyException();
    }
}
