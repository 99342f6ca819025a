package dev.loupe.query;

import static dev.loupe.query.EngineFixture.column;
import static dev.loupe.query.EngineFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.ErrorCode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** csv, split, kv, json auto, parse xml and nodrop chains across them (spec §2.2). Results are newest first. */
class ParseFamilyTest {

    @Test
    void csvExtractsByIndexAndPosition() {
        EngineFixture fixture = new EngineFixture().add("a,\"b,1\",c\\,d,e", "x,y");
        assertThat(rows(fixture.run("| csv _raw extract 1 as first, 2 as second, 3 as third"),
                "first", "second", "third")).containsExactly(Arrays.asList("x", "y", null),
                List.of("a", "b,1", "c,d"));
        assertThat(rows(fixture.run("| csv _raw extract first, _, third"), "first", "third"))
                .containsExactly(Arrays.asList("x", null), List.of("a", "c,d"));
    }

    @Test
    void splitWithDelimiterQuoteAndEscape() {
        EngineFixture fixture = new EngineFixture().add("k1:'v:1':v2|z", "é:ü");
        QueryResult result = fixture.run("| split _raw delim=':', quote=''' extract 1 as a, 2 as b, 3 as c");
        assertThat(rows(result, "a", "b", "c")).containsExactly(Arrays.asList("é", "ü", null),
                List.of("k1", "v:1", "v2|z"));
        assertThat(new EngineFixture().failure("| split _raw delim=':', quote=':' extract a").getMessage())
                .contains("three different characters");
        assertThat(new EngineFixture().failure("| csv _raw extract a nodrop").errorCode())
                .isEqualTo(ErrorCode.QUERY_SYNTAX);
    }

    @Test
    void keyValueInferenceFindsTheBuiltInForms() {
        EngineFixture fixture = new EngineFixture().add("user=alice ip: 10.0.0.1 path -> /a msg=\"hello world\"",
                "nothing here");
        QueryResult result = fixture.run("| kv \"user\", \"ip\", \"path\", \"msg\" nodrop");
        assertThat(rows(result, "user", "ip", "path", "msg")).containsExactly(Arrays.asList(null, null, null, null),
                List.of("alice", "10.0.0.1", "/a", "hello world"));
        assertThat(fixture.run("| kv infer keys \"user\" as who").rows()).hasSize(1);
    }

    @Test
    void keyValueUnaliasedNamesReplaceNonWordCharacters() {
        QueryResult result = new EngineFixture().add("x-request-id=42").run("| kv \"x-request-id\"");
        assertThat(column(result, "x_request_id")).containsExactly("42");
    }

    @Test
    void keyValueRegexWithOneOrTwoGroups() {
        EngineFixture fixture = new EngineFixture().add(" a.b=1, c=2, a.b=3,");
        assertThat(rows(fixture.run("| kv regex \"\\s(.*?)=(.*?),\" keys \"a.b\", \"c\" as ab, c"), "ab", "c"))
                .containsExactly(List.of("1", "2"));
        assertThat(column(fixture.run("| kv regex \"=(\\d)\" keys \"c\" as value"), "value"))
                .containsExactly("2");
        assertThat(new EngineFixture().failure("| kv regex \"(a)(b)(c)\" keys \"x\"").getMessage())
                .contains("one group (the value) or two groups");
    }

    @Test
    void keyValueAutoTakesEveryPairLastDuplicateWins() {
        EngineFixture fixture = new EngineFixture().add("a=1 b=2 a=3 c=\"x y\"");
        QueryResult result = fixture.run("| kv auto | fields a, b, c");
        assertThat(rows(result, "a", "b", "c")).containsExactly(List.of("3", "2", "x y"));
        QueryResult colon = new EngineFixture().add("a:1, b:2").run("| kv auto delim \":\" keys \"b\" refonly");
        assertThat(column(colon, "b")).containsExactly("2");
    }

    @Test
    void jsonAutoFlattensTheLastJsonObjectOfTheMessage() {
        EngineFixture fixture = new EngineFixture().add("2024-01-01 INFO {\"User Name\":\"ann\",\"n\":1,"
                + "\"o\":{\"p\":{\"q\":true}},\"arr\":[1,2]}");
        QueryResult result = fixture.run("| json auto | fields user_name, n, o.p.q, arr");
        assertThat(rows(result, "user_name", "n", "o.p.q", "arr")).containsExactly(List.of("ann", "1", "true",
                "[1,2]"));
        assertThat(column(fixture.run("| json auto maxdepth 1 | fields o"), "o"))
                .containsExactly("{\"p\":{\"q\":true}}");
        assertThat(column(fixture.run("| json auto extractarrays | fields %\"arr[1]\""), "arr[1]"))
                .containsExactly("2");
    }

    @Test
    void jsonAutoKeysRefonlyAndMessagesWithoutJsonAreKept() {
        EngineFixture fixture = new EngineFixture().add("{\"a\":\"1\",\"b\":\"2\"}", "plain text");
        QueryResult result = fixture.run("| json auto keys \"A\" as first refonly");
        assertThat(column(result, "first")).containsExactly(null, "1");
        assertThat(result.fieldIndex("b")).isNegative();
        assertThat(column(fixture.run("| json keys \"b\""), "b")).containsExactly(null, "2");
        assertThat(column(new EngineFixture().add("{\"a\": [1, } {\"a\":5}").run("| json auto | fields a"), "a"))
                .containsExactly("5");
    }

    @Test
    void parseXmlSubset() {
        String xml = "<event id=\"7\"><user>ann</user><item n=\"1\">a</item><item n=\"2\">b</item>"
                + "<item n=\"3\">c</item></event>";
        EngineFixture fixture = new EngineFixture().add("prefix " + xml, "<broken><x></broken>");
        QueryResult result = fixture.run("| parse xml \"/event/user/text()\", \"/event/@id\", \"/event/item[2]\","
                + " \"/event/item[last()]/@n\", \"/event/item[@n=1]\" as user, id, second, last, first");
        assertThat(rows(result, "user", "id", "second", "last", "first"))
                .containsExactly(List.of("ann", "7", "b", "3", "a"));
        assertThat(column(fixture.run("| parse xml \"/event/missing\" as m nodrop"), "m")).containsExactly(null,
                null);
        assertThat(new EngineFixture().failure("| parse xml \"//item\" as i").getMessage()).contains("'//'");
        assertThat(new EngineFixture().failure("| parse xml \"/a/b\", \"/a/c\" as x").getMessage())
                .contains("2 key(s) but 1 field name(s)");
    }

    @Test
    void nodropChainsMixJsonCsvKeyValueAndParse() {
        EngineFixture fixture = new EngineFixture().add("{\"j\":\"J\"}", "k=K", "<r>X</r>", "none");
        QueryResult result = fixture.run("| json \"j\" nodrop | kv \"k\" nodrop | parse xml \"/r/text()\" as r");
        assertThat(rows(result, "j", "k", "r")).containsExactly(Arrays.asList(null, null, "X"),
                Arrays.asList(null, "K", null), Arrays.asList("J", null, null));
        QueryResult strict = fixture.run("| kv \"k\" | parse \"k=*\" as v");
        assertThat(column(strict, "v")).containsExactly("K");
    }
}
