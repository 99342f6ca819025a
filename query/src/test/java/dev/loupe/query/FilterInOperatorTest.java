package dev.loupe.query;

import static dev.loupe.query.EngineFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code filter f in (...)} (spec §2.15). */
class FilterInOperatorTest {
    private static EngineFixture hosts() {
        return new EngineFixture().add("host=a", "host=b", "host=a", "host=c", "host=b", "host=a", "host=d");
    }

    @Test
    void keepsRecordsWhoseKeysTheChildReturns_inTheirOrder() {
        QueryResult result = hosts().run("parse \"host=*\" as host | count by host | sort by host asc"
                + " | filter host in (top 2 host by _count)");

        assertThat(rows(result, "host", "_count")).containsExactly(List.of("a", 3L), List.of("b", 2L));
    }

    @Test
    void specExample_childMayAggregateAgain() {
        QueryResult result = hosts().run("parse \"host=*\" as host | count by host"
                + " | filter host in (sum(_count) by host | top 1 host by _sum)");

        assertThat(rows(result, "host")).containsExactly(List.of("a"));
    }

    @Test
    void childWithNoRows_keepsNothing() {
        QueryResult result = hosts().run("parse \"host=*\" as host | count by host | filter host in (where _count > 5)");

        assertThat(result.rows()).isEmpty();
    }

    @Test
    void onMessages_isAnError() {
        assertThat(hosts().failure("parse \"host=*\" as host | filter host in (limit 1)").errorCode())
                .isEqualTo(ErrorCode.QUERY_INVALID);
    }
}
