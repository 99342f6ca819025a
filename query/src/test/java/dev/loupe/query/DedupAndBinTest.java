package dev.loupe.query;

import static dev.loupe.query.EngineFixture.column;
import static dev.loupe.query.EngineFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dedup (spec §2.12) and bin (spec §2.13). */
class DedupAndBinTest {
    private final EngineFixture fixture = new EngineFixture().add("u=a n=1", "u=a n=2", "u=b n=3", "u=a n=4",
            "u=a n=4");

    @Test
    void dedupKeepsTheMostRecentPerKey() {
        QueryResult result = fixture.run("| parse \"u=* n=*\" as u, n | dedup by u");
        assertThat(rows(result, "u", "n")).containsExactly(List.of("a", "4"), List.of("b", "3"));
        assertThat(column(fixture.run("| parse \"u=* n=*\" as u, n | dedup 2 by u"), "n"))
                .containsExactly("4", "4", "3");
    }

    @Test
    void dedupConsecutiveAndRaw() {
        assertThat(column(fixture.run("| parse \"u=* n=*\" as u, n | dedup consecutive by u"), "n"))
                .containsExactly("4", "3", "2");
        assertThat(fixture.run("| dedup").rows()).hasSize(4);
    }

    @Test
    void binWidthMinMax() {
        EngineFixture values = new EngineFixture().add("v=5", "v=15", "v=-3", "v=250", "v=x");
        QueryResult result = values.run("| parse \"v=*\" as v | bin v width=10, min=0, max=100");
        assertThat(rows(result, "_bin_label", "_bin_lower", "_bin_upper")).containsExactly(
                Arrays.asList(null, null, null), List.of("[90, 100)", 90.0, 100.0), List.of("[0, 10)", 0.0, 10.0),
                List.of("[10, 20)", 10.0, 20.0), List.of("[0, 10)", 0.0, 10.0));
        QueryResult counted = values.run("| parse \"v=*\" as v | bin v width=100 | count by _bin_label"
                + " | sort by _bin_label asc");
        assertThat(rows(counted, "_bin_label", "_count")).containsExactly(List.of("[-100, 0)", 1L),
                List.of("[0, 100)", 2L), List.of("[200, 300)", 1L), Arrays.asList(null, 1L));
    }
}
