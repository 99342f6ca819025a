package dev.loupe.query;

import static dev.loupe.query.EngineFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.query.lookup.InMemoryLookupTable;
import dev.loupe.query.lookup.LookupCatalog;
import dev.loupe.query.lookup.VirtualTable;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code threatlookup} over the {@code sumo://threat/cs} virtual table (spec §2.1, §2.8). */
class ThreatLookupTest {
    private static EngineFixture fixture() {
        InMemoryLookupTable threats = new InMemoryLookupTable(List.of("threat", "type", "actor", "raw", "threatlevel"),
                List.of("threat"), List.of(List.of("6.6.6.6", "ip_address", "FANCY BEAR", "{\"labels\":[]}", "high")));
        return new EngineFixture(LookupCatalog.builder().add(VirtualTable.THREAT, threats).build())
                .add("src=1.2.3.4 dst=6.6.6.6", "src=6.6.6.6 dst=9.9.9.9", "src=5.5.5.5 dst=8.8.8.8");
    }

    private static final String PARSE = "parse \"src=* dst=*\" as src, dst | ";

    @Test
    void hitsFillTheThreatFields_missesKeepTheRowWithNulls() {
        QueryResult result = fixture().run(PARSE + "threatlookup singleIndicator src, dst");

        assertThat(rows(result, "_threatlookup.indicator", "_threatlookup.type", "_threatlookup.actors",
                "_threatlookup.confidence", "_threatlookup.source")).containsExactly(
                Arrays.asList(null, null, null, null, null),
                List.of("6.6.6.6", "ip_address", "FANCY BEAR", "high", "CrowdStrike"),
                List.of("6.6.6.6", "ip_address", "FANCY BEAR", "high", "CrowdStrike"));
    }

    @Test
    void sourceOption_filtersBySource() {
        EngineFixture fixture = fixture();

        QueryResult crowdStrike = fixture.run(PARSE + "threatlookup source=\"crowdstrike\" include=\"active\" dst"
                + " | where !isNull(%\"_threatlookup.indicator\")");
        QueryResult other = fixture.run(PARSE + "threatlookup source=\"other\" dst"
                + " | where !isNull(%\"_threatlookup.indicator\")");

        assertThat(crowdStrike.rows()).hasSize(1);
        assertThat(other.rows()).isEmpty();
    }

    @Test
    void withoutThreatData_nothingIsFound() {
        QueryResult result = new EngineFixture().add("src=6.6.6.6 dst=x").run(PARSE + "threatlookup src");

        assertThat(rows(result, "src", "_threatlookup.indicator")).containsExactly(Arrays.asList("6.6.6.6", null));
    }
}
