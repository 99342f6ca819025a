package dev.loupe.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.testing.InMemoryLogStore;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogQueryEngineTest {
    private static final long BASE = 1_700_000_000_000L;
    private static final QueryContext CONTEXT = new QueryContext(new TimeRange(BASE - 3_600_000, BASE + 3_600_000),
            ZoneOffset.UTC, false, BASE + 3_600_000);

    private InMemoryLogStore store;
    private LogQueryEngine engine;

    @BeforeEach
    void setUp() {
        store = new InMemoryLogStore();
        engine = new LogQueryEngine(store);
        add(0, "user=alice status=200 took=15 GET /a", "prod/web", Map.of("region", "us"));
        add(1, "user=bob status=404 took=7 GET /b", "prod/web", Map.of("Region", "eu"));
        add(2, "user=alice status=500 took=120 POST /a", "prod/api", Map.of());
        add(3, "{\"name\":\"carol\",\"n\":3,\"tags\":[{\"k\":1},{\"k\":2}],\"o\":{\"a\":\"b\"},\"ok\":true}", "prod/json",
                Map.of());
        add(4, "{\"name\":\"dave\",\"n\":10}", "prod/json", Map.of());
    }

    private void add(int offsetSeconds, String raw, String category, Map<String, String> fields) {
        store.append(List.of(new LogMessage(raw, BASE + offsetSeconds * 1000L, BASE + offsetSeconds * 1000L + 5,
                category, "name", "host", "source", "collector", fields)));
    }

    private QueryResult run(String query) {
        return engine.execute(query, CONTEXT);
    }

    private static List<Object> column(QueryResult result, String name) {
        int index = result.fieldIndex(name);
        assertThat(index).as("column %s in %s", name, result.fields()).isNotNegative();
        List<Object> values = new ArrayList<>();
        for (Object[] row : result.rows()) {
            values.add(row[index]);
        }
        return values;
    }

    private LoupeException failure(String query) {
        return catchThrowableOfType(LoupeException.class, () -> run(query));
    }

    @Test
    void messagesAreNewestFirstWithBuiltInFieldsThenCustomThenExtracted() {
        QueryResult result = run("user | parse \"user=* \" as user");
        assertThat(result.kind()).isEqualTo(QueryResult.Kind.MESSAGES);
        assertThat(result.fields()).extracting(ResultField::name).containsExactly("_messageid", "_messagetime",
                "_receipttime", "_raw", "_sourceCategory", "_sourcename", "_sourcehost", "_source", "_collector",
                "_size", "Region", "user");
        assertThat(result.fields().get(1).type()).isEqualTo(FieldType.LONG);
        assertThat(column(result, "user")).containsExactly("alice", "bob", "alice");
        assertThat(column(result, "_messagetime")).containsExactly(BASE + 2000, BASE + 1000, BASE);
        assertThat(column(result, "region")).containsExactly(null, "eu", "us");
        assertThat(result.messageCount()).isEqualTo(3);
        assertThat(result.histogram()).isNotEmpty();
        assertThat(result.histogram().stream().mapToLong(HistogramBucket::count).sum()).isEqualTo(3);
        assertThat(result.histogram().get(0).lengthMillis()).isEqualTo(5 * 60_000L);
    }

    @Test
    void scopeIsPushedDown() {
        assertThat(run("alice").rows()).hasSize(2);
        assertThat(run("alice AND post").rows()).hasSize(1);
        assertThat(run("\"status=404\"").rows()).hasSize(1);
        assertThat(run("_sourceCategory=prod/web").rows()).hasSize(2);
        assertThat(run("_sourcecategory = PROD/* NOT alice").rows()).hasSize(3);
        assertThat(run("region=us").rows()).hasSize(1);
        assertThat(run("alice or bob").rows()).hasSize(3);
        assertThat(run("*").rows()).hasSize(5);
        assertThat(failure("_index=foo").errorCode()).isEqualTo(ErrorCode.QUERY_UNSUPPORTED);
    }

    @Test
    void parseDropsUnmatchedUnlessNodrop() {
        assertThat(run("| parse \"status=* \" as status").rows()).hasSize(3);
        QueryResult nodrop = run("| parse \"status=* \" as status nodrop");
        assertThat(column(nodrop, "status")).containsExactly(null, null, "500", "404", "200");
    }

    @Test
    void nodropChainsKeepRowsMatchingAnyParseOfTheRun() {
        QueryResult result = run("| parse \"user=* \" as who nodrop | parse \"\\\"name\\\":\\\"*\\\"\" as who");
        assertThat(column(result, "who")).containsExactly("dave", "carol", "alice", "bob", "alice");
        assertThat(run("| parse \"user=* \" as who | parse \"took=1* \" as t").rows()).hasSize(2);
        assertThat(run("| parse \"user=* \" as who nodrop | where true | parse \"nothing*\" as t").rows()).isEmpty();
    }

    @Test
    void parseAnchorsAreCaseInsensitiveAndTrailingStarIsGreedy() {
        QueryResult result = run("_sourceCategory=prod/web | parse \"USER=* status=*\" as user, rest");
        assertThat(column(result, "rest")).containsExactly("404 took=7 GET /b", "200 took=15 GET /a");
        assertThat(failure("| parse \"a=*\" as a, b").errorCode()).isEqualTo(ErrorCode.QUERY_INVALID);
    }

    @Test
    void parseRegexWithUnderscoreNamesAndMulti() {
        QueryResult result = run("_sourceCategory=prod/web | parse regex \"user=(?<user_name>\\w+)\"");
        assertThat(column(result, "user_name")).containsExactly("bob", "alice");
        QueryResult multi = run("_sourceCategory=prod/json | json \"tags[*].k\" as ks nodrop "
                + "| parse regex field=ks \"(?<k_value>\\d+)\" multi");
        assertThat(column(multi, "k_value")).containsExactly("1", "2");
        assertThat(failure("| parse regex \"(\\d+)\"").detail()).contains("named group");
        assertThat(failure("| parse regex \"(?<a>x)(\\d+)\"").detail()).contains("unnamed capturing groups");
    }

    @Test
    void jsonExtractsScalarsObjectsArraysAndWildcards() {
        QueryResult result = run("| json \"name\", \"n\", \"o\", \"tags[0].k\", \"tags[*].k\", \"ok\" "
                + "as name, n, o, first, all, ok");
        assertThat(column(result, "name")).containsExactly("carol");
        assertThat(column(result, "o")).containsExactly("{\"a\":\"b\"}");
        assertThat(column(result, "first")).containsExactly("1");
        assertThat(column(result, "all")).containsExactly("[1,2]");
        assertThat(column(result, "ok")).containsExactly("true");
        QueryResult nodrop = run("| json \"name\" nodrop | json field=name \"x\" nodrop");
        assertThat(column(nodrop, "name")).containsExactly("dave", "carol", null, null, null);
        assertThat(run("| json \"n\"").rows()).hasSize(2);
    }

    @Test
    void whereCoercesNumbersAndTreatsNullAsFalse() {
        String parse = "| parse \"status=* took=* \" as status, took nodrop ";
        assertThat(column(run(parse + "| where status >= 400"), "status")).containsExactly("500", "404");
        assertThat(column(run(parse + "| where took > 9"), "took")).containsExactly("120", "15");
        assertThat(column(run(parse + "| where status = 200"), "status")).containsExactly("200");
        assertThat(column(run(parse + "| where status = \"200\""), "status")).containsExactly("200");
        assertThat(run(parse + "| where status != \"200\"").rows()).hasSize(2);
        assertThat(run(parse + "| where !(status matches \"2*\")").rows()).hasSize(4);
        assertThat(run(parse + "| where isNull(status)").rows()).hasSize(2);
        assertThat(run(parse + "| where status in (\"200\", \"404\")").rows()).hasSize(2);
        assertThat(run(parse + "| where status in (200, 404)").rows()).isEmpty();
        assertThat(run(parse + "| num(status) | where status in (200, 404)").rows()).hasSize(2);
        assertThat(run(parse + "| where took + 1 = 16").rows()).hasSize(1);
        assertThat(run(parse + "| where _raw contains \"POST\" or _raw matches /b$/").rows()).hasSize(2);
        assertThat(run(parse + "| where if(isEmpty(status), false, status > 300)").rows()).hasSize(2);
    }

    /**
     * Regression (found by the DuckDB differential test): a comparison with a number is numeric; text that does
     * not coerce ("xxx") is null there and compares false, instead of being compared as text with "100".
     */
    @Test
    void comparisonWithANumberNeverFallsBackToText() {
        store = new InMemoryLogStore();
        engine = new LogQueryEngine(store);
        add(1, "value=xxx", "test", Map.of());
        add(2, "value=250", "test", Map.of());
        add(3, "value=zz", "test", Map.of());
        String parse = "| parse \"value=*\" as value ";
        assertThat(column(run(parse + "| where value > 100"), "value")).containsExactly("250");
        assertThat(column(run(parse + "| where value < 100"), "value")).isEmpty();
        assertThat(column(run(parse + "| where value > \"a\""), "value")).as("two texts compare as text")
                .containsExactly("zz", "xxx");
    }

    @Test
    void expressionStatementsAndFunctions() {
        QueryResult result = run("_sourceCategory=prod/web | parse \"user=* \" as user | toUpperCase(user) "
                + "| concat(user, \"-\", region) as label | length(user) as size | \"x\" as constant "
                + "| user as copy | 7 / 2 as half | round(2.5) as rounded | substring(user, 0, 2) as prefix "
                + "| replace(label, /-.*/, \"!\") as replaced");
        assertThat(column(result, "user")).containsExactly("BOB", "ALICE");
        assertThat(column(result, "label")).containsExactly("BOB-eu", "ALICE-us");
        assertThat(column(result, "size")).containsExactly(3L, 5L);
        assertThat(column(result, "constant")).containsExactly("x", "x");
        assertThat(column(result, "copy")).containsExactly("BOB", "ALICE");
        assertThat(column(result, "half")).containsExactly(3.5, 3.5);
        assertThat(column(result, "rounded")).containsExactly(3L, 3L);
        assertThat(column(result, "prefix")).containsExactly("BO", "AL");
        assertThat(column(result, "replaced")).containsExactly("BOB!", "ALICE!");
        assertThat(result.fields().get(result.fieldIndex("size")).type()).isEqualTo(FieldType.LONG);
        assertThat(failure("| replace(_raw, \"a\", \"b\")").detail()).contains("needs an alias");
        assertThat(failure("| where tolowercas(x) = \"a\"").getMessage())
                .isEqualTo("line 1, col 9: unknown function 'tolowercas' (did you mean 'toLowerCase'?)");
        assertThat(failure("| where lookupContains(x)").errorCode()).isEqualTo(ErrorCode.QUERY_SYNTAX);
    }

    @Test
    void fieldNamesAreCaseInsensitiveAndKeepFirstSpelling() {
        QueryResult result = run("_sourceCategory=prod/web | parse \"user=* \" as UserName | where username = \"bob\" "
                + "| count by USERNAME");
        assertThat(result.fields()).extracting(ResultField::name).containsExactly("UserName", "_count");
        assertThat(result.rows()).hasSize(1);
        assertThat(run("| where REGION = \"eu\"").rows()).hasSize(1);
    }

    @Test
    void countByAndNumericAggregates() {
        QueryResult result = run("| parse \"user=* status=* took=* \" as user, status, took "
                + "| count, sum(took), avg(took) as average, min(took), max(took), count_distinct(status) by user");
        assertThat(result.kind()).isEqualTo(QueryResult.Kind.RECORDS);
        assertThat(result.fields()).extracting(ResultField::name)
                .containsExactly("user", "_count", "_sum", "average", "_min", "_max", "_count_distinct");
        assertThat(result.fields()).extracting(ResultField::type).containsExactly(FieldType.STRING, FieldType.INT,
                FieldType.DOUBLE, FieldType.DOUBLE, FieldType.DOUBLE, FieldType.DOUBLE, FieldType.LONG);
        assertThat(result.fields().get(0).keyField()).isTrue();
        assertThat(result.fields().get(1).keyField()).isFalse();
        QueryResult sorted = run("| parse \"user=* status=* took=* \" as user, status, took "
                + "| sum(took) as total, count by user | sort by user asc");
        assertThat(column(sorted, "user")).containsExactly("alice", "bob");
        assertThat(column(sorted, "total")).containsExactly(135.0, 7.0);
        assertThat(column(sorted, "_count")).containsExactly(2L, 1L);
        assertThat(sorted.messageCount()).isEqualTo(3);
        assertThat(column(run("| count"), "_count")).containsExactly(5L);
        assertThat(column(run("| count _sourceCategory | sort _sourceCategory asc"), "_sourceCategory"))
                .containsExactly("prod/api", "prod/json", "prod/web");
        assertThat(failure("| sum(a + b)").detail()).contains("must be a field");
        assertThat(failure("| count, count(x)").detail()).contains("duplicate output field '_count'");
    }

    @Test
    void chainedAggregatesAndPostAggregateOperators() {
        QueryResult result = run("| count by _sourceCategory | sum(_count) as total | total * 2 as doubled");
        assertThat(column(result, "total")).containsExactly(5.0);
        assertThat(column(result, "doubled")).containsExactly(10.0);
    }

    @Test
    void sortLimitAndTop() {
        String parse = "| parse \"took=* \" as took ";
        assertThat(column(run(parse + "| sort by took"), "took")).containsExactly("7", "15", "120");
        assertThat(column(run(parse + "| num(took) | sort by took"), "took")).containsExactly(120.0, 15.0, 7.0);
        assertThat(column(run(parse + "| num(took) | sort by +took | limit 2"), "took")).containsExactly(7.0, 15.0);
        assertThat(run("| limit 2").rows()).hasSize(2);
        assertThat(column(run("| limit 1"), "_messagetime")).containsExactly(BASE + 4000);
        QueryResult nulls = run("| parse \"took=* \" as took nodrop | sort by took asc");
        assertThat(column(nulls, "took")).containsExactly("120", "15", "7", null, null);
        QueryResult top = run("| parse \"user=* \" as user | top 1 user");
        assertThat(column(top, "user")).containsExactly("alice");
        assertThat(column(top, "_count")).containsExactly(2L);
        QueryResult topBy = run("| count by _sourceCategory | top 2 _sourceCategory by _count, _sourceCategory asc");
        assertThat(column(topBy, "_sourceCategory")).containsExactly("prod/json", "prod/web");
    }

    @Test
    void fieldsKeepAndDrop() {
        QueryResult keep = run("_sourceCategory=prod/web | parse \"user=* status=* \" as user, status | fields status");
        assertThat(keep.fields()).extracting(ResultField::name).endsWith("_size", "status").doesNotContain("user",
                "region");
        QueryResult drop = run("_sourceCategory=prod/web | parse \"user=* status=* \" as user, status | fields - user");
        assertThat(drop.fields()).extracting(ResultField::name).contains("status", "Region").doesNotContain("user");
        QueryResult records = run("| count by _sourceCategory, _sourceHost | fields _sourceCategory");
        assertThat(records.fields()).extracting(ResultField::name).containsExactly("_sourceCategory");
        assertThat(failure("| fields a, A").detail()).contains("listed twice");
    }

    @Test
    void nowAndQueryTimes() {
        QueryResult result = run("| limit 1 | now() as n | queryStartTime() as s | queryEndTime() as e");
        assertThat(column(result, "n")).containsExactly(BASE + 3_600_000);
        assertThat(column(result, "s")).containsExactly(BASE - 3_600_000);
        assertThat(column(result, "e")).containsExactly(BASE + 3_600_000);
    }

    @Test
    void checkParsesAndAnalyzesWithoutRunning() {
        engine.check("| json \"a\" | count by a");
        assertThat(catchThrowableOfType(LoupeException.class, () -> engine.check("| `my_macro`")).errorCode())
                .isEqualTo(ErrorCode.QUERY_UNSUPPORTED);
    }

    @Test
    void groupLimitFailsClearly() {
        InMemoryLogStore many = new InMemoryLogStore();
        List<LogMessage> messages = new ArrayList<>();
        for (int index = 0; index < 100_001; index++) {
            messages.add(LogMessage.of("id=" + index, BASE, BASE));
        }
        many.append(messages);
        LoupeException exception = catchThrowableOfType(LoupeException.class,
                () -> new LogQueryEngine(many).execute("| parse \"id=*\" as id | count by id", CONTEXT));
        assertThat(exception.errorCode()).isEqualTo(ErrorCode.QUERY_LIMIT_EXCEEDED);
    }
}
