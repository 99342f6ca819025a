package dev.loupe.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeExpression;
import dev.loupe.core.TimeRange;
import dev.loupe.query.metrics.MetricsQueryRow;
import dev.loupe.query.metrics.Rollup;
import dev.loupe.server.ApiException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses and checks a {@code MetricsQueryRequest} (apis-and-clients.md §3.1). Stateless.
 *
 * <ul>
 *   <li>{@code queries}: 1 to {@value #MAX_ROWS} rows; {@code rowId} one upper-case letter, unique;
 *       {@code query} 3 to 3000 characters; {@code quantization} ms ≥ 1; {@code rollup} one of
 *       {@code Avg|Sum|Min|Max|Count|None} (None: the query decides); {@code timeshift} ms.
 *   <li>{@code timeRange}: {@code BeginBoundedTimeRange {from, to?}} (a missing or null {@code to} is now), or
 *       {@code CompleteLiteralTimeRange {rangeName}}. Boundaries: {@code EpochTimeRangeBoundary {epochMillis}},
 *       {@code Iso8601TimeRangeBoundary {iso8601Time}} (UTC when it has no offset),
 *       {@code RelativeTimeRangeBoundary {relativeTime}} ({@code -15m}, {@code -2w5d3h}),
 *       {@code LiteralTimeRangeBoundary {rangeName}} (the start of {@code now}, {@code second}, {@code minute},
 *       {@code hour}, {@code day}/{@code today}, {@code yesterday}, {@code week} (Monday), {@code month},
 *       {@code quarter}, {@code year}, or {@code previous_<unit>}).
 * </ul>
 *
 * <p>The query text is not checked for {@code quantize}/{@code timeshift}/{@code fillmissing}/{@code outlier},
 * which Sumo's API reserves for parameters: dashboards send them in query text, and the engine runs them.
 * Every error is an {@link ApiException} 400 with a code under {@code metrics.} naming the offending value.
 */
final class MetricsQueryRequestParser {
    static final int MAX_ROWS = 6;
    private static final int MIN_QUERY_LENGTH = 3;
    private static final int MAX_QUERY_LENGTH = 3000;

    private MetricsQueryRequestParser() {}

    static MetricsQueryRequest parse(JsonNode body, long nowMillis) {
        if (body == null || !body.isObject()) {
            throw invalid("metrics.invalid.request", "the body must be a JSON MetricsQueryRequest object");
        }
        JsonNode queries = body.get("queries");
        if (queries == null || !queries.isArray() || queries.isEmpty()) {
            throw invalid("metrics.invalid.queries", "'queries' must be a non-empty array of rows");
        }
        if (queries.size() > MAX_ROWS) {
            throw invalid("metrics.too.many.queries",
                    "at most " + MAX_ROWS + " queries per request, got " + queries.size());
        }
        List<MetricsQueryRow> rows = new ArrayList<>(queries.size());
        Set<String> rowIds = new HashSet<>();
        for (JsonNode query : queries) {
            MetricsQueryRow row = row(query);
            if (!rowIds.add(row.rowId())) {
                throw invalid("metrics.invalid.rowId", "rowId '" + row.rowId() + "' appears twice");
            }
            rows.add(row);
        }
        return new MetricsQueryRequest(rows, timeRange(body.get("timeRange"), nowMillis));
    }

    private static MetricsQueryRow row(JsonNode query) {
        if (!query.isObject()) {
            throw invalid("metrics.invalid.queries", "each query is an object {rowId, query, ...}");
        }
        String rowId = text(query, "rowId");
        if (rowId == null || rowId.length() != 1 || rowId.charAt(0) < 'A' || rowId.charAt(0) > 'Z') {
            throw invalid("metrics.invalid.rowId", "rowId must be one upper-case letter A-Z, not " + query.get("rowId"));
        }
        String text = text(query, "query");
        if (text == null || text.length() < MIN_QUERY_LENGTH || text.length() > MAX_QUERY_LENGTH) {
            throw invalid("metrics.invalid.query", "query of row " + rowId + " must be " + MIN_QUERY_LENGTH + " to "
                    + MAX_QUERY_LENGTH + " characters");
        }
        long quantization = 0;
        JsonNode quantizationNode = query.get("quantization");
        if (quantizationNode != null && !quantizationNode.isNull()) {
            if (!quantizationNode.canConvertToLong() || quantizationNode.asLong() < 1) {
                throw invalid("metrics.invalid.quantization", "quantization of row " + rowId
                        + " must be a whole number of milliseconds >= 1, not " + quantizationNode);
            }
            quantization = quantizationNode.asLong();
        }
        Rollup rollup = null;
        String rollupName = text(query, "rollup");
        if (rollupName != null && !rollupName.equalsIgnoreCase("None")) {
            rollup = switch (rollupName.toLowerCase(Locale.ROOT)) {
                case "avg", "sum", "min", "max", "count" -> Rollup.parse(rollupName);
                default -> throw invalid("metrics.invalid.rollup", "rollup of row " + rowId
                        + " must be one of Avg, Sum, Min, Max, Count, None, not '" + rollupName + "'");
            };
        }
        long timeshift = 0;
        JsonNode timeshiftNode = query.get("timeshift");
        if (timeshiftNode != null && !timeshiftNode.isNull()) {
            if (!timeshiftNode.canConvertToLong()) {
                throw invalid("metrics.invalid.timeshift", "timeshift of row " + rowId + " must be milliseconds, not "
                        + timeshiftNode);
            }
            timeshift = timeshiftNode.asLong();
        }
        return new MetricsQueryRow(rowId, text, quantization, rollup, timeshift);
    }

    private static TimeRange timeRange(JsonNode range, long nowMillis) {
        if (range == null || !range.isObject()) {
            throw invalid("metrics.invalid.timeRange", "'timeRange' must be a BeginBoundedTimeRange or CompleteLiteralTimeRange");
        }
        String type = String.valueOf(text(range, "type"));
        long from;
        long to;
        switch (type) {
            case "BeginBoundedTimeRange" -> {
                JsonNode fromNode = range.get("from");
                if (fromNode == null || fromNode.isNull()) {
                    throw invalid("metrics.invalid.timeRange", "BeginBoundedTimeRange needs 'from'");
                }
                from = boundary(fromNode, nowMillis, "from");
                JsonNode toNode = range.get("to");
                to = toNode == null || toNode.isNull() ? nowMillis : boundary(toNode, nowMillis, "to");
            }
            case "CompleteLiteralTimeRange" -> {
                String name = text(range, "rangeName");
                if (name == null) {
                    throw invalid("metrics.invalid.timeRange", "CompleteLiteralTimeRange needs 'rangeName'");
                }
                from = literalStart(name, nowMillis);
                to = literalEnd(name, nowMillis);
            }
            default -> throw invalid("metrics.invalid.timeRange", "unknown timeRange type '" + type
                    + "': use BeginBoundedTimeRange or CompleteLiteralTimeRange");
        }
        if (from >= to) {
            throw invalid("metrics.invalid.timeRange", "the time range is empty: from " + Instant.ofEpochMilli(from)
                    + " is not before to " + Instant.ofEpochMilli(to));
        }
        return new TimeRange(from, to);
    }

    private static long boundary(JsonNode boundary, long nowMillis, String which) {
        String type = String.valueOf(text(boundary, "type"));
        return switch (type) {
            case "EpochTimeRangeBoundary" -> {
                JsonNode epoch = boundary.get("epochMillis");
                if (epoch == null || !epoch.canConvertToLong()) {
                    throw invalid("metrics.invalid.timeRange", which + ": epochMillis must be a number");
                }
                yield epoch.asLong();
            }
            case "Iso8601TimeRangeBoundary" -> resolve(text(boundary, "iso8601Time"), nowMillis, which);
            case "RelativeTimeRangeBoundary" -> resolve(text(boundary, "relativeTime"), nowMillis, which);
            case "LiteralTimeRangeBoundary" -> {
                String name = text(boundary, "rangeName");
                if (name == null) {
                    throw invalid("metrics.invalid.timeRange", which + ": LiteralTimeRangeBoundary needs 'rangeName'");
                }
                yield literalStart(name, nowMillis);
            }
            default -> throw invalid("metrics.invalid.timeRange", which + ": unknown boundary type '" + type
                    + "': use Epoch, Iso8601, Relative or LiteralTimeRangeBoundary");
        };
    }

    private static long resolve(String text, long nowMillis, String which) {
        if (text == null) {
            throw invalid("metrics.invalid.timeRange", which + ": the boundary has no time");
        }
        try {
            return TimeExpression.resolve(text, nowMillis, ZoneOffset.UTC);
        } catch (LoupeException invalidTime) {
            throw invalid("metrics.invalid.timeRange", which + ": " + invalidTime.getMessage());
        }
    }

    /** The start (UTC) of the period a literal range name stands for. */
    private static long literalStart(String name, long nowMillis) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean previous = lower.startsWith("previous_");
        String unit = previous ? lower.substring("previous_".length()) : lower;
        Instant now = Instant.ofEpochMilli(nowMillis);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return switch (unit) {
            case "now" -> nowMillis;
            case "second", "minute", "hour" -> {
                ChronoUnit chrono = unit.equals("second") ? ChronoUnit.SECONDS
                        : unit.equals("minute") ? ChronoUnit.MINUTES : ChronoUnit.HOURS;
                Instant start = now.truncatedTo(chrono);
                yield (previous ? start.minus(1, chrono) : start).toEpochMilli();
            }
            case "day", "today" -> startOf(previous ? today.minusDays(1) : today);
            case "yesterday" -> startOf(today.minusDays(1));
            case "week" -> startOf(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(previous ? 1 : 0));
            case "month" -> startOf(today.withDayOfMonth(1).minusMonths(previous ? 1 : 0));
            case "quarter" -> startOf(today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1)
                    .minusMonths(previous ? 3 : 0));
            case "year" -> startOf(today.withDayOfYear(1).minusYears(previous ? 1 : 0));
            default -> throw invalid("metrics.invalid.timeRange", "unknown rangeName '" + name + "'");
        };
    }

    /** The end of a complete literal range: the previous_ ranges and yesterday end where the current period starts. */
    private static long literalEnd(String name, long nowMillis) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("previous_")) {
            return literalStart(lower.substring("previous_".length()), nowMillis);
        }
        if (lower.equals("yesterday")) {
            return literalStart("today", nowMillis);
        }
        return nowMillis;
    }

    private static long startOf(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    private static String text(JsonNode node, String key) {
        JsonNode child = node.get(key);
        return child == null || child.isNull() || !child.isValueNode() ? null : child.asText();
    }

    private static ApiException invalid(String code, String message) {
        return new ApiException(ErrorCode.INVALID_INPUT, 400, code, message);
    }
}
