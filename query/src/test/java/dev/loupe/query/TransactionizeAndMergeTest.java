package dev.loupe.query;

import static dev.loupe.query.EngineFixture.column;
import static dev.loupe.query.EngineFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code transactionize} and {@code merge} (spec §2.17). Messages are one second apart. */
class TransactionizeAndMergeTest {
    private static EngineFixture sessions() {
        return new EngineFixture().add(
                "start session=A",
                "step session=A",
                "start session=B",
                "end session=A",
                "step session=B");
    }

    private static final String PARSE = "parse \"session=*\" as s | ";

    @Test
    void groupsBySharedValue_withGroupFields() {
        QueryResult result = sessions().run(PARSE + "transactionize s | sort by _messagetime asc");

        assertThat(rows(result, "s", "_group", "_group_size", "_group_duration", "_group_orphaned")).containsExactly(
                List.of("A", 1L, 3L, 3000L, false),
                List.of("A", 1L, 3L, 3000L, false),
                List.of("B", 2L, 2L, 2000L, false),
                List.of("A", 1L, 3L, 3000L, false),
                List.of("B", 2L, 2L, 2000L, false));
    }

    @Test
    void maxPause_splitsGroups() {
        QueryResult result = sessions().run(PARSE + "transactionize s maxPause=1s | sort by _messagetime asc");

        assertThat(column(result, "_group")).containsExactly(1L, 1L, 2L, 3L, 4L);
    }

    @Test
    void maxSpan_splitsGroups_inclusiveAtTheEdge() {
        QueryResult result = sessions().run(PARSE + "transactionize s maxSpan=2s | sort by _messagetime asc");

        assertThat(column(result, "_group")).containsExactly(1L, 1L, 2L, 3L, 2L);
    }

    @Test
    void startsWithAndEndsWith_dropOrphansUnlessKept() {
        EngineFixture fixture = sessions();

        QueryResult dropped = fixture.run(PARSE + "transactionize s startsWith=\"start\" endsWith=\"end\"");
        QueryResult kept = fixture.run(PARSE + "transactionize s startsWith=\"start\" endsWith=\"end\""
                + " keepOrphans=true | sort by _messagetime asc");

        assertThat(column(dropped, "s")).containsOnly("A").hasSize(3);
        assertThat(rows(kept, "s", "_group_orphaned")).containsExactly(List.of("A", false), List.of("A", false),
                List.of("B", true), List.of("A", false), List.of("B", true));
    }

    @Test
    void aliasPrefixesTheGroupFields() {
        QueryResult result = sessions().run(PARSE + "transactionize s as t | count by t, t_size");

        assertThat(rows(result, "t", "t_size", "_count")).containsExactlyInAnyOrder(
                List.of(1L, 3L, 3L), List.of(2L, 2L, 2L));
    }

    @Test
    void perGroupMerge_reducesEachGroupToOneRow() {
        QueryResult result = sessions().run(PARSE + "transactionize s (merge _raw join with \" | \")");

        assertThat(column(result, "_raw")).containsExactly("start session=A | step session=A | end session=A",
                "start session=B | step session=B");
    }

    @Test
    void merge_modes() {
        EngineFixture fixture = new EngineFixture().add("user=a", "user=b", "user=a");

        QueryResult result = fixture.run("parse \"user=*\" as user | merge user takeFirst as first,"
                + " user takeLast as last, user takeDistinct as distinct, user join with \",\" as joined");

        assertThat(rows(result, "first", "last", "distinct", "joined"))
                .containsExactly(List.of("a", "a", "a\nb", "a,b,a"));
    }

    @Test
    void bareMerge_joinsRawWithNewlines() {
        QueryResult result = new EngineFixture().add("one", "two").run("* | merge");

        assertThat(column(result, "_raw")).containsExactly("two\none");
    }
}
