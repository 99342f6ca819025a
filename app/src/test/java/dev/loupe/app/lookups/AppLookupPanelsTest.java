package dev.loupe.app.lookups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.LogMessage;
import dev.loupe.core.TimeRange;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.query.QueryContext;
import dev.loupe.query.QueryResult;
import dev.loupe.query.ResultField;
import dev.loupe.testing.InMemoryLogStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The AWS API Gateway app's three lookup panels (Successful and Failure Activity Location, Threat Table), run end to
 * end through {@link LogQueryEngine} with the shipped tables; {@code {{var}}} replaced by {@code *}.
 */
class AppLookupPanelsTest {
    private static final long BASE = 1_700_000_000_000L;
    private static final QueryContext CONTEXT = new QueryContext(new TimeRange(BASE - 3_600_000, BASE + 3_600_000),
            ZoneOffset.UTC, false, BASE + 3_600_000);

    private final InMemoryLogStore store = new InMemoryLogStore();
    private final LogQueryEngine engine = new LogQueryEngine(store, ShippedLookups.shippedCatalog());

    AppLookupPanelsTest() {
        Map<String, String> fields = Map.of("account", "prod", "namespace", "aws/apigateway", "region", "us-east-1");
        // the panel turns an empty actor into "Unassigned" (its Actor alias overwrites actor: names ignore case)
        // 77.90.185.20 is on 10 IPsum lists (DE), 1.1.220.166 on 1 (TH), 8.8.8.8 on none (US); 10.0.0.5 is private
        String[][] events = {{"CreateRestApi", "77.90.185.20", null}, {"GetRestApis", "77.90.185.20", null},
            {"GetRestApis", "8.8.8.8", null}, {"GetRestApis", "1.1.220.166", null},
            {"DeleteRestApi", "8.8.8.8", "AccessDenied"}, {"GetRestApis", "10.0.0.5", null},
            {"GetRestApis", "apigateway.amazonaws.com", null}};
        for (int index = 0; index < events.length; index++) {
            long time = BASE + 1000L * index;
            store.append(List.of(new LogMessage(event(events[index][0], events[index][1], events[index][2]), time,
                    time + 5, "aws/cloudtrail", "name", "host", "source", "collector", fields)));
        }
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

    private static String panel(int index) throws IOException {
        try (InputStream input = AppLookupPanelsTest.class.getResourceAsStream("app-lookup-panels.txt")) {
            String text = new String(input.readAllBytes(), StandardCharsets.UTF_8);
            return text.split("\n====\n")[index].replaceAll("\\{\\{\\w+}}", "*");
        }
    }

    private static List<List<Object>> rows(QueryResult result, String... names) {
        List<List<Object>> rows = new ArrayList<>();
        for (Object[] row : result.rows()) {
            List<Object> values = new ArrayList<>();
            for (String name : names) {
                values.add(row[result.fieldIndex(name)]);
            }
            rows.add(values);
        }
        return rows;
    }

    @Test
    void successfulActivityLocation() throws IOException {
        QueryResult result = engine.execute(panel(0), CONTEXT);
        assertThat(result.fields()).extracting(ResultField::name)
                .containsExactly("src_ip", "_count", "latitude", "longitude");
        assertThat(rows(result, "src_ip", "_count", "latitude", "longitude")).containsExactlyInAnyOrder(
                List.of("77.90.185.20", 2L, "51.1338", "10.2885"),
                List.of("8.8.8.8", 1L, "39.5015", "-99.0603"),
                List.of("1.1.220.166", 1L, "15.0167", "101.0058"));
    }

    @Test
    void failureActivityLocation() throws IOException {
        QueryResult result = engine.execute(panel(1), CONTEXT);
        assertThat(rows(result, "src_ip", "_count", "latitude", "longitude"))
                .containsExactly(List.of("8.8.8.8", 1L, "39.5015", "-99.0603"));
    }

    @Test
    void threatTable() throws IOException {
        QueryResult result = engine.execute(panel(2), CONTEXT);
        assertThat(result.fields()).extracting(ResultField::name)
                .containsExactly("src_ip", "event_name", "type", "actor", "malicious_confidence");
        assertThat(rows(result, "src_ip", "event_name", "type", "actor", "malicious_confidence"))
                .containsExactlyInAnyOrder(List.of("77.90.185.20", "CreateRestApi", "ip_address", "Unassigned", "high"),
                        List.of("77.90.185.20", "GetRestApis", "ip_address", "Unassigned", "high"));
    }

    @Test
    void threatLabelsParseWithTheJsonWildcardPath() {
        QueryResult result = engine.execute("| json \"sourceIPAddress\" as src_ip | count by src_ip"
                + " | lookup raw from sumo://threat/cs on threat=src_ip | where !isNull(raw)"
                + " | json field=raw \"labels[*].name\" as label_name | sort by src_ip asc", CONTEXT);
        assertThat(rows(result, "src_ip", "label_name")).containsExactly(
                List.of("1.1.220.166", "[\"MaliciousConfidence/Low\",\"Source/IPsum\",\"Blocklists/1\"]"),
                List.of("77.90.185.20", "[\"MaliciousConfidence/High\",\"Source/IPsum\",\"Blocklists/10\"]"));
    }

    @Test
    void geoipShorthand() {
        QueryResult result = engine.execute("| json \"sourceIPAddress\" as ip | where ip = \"10.0.0.5\""
                + " or ip = \"77.90.185.20\" | geoip ip | count by ip, country_name, city", CONTEXT);
        assertThat(rows(result, "ip", "country_name", "city")).containsExactlyInAnyOrder(
                Arrays.asList("77.90.185.20", "Germany", null), Arrays.asList("10.0.0.5", null, null));
    }
}
