package dev.loupe.query;

import static dev.loupe.query.EngineFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.lookup.InMemoryWritableLookupTables;
import dev.loupe.query.lookup.TableReference;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code save [append] path://"..."} into writable lookup tables, read back with {@code cat} (spec §2.8). */
class SaveTest {
    private static final String TABLE = "path://\"/Library/Users/me/counts\"";
    private static final String COUNT = "parse \"host=*\" as h | count by h";

    private final InMemoryWritableLookupTables tables = new InMemoryWritableLookupTables();
    private final EngineFixture fixture = new EngineFixture(tables).add("host=web-1", "host=web-2", "host=web-1");

    @Test
    void saveThenCat_readsTheResultsBack() {
        QueryResult saved = fixture.run(COUNT + " | save " + TABLE);

        assertThat(rows(saved, "h", "_count")).containsExactlyInAnyOrder(List.of("web-1", 2L), List.of("web-2", 1L));
        assertThat(rows(fixture.run("cat " + TABLE + " | sort by h asc"), "h", "_count"))
                .containsExactly(List.of("web-1", "2"), List.of("web-2", "1"));
        assertThat(tables.resolve(TableReference.path("/library/users/me/COUNTS")).orElseThrow().keyColumns())
                .containsExactly("h");
    }

    @Test
    void saveWithoutAppend_replacesTheTable() {
        fixture.run(COUNT + " | where h = \"web-1\" | save " + TABLE);
        fixture.run(COUNT + " | where h = \"web-2\" | save " + TABLE);

        assertThat(rows(fixture.run("cat " + TABLE), "h", "_count")).containsExactly(List.of("web-2", "1"));
    }

    @Test
    void saveAppend_addsRows_andAnExistingKeyIsReplaced() {
        fixture.run(COUNT + " | where h = \"web-1\" | save " + TABLE);
        fixture.run(COUNT + " | where h = \"web-2\" | save append " + TABLE);
        fixture.run(COUNT + " | where h = \"web-1\" | 5 as _count | save append " + TABLE);

        assertThat(rows(fixture.run("cat " + TABLE + " | sort by h asc"), "h", "_count"))
                .containsExactly(List.of("web-1", "5"), List.of("web-2", "1"));
    }

    @Test
    void saveAppend_toAMissingTable_createsIt_andMismatchedColumnsFail() {
        fixture.run(COUNT + " | save append " + TABLE);

        LoupeException mismatch = fixture.failure("parse \"host=*\" as h | count by h, _sourcehost | save append "
                + TABLE);

        assertThat(fixture.run("cat " + TABLE).rows()).hasSize(2);
        assertThat(mismatch.errorCode()).isEqualTo(ErrorCode.QUERY_INVALID);
        assertThat(mismatch.getMessage()).contains("do not match the columns");
    }

    @Test
    void messagesAndEmptyResults_canBeSaved() {
        fixture.run("parse \"host=*\" as h | where h = \"nothing\" | count by h | save " + TABLE);
        assertThat(fixture.run("cat " + TABLE).rows()).isEmpty();

        fixture.run("parse \"host=*\" as h | fields h | save " + TABLE);
        assertThat(rows(fixture.run("cat " + TABLE + " | count by h | sort by h asc"), "h", "_count"))
                .containsExactly(List.of("web-1", 2L), List.of("web-2", 1L));
    }

    @Test
    void operatorsAfterSave_areAnErrorAtTheirSpan() {
        LoupeException error = fixture.failure(COUNT + " | save " + TABLE + " | count");

        assertThat(error.errorCode()).isEqualTo(ErrorCode.QUERY_INVALID);
        assertThat(error.getMessage()).startsWith("line 1, col " + ((COUNT + " | save " + TABLE + " | ").length() + 1)
                + ": nothing may follow save");
        assertThat(tables.resolve(TableReference.path("/Library/Users/me/counts"))).isEmpty();
    }

    @Test
    void saveToAVirtualTable_isInvalid_andReadOnlyCataloguesRefuseSave() {
        assertThat(fixture.failure(COUNT + " | save geo://location").errorCode()).isEqualTo(ErrorCode.QUERY_INVALID);
        assertThat(new EngineFixture().failure(COUNT + " | save " + TABLE).errorCode())
                .isEqualTo(ErrorCode.QUERY_UNSUPPORTED);
    }
}
