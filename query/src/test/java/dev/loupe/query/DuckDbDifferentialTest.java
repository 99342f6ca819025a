package dev.loupe.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.TimeRange;
import dev.loupe.testing.InMemoryLogStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test of the engine against DuckDB (issue 3 acceptance): every CloudTrail event of
 * {@code shared/data/cloudtrail} is loaded once into {@link InMemoryLogStore} (compact JSON as {@code _raw},
 * {@code _sourceCategory=cloudtrail/<dataset>}, {@code _sourceName=<file>}, custom field {@code Dataset}) and, from
 * the same compact JSON written as NDJSON, into a DuckDB table through {@code read_json_objects}, which keeps each
 * event as an untyped JSON document: like Sumo, the SQL side reads fields at query time with
 * {@code json_extract_string}, so heterogeneous records need no schema.
 *
 * <p>Each {@link DifferentialCase} pairs a Sumo query with a SQL query that states the spec's semantics
 * independently (query-language.md §1–§3): the keyword scope as a regex over {@code lower(raw)} with term boundaries
 * ({@code [^\pL\pN_]}: letters, digits and {@code _} form terms, other characters are one-character terms,
 * whitespace may separate the terms of a phrase); {@code json} without {@code nodrop} as
 * {@code json_extract(...) IS NOT NULL} (a JSON {@code null} value is present and yields a null field); parse
 * anchors as case-insensitive lazy regexes; comparisons with null as SQL's unknown (false in {@code WHERE});
 * {@code !(comparison)} as {@code NOT coalesce(comparison, false)}; numeric coercion of parsed strings as
 * {@code TRY_CAST(... AS DOUBLE)}; group-by on a null key as SQL's null group. Results are compared as multisets of
 * rows, or as sequences when the query orders by a key that makes the compared columns' order unique; numbers
 * compare with a relative tolerance of 1e-9.
 */
class DuckDbDifferentialTest {
    private static final QueryContext CONTEXT = new QueryContext(
            new TimeRange(0, Instant.parse("2100-01-01T00:00:00Z").toEpochMilli()), ZoneOffset.UTC, false,
            Instant.parse("2100-01-01T00:00:00Z").toEpochMilli());
    private static final double RELATIVE_TOLERANCE = 1e-9;
    private static final int SHOWN_DIFFERENCES = 8;

    @TempDir
    static Path folder;

    private static LogQueryEngine engine;
    private static Connection duckDb;

    /** How two results are compared. */
    enum Order {
        /** As multisets: the query's order is undefined (aggregates without sort) or has ties. */
        MULTISET,
        /** As sequences: the query sorts on a key that orders the compared columns uniquely. */
        SEQUENCE
    }

    /**
     * One differential pair.
     *
     * @param name what the pair checks, shown as the test name
     * @param sumoQuery the query run by {@link LogQueryEngine}
     * @param sql the equivalent SQL over table {@code events(doc JSON, raw, source_category, source_name, dataset)}
     * @param columns the engine's result columns to compare with the SQL columns, in order; empty = all columns
     * @param order how to compare the rows
     */
    record DifferentialCase(String name, String sumoQuery, String sql, List<String> columns, Order order) {
        DifferentialCase {
            Objects.requireNonNull(name, "name is null");
            columns = List.copyOf(columns);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void load() throws IOException, SQLException {
        CloudTrailCorpus corpus = CloudTrailCorpus.load();
        InMemoryLogStore store = new InMemoryLogStore();
        store.append(corpus.logMessages());
        engine = new LogQueryEngine(store);

        Path events = folder.resolve("events");
        corpus.writeNewlineDelimited(events);
        duckDb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = duckDb.createStatement()) {
            statement.execute("""
                    CREATE TABLE events AS
                    SELECT json AS doc,
                           CAST(json AS VARCHAR) AS raw,
                           'cloudtrail/' || regexp_extract(filename, '([^/]+)/[^/]+\\.ndjson$', 1) AS source_category,
                           regexp_extract(filename, '([^/]+)\\.ndjson$', 1) AS source_name,
                           regexp_extract(filename, '([^/]+)/[^/]+\\.ndjson$', 1) AS dataset
                    FROM read_json_objects('%s/*/*.ndjson', format = 'newline_delimited', filename = true)
                    """.formatted(events.toString().replace("'", "''")));
            statement.execute("CREATE MACRO jtext(document, path) AS json_extract_string(document, path)");
            statement.execute("CREATE MACRO jhas(document, path) AS json_extract(document, path) IS NOT NULL");
            statement.execute("""
                    CREATE MACRO keyword(text, pattern) AS
                        regexp_matches(lower(text), '(^|[^\\pL\\pN_])' || pattern || '($|[^\\pL\\pN_])')
                    """);
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM events")) {
                count.next();
                assertThat(count.getLong(1)).as("events read by DuckDB").isEqualTo(corpus.events().size());
            }
        }
    }

