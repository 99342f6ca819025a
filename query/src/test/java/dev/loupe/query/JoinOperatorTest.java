package dev.loupe.query;

import static dev.loupe.query.EngineFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code join} (spec §2.14), starting from the spec's own example. */
class JoinOperatorTest {
    private static final String TABLES = "join (parse \"starting stream from *\" as a) as t1, "
            + "(parse \"starting search * from parent stream *\" as b, c) as t2 on t1.a = t2.c";

    private static EngineFixture streams() {
        return new EngineFixture().add(
                "starting stream from s1",
                "starting stream from s2",
                "starting search q1 from parent stream s1",
                "starting search q2 from parent stream s1",
                "starting search q3 from parent stream s9");
    }

    @Test
    void specExample_joinsOnEqualityAndRenamesFields() {
        QueryResult result = streams().run("* | " + TABLES);

        assertThat(result.kind()).isEqualTo(QueryResult.Kind.RECORDS);
        assertThat(result.fields()).extracting(ResultField::name).containsExactly("t1_a", "t2_b", "t2_c");
        assertThat(rows(result, "t1_a", "t2_b", "t2_c")).containsExactlyInAnyOrder(
                List.of("s1", "q1", "s1"), List.of("s1", "q2", "s1"));
    }

    @Test
    void scopesInsideTablesAreIgnored() {
        QueryResult result = streams().run("* | join (nothing_matches_this | parse \"starting stream from *\" as a)"
                + " as t1, (parse \"starting search * from parent stream *\" as b, c) as t2 on t1.a = t2.c");

        assertThat(result.rows()).hasSize(2);
    }

    @Test
    void timeWindow_isInclusiveAtItsEdge() {
        QueryResult twoSeconds = streams().run("* | " + TABLES + " timewindow 2s");
        QueryResult oneSecond = streams().run("* | " + TABLES + " timewindow 1s");

        assertThat(rows(twoSeconds, "t2_b")).containsExactly(List.of("q1"));
        assertThat(oneSecond.rows()).isEmpty();
    }

    @Test
    void tablesMayAggregate_andLaterOperatorsSeeRenamedFields() {
        QueryResult result = streams().run("* | join (parse \"starting stream from *\" as a) as t1, "
                + "(parse \"starting search * from parent stream *\" as b, c | count by c) as t2 on t1.a = t2.c"
                + " | where t2__count > 1 | fields t1_a, t2__count");

        assertThat(rows(result, "t1_a", "t2__count")).containsExactly(List.of("s1", 2L));
    }

    @Test
    void threeTables_joinTransitively() {
        EngineFixture fixture = streams().add("stream s1 owned by alice");
        QueryResult result = fixture.run("* | " + "join (parse \"starting stream from *\" as a) as t1, "
                + "(parse \"starting search * from parent stream *\" as b, c) as t2, "
                + "(parse \"stream * owned by *\" as s, owner) as t3 on t1.a = t2.c and t3.s = t1.a");

        assertThat(rows(result, "t2_b", "t3_owner")).containsExactlyInAnyOrder(
                List.of("q1", "alice"), List.of("q2", "alice"));
    }

    @Test
    void unknownTableInCondition_isAnError() {
        assertThat(streams().failure("* | join (parse \"a*\" as a) as t1, (parse \"b*\" as b) as t2 on t1.a = t9.b")
                .errorCode()).isEqualTo(ErrorCode.QUERY_INVALID);
    }

    @Test
    void nonEqualityCondition_isASyntaxError() {
        assertThat(streams().failure("* | join (parse \"a*\" as a) as t1, (parse \"b*\" as b) as t2 on t1.a != t2.b")
                .errorCode()).isEqualTo(ErrorCode.QUERY_SYNTAX);
    }
}
