package dev.loupe.query;

import static dev.loupe.query.EngineFixture.column;
import static dev.loupe.query.EngineFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.ErrorCode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sessionize} and {@code trace} (spec §2.17). Results list messages newest first. */
class SessionizeAndTraceTest {
    @Test
    void sessionize_chainsLaterPatternsThroughCapturedValues() {
        EngineFixture fixture = new EngineFixture().add(
                "login user=alice session=s1",
                "login user=bob session=s2",
                "order 17 placed in session=s1",
                "noise",
                "order 18 placed in session=s9");

        QueryResult result = fixture.run("| sessionize \"user=* session=*\" as (user, session),"
                + " \"order * placed in session=$session\" as (order)");

        assertThat(rows(result, "user", "session", "order")).containsExactly(
                List.of("alice", "s1", "17"),
                Arrays.asList("bob", "s2", null),
                Arrays.asList("alice", "s1", null));
    }

    @Test
    void sessionize_unknownReference_isInvalid_andNoMatchGivesNothing() {
        EngineFixture fixture = new EngineFixture().add("nothing here");

        assertThat(fixture.failure("| sessionize \"a=$b\" as (x)").errorCode()).isEqualTo(ErrorCode.QUERY_INVALID);
        assertThat(fixture.run("| sessionize \"user=*\" as user").rows()).isEmpty();
    }

    private static EngineFixture hops() {
        return new EngineFixture().add(
                "start id=A1 next=B2",
                "hop id=B2 next=C3",
                "hop id=C3 next=none",
                "other id=Z9 next=Y8");
    }

    @Test
    void trace_followsCapturedValuesTransitively() {
        EngineFixture fixture = hops();

        assertThat(column(fixture.run("| trace \"next=(\\\\w+)\" \"A1\""), "_raw")).containsExactly(
                "hop id=C3 next=none", "hop id=B2 next=C3", "start id=A1 next=B2");
        assertThat(column(fixture.run("| trace + \"next=(\\\\w+)\" \"B2\""), "_raw")).containsExactly(
                "hop id=C3 next=none", "hop id=B2 next=C3", "start id=A1 next=B2");
    }

    @Test
    void trace_backward_onlyLooksAtEarlierMessages() {
        QueryResult result = hops().run("| trace - \"(?:id|next)=(\\\\w+)\" \"C3\"");

        assertThat(column(result, "_raw")).containsExactly("hop id=B2 next=C3", "start id=A1 next=B2");
    }

    @Test
    void trace_withoutAGroup_isInvalid_andAnUnknownStartFindsNothing() {
        assertThat(hops().failure("| trace \"next=\\\\w+\" \"A1\"").errorCode()).isEqualTo(ErrorCode.QUERY_INVALID);
        assertThat(hops().run("| trace \"next=(\\\\w+)\" \"QQ\"").rows()).isEmpty();
    }
}