    @AfterAll
    static void close() throws SQLException {
        if (duckDb != null) {
            duckDb.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void engineAgreesWithDuckDb(DifferentialCase differentialCase) throws SQLException {
        QueryResult result = engine.execute(differentialCase.sumoQuery(), CONTEXT);
        List<List<Object>> loupeRows = loupeRows(result, differentialCase.columns());
        List<List<Object>> duckDbRows = duckDbRows(differentialCase.sql());
        if (differentialCase.order() == Order.MULTISET) {
            loupeRows.sort(ROW_ORDER);
            duckDbRows.sort(ROW_ORDER);
        }
        assertThat(sameRows(loupeRows, duckDbRows))
                .as(() -> describeDifference(differentialCase, loupeRows, duckDbRows))
                .isTrue();
    }

    static Stream<DifferentialCase> cases() {
        return Stream.of(
                multiset("all events: count", "* | count", "SELECT count(*) FROM events"),
                multiset("all events: _raw of each message is the same text",
                        "*", "SELECT raw FROM events", "_raw"),
                multiset("keyword: one whole term, case-insensitive",
                        "AssumeRole | count", "SELECT count(*) FROM events WHERE keyword(raw, 'assumerole')"),
                multiset("keyword: upper-case keyword, grouped by event name",
                        "ACCESSDENIED | json \"eventName\" nodrop | count by eventName",
                        "SELECT jtext(doc, '$.eventName'), count(*) FROM events WHERE keyword(raw, 'accessdenied') "
                                + "GROUP BY 1"),
                multiset("keyword: trailing * wildcard within a term",
                        "Describe* | count",
                        "SELECT count(*) FROM events WHERE keyword(raw, 'describe[\\pL\\pN_]*')"),
                multiset("keyword: ? stands for one term character",
                        "Assume?ole | count",
                        "SELECT count(*) FROM events WHERE keyword(raw, 'assume[\\pL\\pN_]ole')"),
                multiset("keyword: leading and trailing * wildcards",
                        "*Snapshot* | json \"eventName\" nodrop | count by eventName",
                        "SELECT jtext(doc, '$.eventName'), count(*) FROM events "
                                + "WHERE keyword(raw, '[\\pL\\pN_]*snapshot[\\pL\\pN_]*') GROUP BY 1"),
                multiset("quoted phrase of punctuated terms",
                        "\"aws-cli/2\" | count",
                        "SELECT count(*) FROM events WHERE keyword(raw, 'aws\\s*-\\s*cli\\s*/\\s*2')"),
                multiset("quoted phrase with spaces",
                        "\"You are not authorized\" | count",
                        "SELECT count(*) FROM events WHERE keyword(raw, 'you\\s+are\\s+not\\s+authorized')"),
                multiset("unquoted text that splits into a phrase",
                        "s3.amazonaws.com | count",
                        "SELECT count(*) FROM events WHERE keyword(raw, 's3\\s*\\.\\s*amazonaws\\s*\\.\\s*com')"),
                multiset("scope OR, NOT and parentheses",
                        "(AccessDenied OR UnauthorizedOperation) NOT iam | count",
                        "SELECT count(*) FROM events WHERE (keyword(raw, 'accessdenied') "
                                + "OR keyword(raw, 'unauthorizedoperation')) AND NOT keyword(raw, 'iam')"),
                multiset("scope implicit AND",
                        "s3 GetObject | count",
                        "SELECT count(*) FROM events WHERE keyword(raw, 's3') AND keyword(raw, 'getobject')"),
                multiset("_sourceCategory with a trailing wildcard",
                        "_sourceCategory=cloudtrail/stratus* | count",
                        "SELECT count(*) FROM events WHERE lower(source_category) LIKE 'cloudtrail/stratus%'"),
                multiset("custom field: key and value case-insensitive",
                        "dataset=OTRF* | count",
                        "SELECT count(*) FROM events WHERE lower(dataset) LIKE 'otrf%'"),
                multiset("_sourceName wildcard, count by _sourceName",
                        "_sourceName=*ssm* | count by _sourceName",
                        "SELECT source_name, count(*) FROM events WHERE lower(source_name) LIKE '%ssm%' GROUP BY 1"),
                multiset("negated field match",
                        "!_sourceCategory=*panther* | count by _sourceCategory",
                        "SELECT source_category, count(*) FROM events "
                                + "WHERE lower(source_category) NOT LIKE '%panther%' GROUP BY 1"),
                multiset("json: count by a top-level key, rows without it dropped",
                        "| json \"eventName\" | count by eventName",
                        "SELECT jtext(doc, '$.eventName'), count(*) FROM events WHERE jhas(doc, '$.eventName') "
                                + "GROUP BY 1"),
                multiset("json: nested path, JSON null kept as a null group",
                        "| json \"userIdentity.type\" as identity_type | count by identity_type",
                        "SELECT jtext(doc, '$.userIdentity.type'), count(*) FROM events "
                                + "WHERE jhas(doc, '$.userIdentity.type') GROUP BY 1"),
                multiset("json nodrop: missing nested key is a null group",
                        "| json \"requestParameters.bucketName\" as bucket nodrop | count by bucket",
                        "SELECT jtext(doc, '$.requestParameters.bucketName'), count(*) FROM events GROUP BY 1"),
                multiset("json without nodrop: missing nested key drops the message",
                        "| json \"requestParameters.bucketName\" as bucket | count by bucket",
                        "SELECT jtext(doc, '$.requestParameters.bucketName'), count(*) FROM events "
                                + "WHERE jhas(doc, '$.requestParameters.bucketName') GROUP BY 1"),
                multiset("json: array element path resources[0].ARN",
                        "| json \"resources[0].ARN\" as arn | count by arn",
                        "SELECT jtext(doc, '$.resources[0].ARN'), count(*) FROM events "
                                + "WHERE jhas(doc, '$.resources[0].ARN') GROUP BY 1"),
                multiset("json: [*] yields a JSON array of every match",
                        "| json \"resources[*].ARN\" as arns | count by arns",
                        "SELECT CAST(to_json(json_extract(doc, '$.resources[*].ARN')) AS VARCHAR), count(*) "
                                + "FROM events WHERE len(json_extract(doc, '$.resources[*].ARN')) > 0 GROUP BY 1"),
                multiset("json: two keys, one missing key drops the message",
                        "| json \"eventSource\", \"errorCode\" as source, error | count by source, error",
                        "SELECT jtext(doc, '$.eventSource'), jtext(doc, '$.errorCode'), count(*) FROM events "
                                + "WHERE jhas(doc, '$.eventSource') AND jhas(doc, '$.errorCode') GROUP BY 1, 2"),
                multiset("json: object value as compact JSON text",
                        "| json \"tlsDetails\" as tls | count by tls",
                        "SELECT CAST(json_extract(doc, '$.tlsDetails') AS VARCHAR), count(*) FROM events "
                                + "WHERE jhas(doc, '$.tlsDetails') GROUP BY 1"),
                multiset("json: booleans as text",
                        "| json \"readOnly\" as read_only | count by read_only",
                        "SELECT jtext(doc, '$.readOnly'), count(*) FROM events WHERE jhas(doc, '$.readOnly') "
                                + "GROUP BY 1"),
                multiset("json: key present with JSON null is kept and isNull",
                        "| json \"responseElements\" as response | where isNull(response) | count",
                        "SELECT count(*) FROM events WHERE jhas(doc, '$.responseElements') "
                                + "AND jtext(doc, '$.responseElements') IS NULL"),
                multiset("field names resolve case-insensitively, first spelling kept",
                        "| json \"eventName\" as EventName | where eventname = \"ConsoleLogin\" | count by EVENTNAME",
                        "SELECT jtext(doc, '$.eventName'), count(*) FROM events "
                                + "WHERE jtext(doc, '$.eventName') = 'ConsoleLogin' GROUP BY 1", "EventName", "_count"),
                multiset("string equality is case-sensitive",
                        "| json \"userIdentity.type\" as identity_type | where identity_type = \"iamuser\" "
                                + "| count by identity_type",
                        "SELECT jtext(doc, '$.userIdentity.type'), count(*) FROM events "
                                + "WHERE jtext(doc, '$.userIdentity.type') = 'iamuser' GROUP BY 1"),
                multiset("toLowerCase makes equality case-insensitive",
                        "| json \"userIdentity.type\" as identity_type | where toLowerCase(identity_type) = \"iamuser\" "
                                + "| count by identity_type",
                        "SELECT jtext(doc, '$.userIdentity.type'), count(*) FROM events "
                                + "WHERE lower(jtext(doc, '$.userIdentity.type')) = 'iamuser' GROUP BY 1"),
                multiset("parse anchor: lazy capture up to the next anchor, case-insensitive anchors",
                        "| parse \"\\\"USERAGENT\\\":\\\"*/\" as tool | count by tool",
                        "SELECT regexp_extract(raw, '(?is)\"useragent\":\"(.*?)/', 1), count(*) FROM events "
                                + "WHERE regexp_matches(raw, '(?is)\"useragent\":\"(.*?)/') GROUP BY 1"),
                multiset("parse anchor then parse regex on the parsed field",
                        "| parse \"\\\"userAgent\\\":\\\"*\\\"\" as agent "
                                + "| parse regex field=agent \"^(?<tool>[A-Za-z0-9_.-]+)/(?<version>[0-9.]+)\" "
                                + "| count by tool, version",
                        "SELECT regexp_extract(agent, '^([A-Za-z0-9_.-]+)/([0-9.]+)', 1), "
                                + "regexp_extract(agent, '^([A-Za-z0-9_.-]+)/([0-9.]+)', 2), count(*) FROM ("
                                + "SELECT regexp_extract(raw, '(?is)\"useragent\":\"(.*?)\"', 1) AS agent FROM events "
                                + "WHERE regexp_matches(raw, '(?is)\"useragent\":\"(.*?)\"')) "
                                + "WHERE regexp_matches(agent, '^([A-Za-z0-9_.-]+)/([0-9.]+)') GROUP BY 1, 2"),
                multiset("parse regex on _raw: first match, two named groups",
                        "| parse regex \"arn:aws:iam::(?<account_id>\\d{12}):(?<principal_kind>user|role)/\" "
                                + "| count by account_id, principal_kind",
                        "SELECT regexp_extract(raw, 'arn:aws:iam::(\\d{12}):(user|role)/', 1), "
                                + "regexp_extract(raw, 'arn:aws:iam::(\\d{12}):(user|role)/', 2), count(*) FROM events "
                                + "WHERE regexp_matches(raw, 'arn:aws:iam::(\\d{12}):(user|role)/') GROUP BY 1, 2"),
                multiset("parse nodrop: failed parse is a null group",
                        "| parse \"\\\"errorCode\\\":\\\"*\\\"\" as error_code nodrop | count by error_code",
                        "SELECT CASE WHEN regexp_matches(raw, '(?is)\"errorcode\":\"(.*?)\"') "
                                + "THEN regexp_extract(raw, '(?is)\"errorcode\":\"(.*?)\"', 1) END, count(*) "
                                + "FROM events GROUP BY 1"),
                multiset("parse A nodrop | parse B keeps messages matching A or B",
                        "| parse \"\\\"errorCode\\\":\\\"*\\\"\" as error_code nodrop "
                                + "| parse \"\\\"bucketName\\\":\\\"*\\\"\" as bucket | count by error_code, bucket",
                        "SELECT CASE WHEN regexp_matches(raw, '(?is)\"errorcode\":\"(.*?)\"') "
                                + "THEN regexp_extract(raw, '(?is)\"errorcode\":\"(.*?)\"', 1) END, "
                                + "CASE WHEN regexp_matches(raw, '(?is)\"bucketname\":\"(.*?)\"') "
                                + "THEN regexp_extract(raw, '(?is)\"bucketname\":\"(.*?)\"', 1) END, count(*) "
                                + "FROM events WHERE regexp_matches(raw, '(?is)\"errorcode\":\"(.*?)\"') "
                                + "OR regexp_matches(raw, '(?is)\"bucketname\":\"(.*?)\"') GROUP BY 1, 2"),
                multiset("where != drops rows whose field is null",
                        "| json \"eventSource\", \"errorCode\" as source, error nodrop "
                                + "| where source = \"ec2.amazonaws.com\" and error != \"Client.UnauthorizedOperation\" "
                                + "| count by error",
                        "SELECT jtext(doc, '$.errorCode'), count(*) FROM events "
                                + "WHERE jtext(doc, '$.eventSource') = 'ec2.amazonaws.com' "
                                + "AND jtext(doc, '$.errorCode') <> 'Client.UnauthorizedOperation' GROUP BY 1"),
                multiset("where !(comparison) keeps rows whose field is null",
                        "| json \"errorCode\" as error nodrop | where !(error = \"AccessDenied\") | count by error",
                        "SELECT jtext(doc, '$.errorCode'), count(*) FROM events "
                                + "WHERE NOT coalesce(jtext(doc, '$.errorCode') = 'AccessDenied', false) GROUP BY 1"),
                multiset("where !isNull",
                        "| json \"errorCode\" as error nodrop | where !isNull(error) | count by error",
                        "SELECT jtext(doc, '$.errorCode'), count(*) FROM events "
                                + "WHERE jtext(doc, '$.errorCode') IS NOT NULL GROUP BY 1"),
                multiset("isEmpty and isBlank over a nodrop field",
                        "| json \"errorMessage\", \"eventSource\" as message, source nodrop "
                                + "| where isEmpty(message) or isBlank(message) | count by source",
                        "SELECT jtext(doc, '$.eventSource'), count(*) FROM events "
                                + "WHERE jtext(doc, '$.errorMessage') IS NULL "
                                + "OR regexp_matches(jtext(doc, '$.errorMessage'), '^\\s*$') GROUP BY 1"),
                multiset("parsed string compared numerically with >",
                        "| json \"eventVersion\" as version | where version > 1.08 | count by version",
                        "SELECT jtext(doc, '$.eventVersion'), count(*) FROM events "
                                + "WHERE TRY_CAST(jtext(doc, '$.eventVersion') AS DOUBLE) > 1.08 GROUP BY 1"),
                multiset("= with a number compares numerically, with a string case-sensitively as text",
                        "| json \"eventVersion\" as version | where version = 1.1 or version = \"1.08\" "
                                + "| count by version",
                        "SELECT jtext(doc, '$.eventVersion'), count(*) FROM events "
                                + "WHERE TRY_CAST(jtext(doc, '$.eventVersion') AS DOUBLE) = 1.1 "
                                + "OR jtext(doc, '$.eventVersion') = '1.08' GROUP BY 1"),
                multiset("matches: wildcard pattern, whole value, case-sensitive",
                        "| json \"userAgent\" as agent | where agent matches \"aws-cli/*\" | count by agent",
                        "SELECT jtext(doc, '$.userAgent'), count(*) FROM events "
                                + "WHERE jtext(doc, '$.userAgent') LIKE 'aws-cli/%' GROUP BY 1"),
                multiset("matches: regex literal, found anywhere",
                        "| json \"userAgent\" as agent | where agent matches /Python\\/3\\.\\d+/ | count",
                        "SELECT count(*) FROM events WHERE regexp_matches(jtext(doc, '$.userAgent'), "
                                + "'Python/3\\.\\d+')"),
                multiset("in list",
                        "| json \"awsRegion\" as region | where region in (\"us-east-1\", \"us-west-2\") "
                                + "| count by region",
                        "SELECT jtext(doc, '$.awsRegion'), count(*) FROM events "
                                + "WHERE jtext(doc, '$.awsRegion') IN ('us-east-1', 'us-west-2') GROUP BY 1"),
                multiset("not in list drops null values",
                        "| json \"userIdentity.type\" as identity_type nodrop "
                                + "| where identity_type not in (\"IAMUser\", \"AssumedRole\") | count by identity_type",
                        "SELECT jtext(doc, '$.userIdentity.type'), count(*) FROM events "
                                + "WHERE jtext(doc, '$.userIdentity.type') NOT IN ('IAMUser', 'AssumedRole') "
                                + "GROUP BY 1"),
                multiset("contains is a case-sensitive substring test",
                        "| json \"userAgent\" as agent | where agent contains \"Boto3\" | count",
                        "SELECT count(*) FROM events WHERE contains(jtext(doc, '$.userAgent'), 'Boto3')"),
                multiset("and binds tighter than or; not",
                        "| json \"eventSource\", \"errorCode\" as source, error nodrop "
                                + "| where source = \"iam.amazonaws.com\" or source = \"sts.amazonaws.com\" "
                                + "and not isNull(error) | count by source, error",
                        "SELECT jtext(doc, '$.eventSource'), jtext(doc, '$.errorCode'), count(*) FROM events "
                                + "WHERE jtext(doc, '$.eventSource') = 'iam.amazonaws.com' "
                                + "OR (jtext(doc, '$.eventSource') = 'sts.amazonaws.com' "
                                + "AND jtext(doc, '$.errorCode') IS NOT NULL) GROUP BY 1, 2"),
                multiset("if() over a nullable field",
                        "| json \"errorCode\" as error nodrop | if(isNull(error), \"ok\", \"failed\") as outcome "
                                + "| count by outcome",
                        "SELECT CASE WHEN jtext(doc, '$.errorCode') IS NULL THEN 'ok' ELSE 'failed' END, count(*) "
                                + "FROM events GROUP BY 1"),
                multiset("ternary: comparison with null takes the else branch",
                        "| json \"userIdentity.type\" as identity_type nodrop "
                                + "| identity_type = \"Root\" ? \"root\" : \"other\" as principal | count by principal",
                        "SELECT CASE WHEN jtext(doc, '$.userIdentity.type') = 'Root' THEN 'root' ELSE 'other' END, "
                                + "count(*) FROM events GROUP BY 1"),
                multiset("count by two keys with null groups",
                        "| json \"userIdentity.type\", \"errorCode\" as identity_type, error nodrop "
                                + "| count by identity_type, error",
                        "SELECT jtext(doc, '$.userIdentity.type'), jtext(doc, '$.errorCode'), count(*) FROM events "
                                + "GROUP BY 1, 2"),
                multiset("count_distinct by key",
                        "| json \"eventName\", \"eventSource\" as name, source | count_distinct(name) by source",
                        "SELECT jtext(doc, '$.eventSource'), count(DISTINCT jtext(doc, '$.eventName')) FROM events "
                                + "WHERE jhas(doc, '$.eventName') AND jhas(doc, '$.eventSource') GROUP BY 1"),
                multiset("sum, avg, min, max of a parsed number by _sourceCategory",
                        "| json \"eventVersion\" as version "
                                + "| sum(version), avg(version), min(version), max(version) by _sourceCategory",
                        "SELECT source_category, sum(v), avg(v), min(v), max(v) FROM ("
                                + "SELECT source_category, TRY_CAST(jtext(doc, '$.eventVersion') AS DOUBLE) AS v "
                                + "FROM events WHERE jhas(doc, '$.eventVersion')) GROUP BY 1"),
                multiset("avg and max of length() by event source",
                        "| json \"userAgent\", \"eventSource\" as agent, source | length(agent) as agent_length "
                                + "| avg(agent_length) as average_length, max(agent_length) as longest by source",
                        "SELECT jtext(doc, '$.eventSource'), avg(length(jtext(doc, '$.userAgent'))), "
                                + "max(length(jtext(doc, '$.userAgent'))) FROM events "
                                + "WHERE jhas(doc, '$.userAgent') AND jhas(doc, '$.eventSource') GROUP BY 1"),
                multiset("arithmetic on a parsed string, then sum",
                        "| json \"eventVersion\" as version | version * 100 as hundredths | sum(hundredths) "
                                + "by _sourceName",
                        "SELECT source_name, sum(TRY_CAST(jtext(doc, '$.eventVersion') AS DOUBLE) * 100) FROM events "
                                + "WHERE jhas(doc, '$.eventVersion') GROUP BY 1"),
                sequence("count by, sort by _count desc then key, limit",
                        "| json \"eventSource\" as source | count by source | sort by _count desc, source asc "
                                + "| limit 5",
                        "SELECT jtext(doc, '$.eventSource') AS source, count(*) AS n FROM events "
                                + "WHERE jhas(doc, '$.eventSource') GROUP BY 1 ORDER BY n DESC, source ASC LIMIT 5"),
                sequence("sort default is descending, strings by code point",
                        "| json \"awsRegion\" as region | count by region | sort by region",
                        "SELECT jtext(doc, '$.awsRegion') AS region, count(*) FROM events "
                                + "WHERE jhas(doc, '$.awsRegion') GROUP BY 1 ORDER BY region DESC"),
                sequence("top N",
                        "| json \"eventSource\" as source | top 5 source",
                        "SELECT jtext(doc, '$.eventSource') AS source, count(*) AS n FROM events "
                                + "WHERE jhas(doc, '$.eventSource') GROUP BY 1 ORDER BY n DESC LIMIT 5"),
                sequence("messages sorted ascending by a string field, limit",
                        "| json \"eventID\" as id | sort by id asc | limit 25",
                        "SELECT jtext(doc, '$.eventID') AS id FROM events WHERE jhas(doc, '$.eventID') "
                                + "ORDER BY id ASC LIMIT 25", "id"),
                sequence("a parsed number sorts as text unless cast",
                        "| json \"eventVersion\" as version | count by version | sort by version desc",
                        "SELECT jtext(doc, '$.eventVersion') AS version, count(*) FROM events "
                                + "WHERE jhas(doc, '$.eventVersion') GROUP BY 1 ORDER BY version DESC"),
                sequence("num() writes back and sorts numerically; 1.10 and 1.1 are one group",
                        "| json \"eventVersion\" as version | num(version) | count by version | sort by version asc",
                        "SELECT TRY_CAST(jtext(doc, '$.eventVersion') AS DOUBLE) AS version, count(*) FROM events "
                                + "WHERE jhas(doc, '$.eventVersion') GROUP BY 1 ORDER BY version ASC NULLS LAST"),
                multiset("fields after an aggregate keeps duplicate rows",
                        "| json \"eventSource\", \"awsRegion\" as source, region | count by source, region "
                                + "| fields region, _count",
                        "SELECT jtext(doc, '$.awsRegion'), count(*) FROM events "
                                + "WHERE jhas(doc, '$.eventSource') AND jhas(doc, '$.awsRegion') "
                                + "GROUP BY jtext(doc, '$.eventSource'), jtext(doc, '$.awsRegion')"),
                multiset("fields on messages",
                        "| json \"eventName\", \"awsRegion\" as name, region | fields name",
                        "SELECT jtext(doc, '$.eventName') FROM events WHERE jhas(doc, '$.eventName') "
                                + "AND jhas(doc, '$.awsRegion')", "name"),
                multiset("toUpperCase statement writes back into its field",
                        "| json \"eventName\" as name | toUpperCase(name) | count by name",
                        "SELECT upper(jtext(doc, '$.eventName')), count(*) FROM events "
                                + "WHERE jhas(doc, '$.eventName') GROUP BY 1"),
                multiset("concat with a null treats it as empty",
                        "| json \"eventSource\", \"errorCode\" as source, error nodrop "
                                + "| concat(source, \"/\", error) as outcome | count by outcome",
                        "SELECT concat(jtext(doc, '$.eventSource'), '/', jtext(doc, '$.errorCode')), count(*) "
                                + "FROM events GROUP BY 1"),
                multiset("substring with an end beyond the length",
                        "| json \"eventName\" as name | substring(name, 0, 6) as prefix | count by prefix",
                        "SELECT substr(jtext(doc, '$.eventName'), 1, 6), count(*) FROM events "
                                + "WHERE jhas(doc, '$.eventName') GROUP BY 1"),
                multiset("replace of a literal, all occurrences",
                        "| json \"eventSource\" as source | replace(source, \".amazonaws.com\", \"\") as service "
                                + "| count by service",
                        "SELECT replace(jtext(doc, '$.eventSource'), '.amazonaws.com', ''), count(*) FROM events "
                                + "WHERE jhas(doc, '$.eventSource') GROUP BY 1"),
                multiset("replace of a regex, all occurrences",
                        "| json \"userAgent\" as agent | replace(agent, /[0-9]+/, \"N\") as agent_shape "
                                + "| count by agent_shape",
                        "SELECT regexp_replace(jtext(doc, '$.userAgent'), '[0-9]+', 'N', 'g'), count(*) FROM events "
                                + "WHERE jhas(doc, '$.userAgent') GROUP BY 1"),
                multiset("length of toLowerCase in where",
                        "| json \"eventName\" as name | where length(toLowerCase(name)) > 20 | count by name",
                        "SELECT jtext(doc, '$.eventName'), count(*) FROM events "
                                + "WHERE length(lower(jtext(doc, '$.eventName'))) > 20 GROUP BY 1"),
                multiset("keyword scope then json",
                        "AccessDenied | json \"eventName\", \"userIdentity.type\" as name, identity_type nodrop "
                                + "| count by name, identity_type",
                        "SELECT jtext(doc, '$.eventName'), jtext(doc, '$.userIdentity.type'), count(*) FROM events "
                                + "WHERE keyword(raw, 'accessdenied') GROUP BY 1, 2"),
                multiset("keyword: underscores are term characters, so a prefix is no match",
                        "p_any | count", "SELECT count(*) FROM events WHERE keyword(raw, 'p_any')"),
                multiset("keyword: prefix wildcard over underscored terms",
                        "p_any_* | count", "SELECT count(*) FROM events WHERE keyword(raw, 'p_any_[\\pL\\pN_]*')"),
                multiset("keyword: digits inside a longer number do not match",
                        "456789012 OR 123456789012 | count",
                        "SELECT count(*) FROM events WHERE keyword(raw, '456789012') OR keyword(raw, '123456789012')"),
                multiset("phrase: a lone * is one whole term",
                        "\"arn:aws:iam::*:root\" | count",
                        "SELECT count(*) FROM events WHERE keyword(raw, "
                                + "'arn\\s*:\\s*aws\\s*:\\s*iam\\s*:\\s*:\\s*"
                                + "(?:[\\pL\\pN_]+|[^\\s\\pL\\pN_])\\s*:\\s*root')"),
                multiset("_sourceName exact value, case-insensitive",
                        "_sourceName=CLOUDTRAIL_TEST_EVENTS.JSONL | count",
                        "SELECT count(*) FROM events WHERE lower(source_name) = 'cloudtrail_test_events.jsonl'"),
                multiset("in does not coerce a parsed string to a number",
                        "| json \"eventVersion\" as version | where version in (1.1, 1.08) | count by version",
                        "SELECT jtext(doc, '$.eventVersion'), count(*) FROM events WHERE false GROUP BY 1"),
                multiset("in after num() compares numbers",
                        "| json \"eventVersion\" as version | num(version) | where version in (1.1, 1.08) "
                                + "| count by version",
                        "SELECT TRY_CAST(jtext(doc, '$.eventVersion') AS DOUBLE), count(*) FROM events "
                                + "WHERE TRY_CAST(jtext(doc, '$.eventVersion') AS DOUBLE) IN (1.1, 1.08) GROUP BY 1"),
                multiset("matches wildcard is case-sensitive",
                        "| json \"eventName\" as name | where name matches \"describe*\" or name matches \"*Snapshot\" "
                                + "| count by name",
                        "SELECT jtext(doc, '$.eventName'), count(*) FROM events "
                                + "WHERE jtext(doc, '$.eventName') LIKE 'describe%' "
                                + "OR jtext(doc, '$.eventName') LIKE '%Snapshot' GROUP BY 1"),
                multiset("bare field as a condition: text true in any case",
                        "| json \"readOnly\" as read_only | where read_only | count by read_only",
                        "SELECT jtext(doc, '$.readOnly'), count(*) FROM events "
                                + "WHERE lower(jtext(doc, '$.readOnly')) = 'true' GROUP BY 1"),
                multiset("text comparison with < when a side is not numeric",
                        "| json \"awsRegion\" as region | where region < \"eu\" | count by region",
                        "SELECT jtext(doc, '$.awsRegion'), count(*) FROM events "
                                + "WHERE jtext(doc, '$.awsRegion') < 'eu' GROUP BY 1"),
                multiset("json: bracketed key with a special character",
                        "| json \"['@timestamp']\" as logstash_time | count",
                        "SELECT count(*) FROM events WHERE jhas(doc, '$.\"@timestamp\"')"),
                multiset("json: deep nested path",
                        "| json \"userIdentity.sessionContext.attributes.mfaAuthenticated\" as mfa nodrop "
                                + "| count by mfa",
                        "SELECT jtext(doc, '$.userIdentity.sessionContext.attributes.mfaAuthenticated'), count(*) "
                                + "FROM events GROUP BY 1"),
                multiset("json: array index out of range with nodrop",
                        "| json \"resources[1].ARN\" as second_arn nodrop | count by second_arn",
                        "SELECT jtext(doc, '$.resources[1].ARN'), count(*) FROM events GROUP BY 1"),
                multiset("json: [*] over an array of scalars",
                        "| json \"p_any_aws_account_ids[*]\" as accounts | count by accounts",
                        "SELECT CAST(to_json(json_extract(doc, '$.p_any_aws_account_ids[*]')) AS VARCHAR), count(*) "
                                + "FROM events WHERE len(json_extract(doc, '$.p_any_aws_account_ids[*]')) > 0 GROUP BY 1"),
                multiset("count by a custom field and a metadata field",
                        "* | count by dataset, _sourceName",
                        "SELECT dataset, source_name, count(*) FROM events GROUP BY 1, 2"),
                sequence("sort puts the null group last",
                        "| json \"requestParameters.bucketName\" as bucket nodrop | count by bucket "
                                + "| sort by bucket asc",
                        "SELECT jtext(doc, '$.requestParameters.bucketName') AS bucket, count(*) FROM events "
                                + "GROUP BY 1 ORDER BY bucket ASC NULLS LAST"),
                sequence("a long result sorts numerically",
                        "| json \"userAgent\" as agent | length(agent) as agent_length | count by agent_length "
                                + "| sort by agent_length desc | limit 8",
                        "SELECT length(jtext(doc, '$.userAgent')) AS agent_length, count(*) FROM events "
                                + "WHERE jhas(doc, '$.userAgent') GROUP BY 1 ORDER BY agent_length DESC LIMIT 8"),
                multiset("where on _raw with contains",
                        "| where _raw contains \"\\\"errorCode\\\"\" | count",
                        "SELECT count(*) FROM events WHERE contains(raw, '\"errorCode\"')"),
                multiset("json keys are case-sensitive",
                        "| json \"EventName\" as name nodrop | count by name",
                        "SELECT jtext(doc, '$.EventName'), count(*) FROM events GROUP BY 1"),
                multiset("= with a number ignores leading zeros of a parsed string",
                        "| json \"recipientAccountId\" as account | where account = 12345678901 | count by account",
                        "SELECT jtext(doc, '$.recipientAccountId'), count(*) FROM events "
                                + "WHERE TRY_CAST(jtext(doc, '$.recipientAccountId') AS DOUBLE) = 12345678901 GROUP BY 1"),
                multiset("= between two parsed strings compares text",
                        "| json \"userIdentity.accountId\", \"recipientAccountId\" as account, recipient "
                                + "| where account != recipient | count by account, recipient",
                        "SELECT jtext(doc, '$.userIdentity.accountId'), jtext(doc, '$.recipientAccountId'), count(*) "
                                + "FROM events WHERE jtext(doc, '$.userIdentity.accountId') "
                                + "<> jtext(doc, '$.recipientAccountId') GROUP BY 1, 2"),
                multiset("parse regex multi: one row per match",
                        "| parse regex \"arn:aws:(?<service>[a-z0-9-]+):\" multi | count by service",
                        "SELECT service, count(*) FROM (SELECT unnest(regexp_extract_all(raw, "
                                + "'arn:aws:([a-z0-9-]+):', 1)) AS service FROM events) GROUP BY 1"),
                multiset("count(field) counts rows where the field is not null",
                        "| json \"eventSource\", \"errorCode\" as source, error nodrop | count(error) by source",
                        "SELECT jtext(doc, '$.eventSource'), count(jtext(doc, '$.errorCode')) FROM events GROUP BY 1"),
                multiset("count_distinct ignores null values",
                        "| json \"eventSource\", \"errorCode\" as source, error nodrop "
                                + "| count_distinct(error) by source",
                        "SELECT jtext(doc, '$.eventSource'), count(DISTINCT jtext(doc, '$.errorCode')) FROM events "
                                + "GROUP BY 1"),
                multiset("a second aggregate counts the records of the first",
                        "| json \"eventSource\", \"eventName\" as source, name | count by source, name "
                                + "| count by source",
                        "SELECT source, count(*) FROM (SELECT jtext(doc, '$.eventSource') AS source, "
                                + "jtext(doc, '$.eventName') AS name FROM events WHERE jhas(doc, '$.eventSource') "
                                + "AND jhas(doc, '$.eventName') GROUP BY 1, 2) GROUP BY 1"),
                multiset("where and sum over aggregate columns",
                        "| json \"eventName\", \"awsRegion\" as name, region | count by name, region "
                                + "| where _count > 5 | sum(_count) by region",
                        "SELECT region, sum(n) FROM (SELECT jtext(doc, '$.eventName') AS name, "
                                + "jtext(doc, '$.awsRegion') AS region, count(*) AS n FROM events "
                                + "WHERE jhas(doc, '$.eventName') AND jhas(doc, '$.awsRegion') GROUP BY 1, 2) "
                                + "WHERE n > 5 GROUP BY 1"),
                multiset("round and toLong after an aggregate",
                        "| json \"userAgent\", \"eventSource\" as agent, source | length(agent) as agent_length "
                                + "| avg(agent_length) by source | round(_avg) as rounded | toLong(_avg) as truncated "
                                + "| fields source, rounded, truncated",
                        "SELECT source, round(a), trunc(a) FROM (SELECT jtext(doc, '$.eventSource') AS source, "
                                + "avg(length(jtext(doc, '$.userAgent'))) AS a FROM events "
                                + "WHERE jhas(doc, '$.userAgent') AND jhas(doc, '$.eventSource') GROUP BY 1)"),
                multiset("trim and a nested if",
                        "| json \"sourceIPAddress\" as ip | trim(ip) as ip "
                                + "| if(ip matches \"*.amazonaws.com\", \"service\", if(ip contains \":\", \"ipv6\", "
                                + "\"ipv4\")) as kind | count by kind",
                        "SELECT CASE WHEN trim(jtext(doc, '$.sourceIPAddress')) LIKE '%.amazonaws.com' THEN 'service' "
                                + "WHEN contains(trim(jtext(doc, '$.sourceIPAddress')), ':') THEN 'ipv6' ELSE 'ipv4' END, "
                                + "count(*) FROM events WHERE jhas(doc, '$.sourceIPAddress') GROUP BY 1"),
                multiset("arithmetic with % and / on lengths",
                        "| json \"eventName\" as name | length(name) % 3 as remainder | length(name) / 2 as half "
                                + "| sum(half) by remainder",
                        "SELECT length(jtext(doc, '$.eventName')) % 3, sum(length(jtext(doc, '$.eventName')) / 2) "
                                + "FROM events WHERE jhas(doc, '$.eventName') GROUP BY 1"),
                multiset("quoted _sourceCategory value still honours *",
                        "_sourceCategory=\"cloudtrail/otrf*\" | count",
                        "SELECT count(*) FROM events WHERE lower(source_category) LIKE 'cloudtrail/otrf%'"),
                multiset("scope NOT binds tighter than OR",
                        "NOT AccessDenied OR s3 | count",
                        "SELECT count(*) FROM events WHERE NOT keyword(raw, 'accessdenied') OR keyword(raw, 's3')"),
                sequence("sort by two keys in opposite directions",
                        "| json \"eventSource\", \"awsRegion\" as source, region | count by source, region "
                                + "| sort by source asc, _count desc, region asc",
                        "SELECT jtext(doc, '$.eventSource') AS source, jtext(doc, '$.awsRegion') AS region, "
                                + "count(*) AS n FROM events WHERE jhas(doc, '$.eventSource') "
                                + "AND jhas(doc, '$.awsRegion') GROUP BY 1, 2 ORDER BY source ASC, n DESC, region ASC"),
                multiset("!= and >= with numeric text on both sides compare numbers",
                        "| json \"eventVersion\" as version | where version != 1.1 and version >= \"1.09\" "
                                + "| count by version",
                        "SELECT jtext(doc, '$.eventVersion'), count(*) FROM events "
                                + "WHERE TRY_CAST(jtext(doc, '$.eventVersion') AS DOUBLE) <> 1.1 "
                                + "AND TRY_CAST(jtext(doc, '$.eventVersion') AS DOUBLE) >= 1.09 GROUP BY 1"),
                multiset("> with a number: a value that is not numeric fails coercion and compares false",
                        "| json \"userIdentity.accountId\" as account | where account > 100000000000 "
                                + "| count by account",
                        "SELECT jtext(doc, '$.userIdentity.accountId'), count(*) FROM events "
                                + "WHERE TRY_CAST(jtext(doc, '$.userIdentity.accountId') AS DOUBLE) > 100000000000 "
                                + "GROUP BY 1"),
                multiset("contains with an empty string is true only for an empty value",
                        "| json \"userIdentity.type\" as identity_type | where identity_type contains \"\" | count",
                        "SELECT count(*) FROM events WHERE jtext(doc, '$.userIdentity.type') = ''"),
                multiset("length(null) is 0",
                        "| json \"errorCode\" as error nodrop | length(error) as error_length "
                                + "| count by error_length",
                        "SELECT coalesce(length(jtext(doc, '$.errorCode')), 0), count(*) FROM events GROUP BY 1"),
                multiset("replace with a null input is null",
                        "| json \"errorCode\" as error nodrop | replace(error, \"Client.\", \"\") as short_error "
                                + "| count by short_error",
                        "SELECT replace(jtext(doc, '$.errorCode'), 'Client.', ''), count(*) FROM events GROUP BY 1"),
                multiset("where on metadata and a custom field by another spelling",
                        "| where _sourceCategory = \"cloudtrail/stratus-red-team-detonation-logs\" "
                                + "or DATASET matches \"otrf*\" | count by _sourceName",
                        "SELECT source_name, count(*) FROM events "
                                + "WHERE source_category = 'cloudtrail/stratus-red-team-detonation-logs' "
                                + "OR dataset LIKE 'otrf%' GROUP BY 1"));
    }

    private static DifferentialCase multiset(String name, String sumoQuery, String sql, String... columns) {
        return new DifferentialCase(name, sumoQuery, sql, List.of(columns), Order.MULTISET);
    }

    private static DifferentialCase sequence(String name, String sumoQuery, String sql, String... columns) {
        return new DifferentialCase(name, sumoQuery, sql, List.of(columns), Order.SEQUENCE);
    }

    private static List<List<Object>> loupeRows(QueryResult result, List<String> columns) {
        List<Integer> indexes = new ArrayList<>();
        if (columns.isEmpty()) {
            for (int index = 0; index < result.fields().size(); index++) {
                indexes.add(index);
            }
        } else {
            for (String column : columns) {
                int index = result.fieldIndex(column);
                assertThat(index).as("column %s in %s", column, result.fields()).isNotNegative();
                indexes.add(index);
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Object[] row : result.rows()) {
            List<Object> values = new ArrayList<>();
            for (int index : indexes) {
                values.add(normalize(row[index]));
            }
            rows.add(values);
        }
        return rows;
    }

    private static List<List<Object>> duckDbRows(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = duckDb.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            ResultSetMetaData metaData = resultSet.getMetaData();
            while (resultSet.next()) {
                List<Object> values = new ArrayList<>();
                for (int column = 1; column <= metaData.getColumnCount(); column++) {
                    values.add(normalize(resultSet.getObject(column)));
                }
                rows.add(values);
            }
        }
        return rows;
    }

    /** Numbers become {@link BigDecimal} or {@link Double}; strings and booleans stay; null stays null. */
    private static Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case Long number -> number.doubleValue();
            case Integer number -> number.doubleValue();
            case Short number -> number.doubleValue();
            case BigInteger number -> number.doubleValue();
            case BigDecimal number -> number.doubleValue();
            case Float number -> number.doubleValue();
            case Double number -> number;
            case String text -> text;
            case Boolean bool -> bool;
            default -> value.toString();
        };
    }

