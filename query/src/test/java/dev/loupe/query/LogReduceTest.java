package dev.loupe.query;

import static dev.loupe.query.EngineFixture.BASE;
import static dev.loupe.query.EngineFixture.column;
import static dev.loupe.query.EngineFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code logreduce} and its keys/values forms, {@code details}, {@code logcompare}, {@code logexplain} (§2.17). */
class LogReduceTest {
    private static EngineFixture messages() {
        return new EngineFixture().add(
                "login ok user=42 from 10.0.0.1 request=3f2a9c1e-0b6d-4e8e-9a1b-2c3d4e5f6a7b",
                "login ok user=7 from 192.168.1.20 request=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                "login ok user=1234 from fe80::1:8080 request=00000000-0000-0000-0000-000000000000",
                "cache miss key=\"alpha beta\" after 0x1f ms",
                "cache miss key=\"gamma\" after 0x2a ms",
                "shutdown requested");
    }

    @Test
    void numbersIpsUuidsAndQuotedStrings_giveOneSignature_mostCommonFirst() {
        QueryResult result = messages().run("| logreduce");

        assertThat(result.kind()).isEqualTo(QueryResult.Kind.RECORDS);
        assertThat(result.fields()).extracting(ResultField::name)
                .containsExactly("_signature_id", "_signature", "_count");
        assertThat(rows(result, "_signature", "_count")).containsExactly(
                List.of("login ok user=* from * request=*", 3L),
                List.of("cache miss key=* after * ms", 2L),
                List.of("shutdown requested", 1L));
    }

    @Test
    void signatureIds_areStableAcrossQueries() {
        EngineFixture fixture = messages();

        assertThat(column(fixture.run("| logreduce"), "_signature_id"))
                .isEqualTo(column(fixture.run("| summarize"), "_signature_id"))
                .doesNotHaveDuplicates();
    }

    @Test
    void leastCommonAndLimit() {
        EngineFixture fixture = messages();

        assertThat(column(fixture.run("| logreduce limit=2, criteria=leastcommon"), "_count"))
                .containsExactly(1L, 2L);
        assertThat(column(fixture.run("| logreduce optimize limit=1"), "_count")).containsExactly(3L);
    }

    @Test
    void fieldAndGroups() {
        EngineFixture fixture = new EngineFixture()
                .add("msg=\"took 5 ms\"", Map.of("app", "a"))
                .add("msg=\"took 17 ms\"", Map.of("app", "b"))
                .add("msg=\"took 9 ms\"", Map.of("app", "a"));

        QueryResult result = fixture.run("| parse \"msg=\\\"*\\\"\" as m | logreduce field=m by app");

        assertThat(rows(result, "app", "_signature", "_count")).containsExactly(
                List.of("a", "took * ms", 2L), List.of("b", "took * ms", 1L));
    }

    @Test
    void emptyInputAndOneMessage() {
        assertThat(new EngineFixture().run("| logreduce").rows()).isEmpty();
        assertThat(rows(new EngineFixture().add("only 1 message").run("| logreduce"), "_signature", "_count"))
                .containsExactly(List.of("only * message", 1L));
    }

    @Test
    void details_listsTheMessagesOfOneSignature() {
        EngineFixture fixture = messages();
        QueryResult reduced = fixture.run("| logreduce");
        Object loginId = column(reduced, "_signature_id").get(0);

        QueryResult details = fixture.run("| logreduce | details " + loginId);
        QueryResult alone = fixture.run("| details " + loginId + " | count");

        assertThat(details.kind()).isEqualTo(QueryResult.Kind.MESSAGES);
        assertThat(column(details, "_raw")).hasSize(3).allSatisfy(raw -> assertThat((String) raw).startsWith("login"));
        assertThat(column(alone, "_count")).containsExactly(3L);
    }

    @Test
    void keys_clusterByTheSetOfKeys() {
        EngineFixture fixture = new EngineFixture().add("{\"a\":1,\"b\":2}", "{\"b\":3,\"a\":4}", "x=1 y=2",
                "plain text");

        QueryResult result = fixture.run("| logreduce keys");

        assertThat(rows(result, "_schema", "_count")).containsExactly(List.of("a, b", 2L), List.of("x, y", 1L));
    }

    @Test
    void values_clusterByFieldValues() {
        EngineFixture fixture = new EngineFixture().add("status=200", "status=500", "status=200", "none");

        QueryResult result = fixture.run("| parse \"status=*\" as status nodrop | logreduce values on status");

        assertThat(rows(result, "status", "_count")).containsExactly(List.of("200", 2L), List.of("500", 1L));
    }

    @Test
    void logcompare_comparesSignatureSharesWithTheShiftedRange() {
        long dayBefore = BASE - 86_400_000L;
        EngineFixture fixture = new EngineFixture().add("error code=1", "error code=2", "started worker 5")
                .addAt(dayBefore, "error code=9")
                .addAt(dayBefore + 1000, "stopped worker 2");

        QueryResult result = fixture.run("| logcompare timeshift -24h");

        assertThat(rows(result, "_signature", "_count", "_baseline_count", "_deltaPercentage", "_anomalyScore",
                "_isNew")).containsExactly(
                List.of("started worker *", 1L, 0L, 33.33, 10.0, true),
                List.of("stopped worker *", 0L, 1L, -50.0, 10.0, false),
                List.of("error code=*", 2L, 1L, 16.67, 2.5, false));
    }

    @Test
    void logcompare_withAnEmptyBaseline_marksEverySignatureNew() {
        QueryResult result = messages().run("| logcompare timeshift 7d");

        assertThat(column(result, "_isNew")).containsOnly(true).hasSize(3);
    }

    @Test
    void logcompare_afterAnAggregate_isInvalid() {
        assertThat(messages().failure("| count | logcompare timeshift -24h").errorCode())
                .isEqualTo(ErrorCode.QUERY_INVALID);
    }

    @Test
    void logexplain_findsValuesOverRepresentedInTestRows() {
        EngineFixture fixture = new EngineFixture().add("status=500 host=a", "status=500 host=a", "status=500 host=b",
                "status=200 host=b", "status=200 host=b");

        QueryResult result = fixture.run("| parse \"status=* host=*\" as status, host"
                + " | logexplain status = \"500\" on host");
        QueryResult against = fixture.run("| parse \"status=* host=*\" as status, host"
                + " | logexplain status = \"500\" against host = \"zzz\" on host, status");

        assertThat(rows(result, "_explanation", "_relevance", "_test_coverage", "_control_coverage"))
                .containsExactly(List.of("host=a", 0.6667, 0.6667, 0.0));
        assertThat(rows(against, "_explanation", "_relevance")).containsExactly(List.of("status=500", 1.0),
                List.of("host=a", 0.6667), List.of("host=b", 0.3333));
    }
}
