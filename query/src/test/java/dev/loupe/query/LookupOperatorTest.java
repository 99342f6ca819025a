package dev.loupe.query;

import static dev.loupe.query.EngineFixture.column;
import static dev.loupe.query.EngineFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.ErrorCode;
import dev.loupe.query.lookup.CsvLookupTables;
import dev.loupe.query.lookup.InMemoryLookupTable;
import dev.loupe.query.lookup.LookupCatalog;
import dev.loupe.query.lookup.VirtualTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lookup family (spec §2.8) and the app's three lookup panels on a hand-made CloudTrail data set. */
class LookupOperatorTest {
    private static final String RAW_LABELS = "{\"indicator\":\"1.2.3.4\",\"labels\":[{\"name\":\"Actor/FANCYBEAR\"},"
            + "{\"name\":\"Malware/X\"}]}";

    private static InMemoryLookupTable geo() {
        return new InMemoryLookupTable(VirtualTable.GEO_LOCATION.columns(), List.of("ip"), List.of(
                geoRow("1.2.3.4", "37.75", "-97.82", "US", "United States"),
                geoRow("9.9.9.9", "47.6", "-122.3", "US", "United States")));
    }

    private static List<String> geoRow(String ip, String latitude, String longitude, String code, String country) {
        List<String> row = new ArrayList<>(Arrays.asList(new String[VirtualTable.GEO_LOCATION.columns().size()]));
        row.set(0, ip);
        row.set(1, latitude);
        row.set(2, longitude);
        row.set(3, code);
        row.set(4, country);
        return row;
    }

    private static InMemoryLookupTable threat() {
        return new InMemoryLookupTable(VirtualTable.THREAT.columns(), List.of("threat"), List.of(
                List.of("1.2.3.4", "ip_address", "FANCY BEAR", RAW_LABELS, "high"),
                List.of("5.6.7.8", "ip_address", "", "{\"labels\":[]}", "low")));
    }

    private static LookupCatalog catalog() {
        return LookupCatalog.builder().add(VirtualTable.GEO_LOCATION, geo()).add(VirtualTable.THREAT, threat())
                .addPath("/Library/Users/me/hosts", CsvLookupTables.parse("""
                        host,owner,env
                        web-1,alice,prod
                        WEB-2,bob,dev
                        web-2,carol,prod
                        """, List.of("host")))
                .build();
    }