    private static final Comparator<Object> VALUE_ORDER = (left, right) -> {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        int leftRank = rank(left);
        int rightRank = rank(right);
        if (leftRank != rightRank) {
            return Integer.compare(leftRank, rightRank);
        }
        return switch (left) {
            case Double number -> Double.compare(number, (Double) right);
            case Boolean bool -> Boolean.compare(bool, (Boolean) right);
            default -> left.toString().compareTo(right.toString());
        };
    };

    private static final Comparator<List<Object>> ROW_ORDER = (left, right) -> {
        for (int index = 0; index < Math.min(left.size(), right.size()); index++) {
            int compared = VALUE_ORDER.compare(left.get(index), right.get(index));
            if (compared != 0) {
                return compared;
            }
        }
        return Integer.compare(left.size(), right.size());
    };

    private static int rank(Object value) {
        return switch (value) {
            case Boolean bool -> 0;
            case Double number -> 1;
            default -> 2;
        };
    }

    private static boolean sameRows(List<List<Object>> left, List<List<Object>> right) {
        if (left.size() != right.size()) {
            return false;
        }
        for (int index = 0; index < left.size(); index++) {
            if (!sameRow(left.get(index), right.get(index))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameRow(List<Object> left, List<Object> right) {
        if (left.size() != right.size()) {
            return false;
        }
        for (int index = 0; index < left.size(); index++) {
            if (!sameValue(left.get(index), right.get(index))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValue(Object left, Object right) {
        if (left instanceof Double leftNumber && right instanceof Double rightNumber) {
            double scale = Math.max(1, Math.max(Math.abs(leftNumber), Math.abs(rightNumber)));
            return Math.abs(leftNumber - rightNumber) <= RELATIVE_TOLERANCE * scale;
        }
        return Objects.equals(left, right);
    }

    private static String describeDifference(DifferentialCase differentialCase, List<List<Object>> loupeRows,
            List<List<Object>> duckDbRows) {
        StringBuilder text = new StringBuilder();
        text.append("Sumo: ").append(differentialCase.sumoQuery()).append("\nSQL:  ").append(differentialCase.sql())
                .append("\nLoupe rows: ").append(loupeRows.size()).append(", DuckDB rows: ")
                .append(duckDbRows.size());
        if (differentialCase.order() == Order.MULTISET) {
            appendUnmatched(text, "only in Loupe:  ", loupeRows, duckDbRows);
            appendUnmatched(text, "only in DuckDB: ", duckDbRows, loupeRows);
            return text.toString();
        }
        int shown = 0;
        for (int index = 0; index < Math.max(loupeRows.size(), duckDbRows.size()) && shown < SHOWN_DIFFERENCES;
                index++) {
            List<Object> loupe = index < loupeRows.size() ? loupeRows.get(index) : null;
            List<Object> duckDb = index < duckDbRows.size() ? duckDbRows.get(index) : null;
            if (loupe == null || duckDb == null || !sameRow(loupe, duckDb)) {
                text.append("\n  #").append(index).append(" Loupe ").append(loupe).append(" | DuckDB ")
                        .append(duckDb);
                shown++;
            }
        }
        return text.toString();
    }

    /** Appends the rows of {@code rows} that no row of {@code others} matches (each match used once). */
    private static void appendUnmatched(StringBuilder text, String label, List<List<Object>> rows,
            List<List<Object>> others) {
        List<List<Object>> remaining = new ArrayList<>(others);
        int shown = 0;
        for (List<Object> row : rows) {
            int match = -1;
            for (int index = 0; index < remaining.size() && match < 0; index++) {
                if (sameRow(row, remaining.get(index))) {
                    match = index;
                }
            }
            if (match >= 0) {
                remaining.remove(match);
            } else if (shown++ < SHOWN_DIFFERENCES) {
                text.append("\n  ").append(label).append(row);
            }
        }
    }
}
