package dev.loupe.cli.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The work of the side-by-side benchmark: the 13 log queries of the AWS API Gateway app (read from the app
 * definition the server ships, {@code {{var}}} replaced by {@code *} as a dashboard does with "All"), a needle
 * search, a high-cardinality {@code count by} and {@code timeslice 1m | count}, each also written for DuckDB and,
 * where the tool can express it, for {@code jq} and {@code rg}.
 *
 * <p>The peers' forms compute the core of each app query: the events that reach its first aggregate and the groups
 * of that aggregate. What follows the aggregate in Loupe (transpose, geo and threat lookups, sort, top, limit) has
 * no peer form and is left out of the comparison of answers, but Loupe still runs the whole query, so its times
 * include that work.
 */
public final class Workload {
    /** The app definition the server ships (a byte-identical copy of the published JSON). */
    static final String APP_RESOURCE = "/dev/loupe/server/library/apps/aws-api-gateway-app.json";

    private static final String API_GATEWAY = "eventSource = 'apigateway.amazonaws.com'";
    private static final String FAILED = "coalesce(errorCode, '') <> ''";
    private static final String SUCCEEDED = "coalesce(errorCode, '') = ''";
    private static final String NOT_AWS_CALLER = "sourceIPAddress NOT LIKE '%.amazonaws.com'";
    private static final String STATUS = "CASE WHEN coalesce(errorCode, '') = '' THEN 'Success' ELSE 'Failure' END";
    private static final String SLICE_15_MINUTES = "time_bucket(INTERVAL 15 minutes, eventTime)";
    private static final String USER = "coalesce(nullif(userIdentity.userName, ''), "
            + "regexp_extract(userIdentity.arn, ':assumed-role/(.*)$', 1))";
    private static final String JQ_API_GATEWAY = ".eventSource == \"apigateway.amazonaws.com\"";
    private static final String JQ_STATUS = "(if (.errorCode // \"\") == \"\" then \"Success\" else \"Failure\" end)";
    private static final String API_GATEWAY_PHRASE = "\"eventSource\":\"apigateway.amazonaws.com\"";

    private Workload() {}

    /** Every task, app queries first, with {@code needleRequestId} as the needle. */
    public static List<Task> tasks(String needleRequestId) {
        List<Task> tasks = new ArrayList<>();
        for (Map.Entry<String, String> panel : appLogQueries().entrySet()) {
            tasks.add(appTask(panel.getKey(), panel.getValue()));
        }
        tasks.add(new Task("needle: one requestID", Task.Kind.NEEDLE, "\"" + needleRequestId + "\"",
                "requestID = '" + needleRequestId + "'", List.of(),
                Optional.of(".requestID == \"" + needleRequestId + "\""), "\"all\"", Optional.of(needleRequestId),
                Task.Check.TOTAL));
        tasks.add(new Task("count by principal (high cardinality)", Task.Kind.HIGH_CARDINALITY,
                "* | json \"userIdentity.principalId\" as principal | count by principal", "TRUE",
                List.of("userIdentity.principalId"), Optional.of("true"), ".userIdentity.principalId", Optional.empty(),
                Task.Check.TOTAL_AND_GROUPS));
        tasks.add(new Task("timeslice 1m, count by _timeslice", Task.Kind.TIMESLICE, "* | timeslice 1m | count by _timeslice", "TRUE",
                List.of("time_bucket(INTERVAL 1 minute, eventTime)"), Optional.of("true"), ".eventTime[0:16]",
                Optional.empty(), Task.Check.TOTAL_AND_GROUPS));
        return List.copyOf(tasks);
    }

