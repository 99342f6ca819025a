package dev.loupe.query;

import static dev.loupe.query.EngineFixture.column;
import static dev.loupe.query.EngineFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.ErrorCode;
import dev.loupe.query.lookup.CsvLookupTables;
import dev.loupe.query.lookup.LookupCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code lookupContains(...)}, {@code cat} and {@code save} (spec §2.8). */
class LookupContainsAndCatTest {
    private static final String HOSTS = "path://\"/Library/Users/me/hosts\"";

    private static EngineFixture fixture() {
        return new EngineFixture(LookupCatalog.builder().addPath("/Library/Users/me/hosts", CsvLookupTables.parse("""
                host,owner
                web-1,alice
                web-2,bob
                """, List.of("host"))).build())
                .add("host=web-1", "host=WEB-2", "host=db-9");
    }

    @Test
    void lookupContains_hitMissAndCaseInsensitivity() {
        QueryResult result = fixture().run("parse \"host=*\" as h | lookupContains(" + HOSTS + ", h=host) as known");

        assertThat(rows(result, "h", "known")).containsExactly(List.of("db-9", false), List.of("WEB-2", true),
                List.of("web-1", true));
    }

    @Test
    void lookupContains_inWhere() {
        QueryResult result = fixture().run("parse \"host=*\" as h | where !lookupContains(" + HOSTS + ", h=host)");

        assertThat(column(result, "h")).containsExactly("db-9");
    }

    @Test
    void lookupContains_mustNameTheKeyColumns() {
        assertThat(fixture().failure("parse \"host=*\" as h | where lookupContains(" + HOSTS + ", h=owner)")
                .errorCode()).isEqualTo(ErrorCode.QUERY_INVALID);
    }

    @Test
    void cat_readsTheTableAsRecords() {
        QueryResult result = fixture().run("cat " + HOSTS + " | where owner != \"bob\"");

        assertThat(result.kind()).isEqualTo(QueryResult.Kind.RECORDS);
        assertThat(rows(result, "host", "owner")).containsExactly(List.of("web-1", "alice"));
    }

    @Test
    void save_isReportedAsUnsupported() {
        assertThat(fixture().failure("* | count by _sourcehost | save " + HOSTS).errorCode())
                .isEqualTo(ErrorCode.QUERY_UNSUPPORTED);
    }
}