    private static String event(String name, String ip, String error) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"accountId\":\"123456789012\","
                + "\"arn\":\"arn:aws:iam::123456789012:user/alice\",\"userName\":\"alice\"},"
                + "\"eventTime\":\"2023-11-14T22:13:20Z\",\"eventSource\":\"apigateway.amazonaws.com\","
                + "\"eventName\":\"" + name + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"" + ip + "\","
                + "\"userAgent\":\"aws-cli/2.0\",\"requestParameters\":{\"restApiId\":\"abc\"},"
                + (error == null ? "" : "\"errorCode\":\"" + error + "\",\"errorMessage\":\"denied\",")
                + "\"responseElements\":null,\"requestID\":\"r-" + name + "\",\"recipientAccountId\":\"123456789012\"}";
    }

    private static EngineFixture cloudTrail() {
        Map<String, String> fields = Map.of("account", "prod", "namespace", "aws/apigateway", "region", "us-east-1");
        return new EngineFixture(catalog())
                .add(event("CreateRestApi", "1.2.3.4", null), fields)
                .add(event("GetRestApis", "1.2.3.4", null), fields)
                .add(event("GetRestApis", "5.6.7.8", null), fields)
                .add(event("DeleteRestApi", "9.9.9.9", "AccessDenied"), fields)
                .add(event("GetRestApis", "apigateway.amazonaws.com", null), fields);
    }

    private static String appQuery(int index) throws IOException {
        try (InputStream input = LookupOperatorTest.class.getResourceAsStream("/parser/app-content-queries.txt")) {
            String text = new String(input.readAllBytes(), StandardCharsets.UTF_8);
            return text.split("\n====\n")[index].replaceAll("\\{\\{\\w+}}", "*");
        }
    }

    @Test
    void successfulActivityLocationPanel() throws IOException {
        QueryResult result = cloudTrail().run(appQuery(0));
        assertThat(result.fields()).extracting(ResultField::name)
                .containsExactly("src_ip", "_count", "latitude", "longitude");
        assertThat(rows(result, "src_ip", "_count", "latitude", "longitude"))
                .containsExactly(List.of("1.2.3.4", 2L, "37.75", "-97.82"));
    }

    @Test
    void failureActivityLocationPanel() throws IOException {
        QueryResult result = cloudTrail().run(appQuery(1));
        assertThat(rows(result, "src_ip", "_count", "latitude", "longitude"))
                .containsExactly(List.of("9.9.9.9", 1L, "47.6", "-122.3"));
    }

    @Test
    void threatTablePanel() throws IOException {
        QueryResult result = cloudTrail().run(appQuery(12));
        assertThat(result.fields()).extracting(ResultField::name)
                .containsExactly("src_ip", "event_name", "type", "actor", "malicious_confidence");
        assertThat(rows(result, "src_ip", "event_name", "type", "actor", "malicious_confidence"))
                .containsExactlyInAnyOrder(List.of("1.2.3.4", "CreateRestApi", "ip_address", "FANCY BEAR", "high"),
                        List.of("1.2.3.4", "GetRestApis", "ip_address", "FANCY BEAR", "high"));
    }

    @Test
    void threatRawFeedsJsonWildcardPath() {
        QueryResult result = cloudTrail().run("| json \"sourceIPAddress\" as src_ip | count by src_ip"
                + " | lookup raw from sumo://threat/cs on threat=src_ip | where !isNull(raw)"
                + " | json field=raw \"labels[*].name\" as label_name | sort by src_ip asc");
        assertThat(column(result, "label_name")).containsExactly("[\"Actor/FANCYBEAR\",\"Malware/X\"]");
    }

    @Test
    void missesGiveNullsAndKeepRows() {
        QueryResult result = cloudTrail().run("| json \"sourceIPAddress\" as ip | lookup latitude from geo://location"
                + " on ip");
        assertThat(column(result, "latitude")).containsExactly(null, "47.6", null, "37.75", "37.75");
    }

    @Test
    void matchingIgnoresCaseAndLastDuplicateWins() {
        EngineFixture fixture = new EngineFixture(catalog()).add("host=Web-1", "host=web-2", "host=web-3",
                "nohost");
        QueryResult result = fixture.run("| parse \"host=*\" as h nodrop"
                + " | lookup owner as who, env from path://\"/Library/Users/me/hosts\" on h=host");
        assertThat(rows(result, "h", "who", "env")).containsExactly(Arrays.asList(null, null, null),
                Arrays.asList("web-3", null, null), List.of("web-2", "carol", "prod"),
                List.of("Web-1", "alice", "prod"));
    }

    @Test
    void starReturnsEveryColumnAndAndJoinsAreAccepted() {
        InMemoryLookupTable pairs = new InMemoryLookupTable(List.of("a", "b", "label"), List.of("a", "b"),
                List.of(List.of("1", "x", "one-x"), List.of("1", "y", "one-y")));
        EngineFixture fixture = new EngineFixture(LookupCatalog.builder().addPath("/t", pairs).build())
                .add("a=1 b=Y");
        QueryResult result = fixture.run("| parse \"a=* b=*\" as first, second"
                + " | lookup * from path://\"/t\" on first=a and second=b");
        assertThat(rows(result, "a", "b", "label")).containsExactly(List.of("1", "y", "one-y"));
    }

    @Test
    void geoipAndThreatipShorthands() {
        EngineFixture fixture = new EngineFixture(catalog()).add("ip=1.2.3.4");
        QueryResult result = fixture.run("| parse \"ip=*\" as ip | geoip ip | threatip ip");
        assertThat(rows(result, "latitude", "longitude", "country_code", "country_name", "city", "state"))
                .containsExactly(Arrays.asList("37.75", "-97.82", "US", "United States", null, null));
        assertThat(rows(result, "type", "actor", "raw_threat", "malicious_confidence"))
                .containsExactly(List.of("ip_address", "FANCY BEAR", RAW_LABELS, "high"));
    }

    @Test
    void lookupAfterAggregateAddsColumns() {
        QueryResult result = cloudTrail().run("| json \"sourceIPAddress\" as ip | count by ip"
                + " | lookup country_code as cc from geo://location on ip=ip | sort by ip asc");
        assertThat(result.fields()).extracting(ResultField::name).containsExactly("ip", "_count", "cc");
        assertThat(column(result, "cc")).containsExactly("US", null, "US", null);
    }

    @Test
    void errorsNameTheProblem() {
        EngineFixture fixture = new EngineFixture(catalog());
        assertThat(fixture.failure("| lookup x from path://\"/Library/none\" on a=b").getMessage())
                .isEqualTo("line 1, col 17: lookup table path://\"/Library/none\" is not available");
        assertThat(new EngineFixture().failure("| lookup latitude from geo://location on ip=x").getMessage())
                .isEqualTo("line 1, col 24: lookup table geo://location is not available");
        assertThat(fixture.failure("| lookup height from geo://location on ip=x").getMessage())
                .startsWith("line 1, col 10: lookup table geo://location has no column 'height' (columns: ip, ");
        assertThat(fixture.failure("| lookup latitude from geo://location on a=b").getMessage())
                .contains("must join on the key column(s) [ip]");
        assertThat(fixture.failure("| lookup latitude from ftp://x on ip").getMessage())
                .contains("unknown lookup table 'ftp://x'");
        assertThat(fixture.failure("| lookup latitude from geo://location on ip=a, ip=b").getMessage())
                .contains("key column 'ip' is joined twice");
        assertThat(fixture.failure("| lookup latitude from geo://location on nothing").errorCode())
                .isEqualTo(ErrorCode.QUERY_INVALID);
    }
}
