package dev.loupe.query.series;

import static dev.loupe.query.series.SeriesEngine.column;
import static dev.loupe.query.series.SeriesEngine.names;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.LogMessage;
import dev.loupe.core.TimeRange;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.query.QueryContext;
import dev.loupe.query.QueryResult;
import dev.loupe.testing.InMemoryLogStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AWS API Gateway audit panels (app-content.md §2) that use timeslice, fillmissing, transpose, topk and
 * top ... by, with {@code {{var}}} replaced by {@code *}, over a small hand-made CloudTrail data set: seven
 * events in the last 24 hours, two of them failures.
 */
class AppContentTimeSeriesTest {
    private static final long MINUTE = 60_000;
    private static final long END = Instant.parse("2024-03-02T00:00:00Z").toEpochMilli();
    private static final long START = END - 24 * 60 * MINUTE;
    private static final long SLICE = 15 * MINUTE;
    private static LogQueryEngine engine;
    private static List<String> queries;

    @BeforeAll
    static void load() throws IOException {
        InMemoryLogStore store = new InMemoryLogStore();
        List<LogMessage> messages = new ArrayList<>();
        long t0 = START + 10 * 60 * MINUTE;
        messages.add(event(t0, "CreateRestApi", "IAMUser", "alice", null, "aws-cli/2"));
        messages.add(event(t0 + 1000, "GetRestApis", "IAMUser", "alice", null, "aws-cli/2"));
        messages.add(event(t0 + 2 * MINUTE, "GetRestApis", "AssumedRole", "deployer", null, "console"));
        messages.add(event(t0 + 20 * MINUTE, "DeleteRestApi", "IAMUser", "bob", "AccessDenied", "aws-cli/2"));
        messages.add(event(t0 + 21 * MINUTE, "GetRestApis", "IAMUser", "bob", null, "aws-cli/2"));
        messages.add(event(t0 + 61 * MINUTE, "DeleteRestApi", "IAMUser", "bob", "NotFoundException", "console"));
        messages.add(event(t0 + 62 * MINUTE, "GetRestApis", "IAMUser", "carol", null, "boto3"));
        store.append(messages);
        engine = new LogQueryEngine(store);
        try (InputStream input = AppContentTimeSeriesTest.class.getResourceAsStream("/parser/app-content-queries.txt")) {
            queries = List.of(new String(input.readAllBytes(), StandardCharsets.UTF_8).split("\n====\n"));
        }
    }

    private static LogMessage event(long time, String name, String type, String user, String errorCode,
            String agent) {
        String error = errorCode == null ? "" : ",\"errorCode\":\"" + errorCode + "\",\"errorMessage\":\"no\"";
        String raw = "{\"eventTime\":\"" + Instant.ofEpochMilli(time) + "\",\"eventSource\":\"apigateway.amazonaws.com\","
                + "\"eventName\":\"" + name + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.7\","
                + "\"userAgent\":\"" + agent + "\",\"recipientAccountId\":\"123456789012\",\"requestID\":\"r-" + time
                + "\",\"userIdentity\":{\"type\":\"" + type + "\",\"accountId\":\"123456789012\",\"arn\":"
                + "\"arn:aws:iam::123456789012:user/" + user + "\",\"userName\":\"" + user + "\"},"
                + "\"requestParameters\":{\"restApiId\":\"abc\"},\"responseElements\":{\"name\":\"petstore\"}" + error
                + "}";
        return new LogMessage(raw, time, time, "aws/cloudtrail", "trail", "host", "s3", "collector",
                Map.of("account", "prod", "namespace", "aws/apigateway", "region", "us-east-1"));
    }

    private static QueryResult run(int panel) {
        String query = queries.get(panel - 1).replaceAll("\\{\\{\\w+}}", "*");
        return engine.execute(query, new QueryContext(new TimeRange(START, END), ZoneOffset.UTC, false, END));
    }

    @Test
    void everyPanelWithoutALookupRuns() {
        for (int panel : new int[] {3, 4, 5, 6, 7, 8, 9, 10, 11, 12}) {
            assertThat(run(panel).kind()).as("panel %d", panel).isEqualTo(QueryResult.Kind.RECORDS);
        }
    }

    @Test
    void eventStatusTrendFillsEveryQuarterHourAndTransposesTheStatuses() {
        QueryResult result = run(5);
        assertThat(names(result)).containsExactly("_timeslice", "Failure", "Success");
        assertThat(result.rows()).hasSize(96);
        List<Object> slices = column(result, "_timeslice");
        assertThat(slices).doesNotHaveDuplicates().allSatisfy(start -> assertThat((Long) start % SLICE).isZero());
        long total = 0;
        long failures = 0;
        for (Object[] row : result.rows()) {
            failures += (Long) row[1];
            total += (Long) row[1] + (Long) row[2];
        }
        assertThat(total).isEqualTo(7);
        assertThat(failures).isEqualTo(2);
    }

    @Test
    void eventsTrendByEventNameHasOneColumnPerName() {
        QueryResult result = run(12);
        assertThat(names(result)).containsExactly("_timeslice", "CreateRestApi", "DeleteRestApi", "GetRestApis");
        assertThat(result.rows()).hasSize(3);
    }

    @Test
    void topErrorCodesRanksByCountThenCode() {
        QueryResult result = run(4);
        assertThat(names(result)).containsExactly("error_code", "event_count");
        assertThat(column(result, "error_code")).containsExactly("AccessDenied", "NotFoundException");
        assertThat(column(result, "event_count")).containsExactly(1L, 1L);
    }

    @Test
    void topUsersKeepsTenPerTypeWithoutTheRank() {
        QueryResult result = run(10);
        assertThat(names(result)).containsExactly("type", "user", "event_count");
        assertThat(result.rows()).hasSize(4);
        assertThat(column(result, "event_count")).contains(3L, 2L, 1L, 1L);
    }

    @Test
    void detailsPanelsSliceBySecondAndLimit() {
        QueryResult failed = run(7);
        assertThat(names(failed).getFirst()).isEqualTo("_timeslice");
        assertThat(failed.rows()).hasSize(2);
        assertThat(column(failed, "_timeslice")).allSatisfy(start -> assertThat((Long) start % 1000).isZero());
    }
}