    /** The app's log queries by panel title, in the definition's order, {@code {{var}}} replaced by {@code *}. */
    public static Map<String, String> appLogQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        collect(appDefinition(), "Logs", (title, query) -> queries.putIfAbsent(title, query));
        return queries;
    }

    /** The app's distinct metrics queries, in the definition's order, {@code {{var}}} replaced by {@code *}. */
    public static List<String> appMetricsQueries() {
        Set<String> queries = new LinkedHashSet<>();
        collect(appDefinition(), "Metrics", (title, query) -> queries.add(query));
        return List.copyOf(queries);
    }

    private static Task appTask(String title, String query) {
        return switch (title) {
            case "Events Trend by Event Name" -> app(title, query, API_GATEWAY, List.of(SLICE_15_MINUTES, "eventName"),
                    Task.Check.TOTAL);
            case "Top User Agents" -> new Task(title, Task.Kind.APP_QUERY, query, API_GATEWAY, List.of("userAgent"),
                    Optional.empty(), "", Optional.of(API_GATEWAY_PHRASE), Task.Check.TOTAL_AND_GROUPS);
            case "Failure Activity Location" -> app(title, query, API_GATEWAY + " AND " + NOT_AWS_CALLER + " AND " + FAILED,
                    List.of("sourceIPAddress"), Task.Check.TOTAL);
            case "Successful Activity Location" -> app(title, query,
                    API_GATEWAY + " AND " + NOT_AWS_CALLER + " AND " + SUCCEEDED, List.of("sourceIPAddress"),
                    Task.Check.TOTAL);
            case "Event Status" -> new Task(title, Task.Kind.APP_QUERY, query, API_GATEWAY, List.of(STATUS),
                    Optional.of(JQ_API_GATEWAY), JQ_STATUS, Optional.empty(), Task.Check.TOTAL_AND_GROUPS);
            case "Event Status Trend" -> app(title, query, API_GATEWAY, List.of(SLICE_15_MINUTES, STATUS), Task.Check.TOTAL);
            case "Top Error Codes" -> app(title, query, API_GATEWAY + " AND " + FAILED, List.of("errorCode"),
                    Task.Check.TOTAL);
            case "Failed Events" -> new Task(title, Task.Kind.APP_QUERY, query, API_GATEWAY + " AND " + FAILED,
                    List.of("eventName"), Optional.of(JQ_API_GATEWAY + " and ((.errorCode // \"\") != \"\")"), ".eventName",
                    Optional.empty(), Task.Check.TOTAL_AND_GROUPS);
            case "Failed Event Details" -> app(title, query, API_GATEWAY + " AND " + FAILED,
                    List.of("date_trunc('second', eventTime)", "eventName", "errorCode", "errorMessage", "awsRegion",
                            "sourceIPAddress", "recipientAccountId", USER, "userIdentity.type", "requestID", "userAgent"),
                    Task.Check.TOTAL);
            case "Successful Events" -> app(title, query, API_GATEWAY + " AND " + SUCCEEDED, List.of("eventName"),
                    Task.Check.TOTAL_AND_GROUPS);
            case "Successful Event Details" -> app(title, query, API_GATEWAY + " AND " + SUCCEEDED,
                    List.of("date_trunc('second', eventTime)", "eventName", "awsRegion", "sourceIPAddress",
                            "recipientAccountId", USER, "userIdentity.type", "requestID", "userAgent"),
                    Task.Check.TOTAL);
            case "Top Users" -> app(title, query, API_GATEWAY, List.of("userIdentity.type", USER), Task.Check.TOTAL);
            case "Threat Table based on Caller IP Address" -> app(title, query, API_GATEWAY + " AND " + NOT_AWS_CALLER,
                    List.of("sourceIPAddress", "eventName"), Task.Check.TOTAL);
            default -> throw new IllegalStateException("no peer form for the app panel '" + title + "'");
        };
    }

    private static Task app(String title, String query, String where, List<String> keys, Task.Check check) {
        return new Task(title, Task.Kind.APP_QUERY, query, where, keys, Optional.empty(), "", Optional.empty(), check);
    }

    private interface PanelQuery {
        void accept(String title, String query);
    }

    private static JsonNode appDefinition() {
        try (InputStream stream = Workload.class.getResourceAsStream(APP_RESOURCE)) {
            if (stream == null) {
                throw new IllegalStateException("the app definition " + APP_RESOURCE + " is not on the class path");
            }
            return new ObjectMapper().readTree(stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode node, String queryType, PanelQuery sink) {
        if (node.isObject()) {
            JsonNode title = node.get("title");
            JsonNode queries = node.get("queries");
            if (title != null && queries != null && queries.isArray()) {
                for (JsonNode query : queries) {
                    if (query.path("queryType").asText().equalsIgnoreCase(queryType)) {
                        sink.accept(title.asText(), query.path("queryString").asText().replaceAll("\\{\\{[^}]*}}", "*"));
                    }
                }
            }
            node.elements().forEachRemaining(child -> collect(child, queryType, sink));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collect(child, queryType, sink));
        }
    }
}
