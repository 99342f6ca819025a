package dev.loupe.query;

import static dev.loupe.query.EngineFixture.column;
import static dev.loupe.query.EngineFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** JSONPath recursive descent, unions and slices in {@code json} (spec §2.2), and {@code parse regex multi} with
 * several patterns. */
class JsonPathExtrasTest {
    private static final String EVENT = "{\"a\":{\"id\":1,\"b\":{\"id\":2}},\"items\":[{\"id\":3},{\"id\":4},{\"id\":5}],"
            + "\"x\":\"ex\",\"y\":\"why\"}";

    private static QueryResult json(String paths) {
        return new EngineFixture().add(EVENT).run("json " + paths);
    }

    @Test
    void recursiveDescent_findsEveryNestedMember() {
        assertThat(column(json("\"$..id\" as ids"), "ids")).containsExactly("[1,2,3,4,5]");
        assertThat(column(json("\"a..id\" as ids"), "ids")).containsExactly("[1,2]");
    }

    @Test
    void unions_ofKeysAndIndexes() {
        assertThat(column(json("\"['x','y']\" as both"), "both")).containsExactly("[\"ex\",\"why\"]");
        assertThat(column(json("\"items[0,2].id\" as ends"), "ends")).containsExactly("[3,5]");
    }

    @Test
    void slices_endExclusive_negativeFromTheEnd() {
        assertThat(rows(json("\"items[0:2].id\", \"items[-1:].id\", \"items[:].id\" as first, last, all"),
                "first", "last", "all")).containsExactly(List.of("[3,4]", "[5]", "[3,4,5]"));
    }

    @Test
    void noMatch_dropsTheMessageLikeAMissingKey() {
        assertThat(json("\"$..nothing\" as n").rows()).isEmpty();
    }

    @Test
    void parseRegexMulti_withSeveralPatterns_zipsTheMatches() {
        QueryResult result = new EngineFixture().add("k=1 k=2 k=3 v=a v=b")
                .run("parse regex \"k=(?<k>\\d)\", \"v=(?<v>\\w)\" multi");

        assertThat(rows(result, "k", "v")).containsExactly(List.of("1", "a"), List.of("2", "b"),
                java.util.Arrays.asList("3", null));
    }
}
