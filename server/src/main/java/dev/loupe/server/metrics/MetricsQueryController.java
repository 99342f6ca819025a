package dev.loupe.server.metrics;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.query.metrics.MetricsQueryContext;
import dev.loupe.query.metrics.MetricsQueryEngine;
import dev.loupe.query.metrics.MetricsQueryResult;
import dev.loupe.core.TimeRange;
import dev.loupe.server.ApiException;
import dev.loupe.store.spi.metrics.SeriesSelector;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * HTTP in and out for {@code POST /api/v1/metricsQueries} (behind the server's Basic auth): parses the request
 * ({@link MetricsQueryRequestParser}), runs its rows on the {@link MetricsQueryEngine} and answers a
 * {@link MetricsQueryResponse}. Errors are thrown and rendered by the one exception mapper in the v2
 * {@code {"id","errors":[...]}} shape: 400 for a bad request or query, 503 past series limits.
 *
 * <pre>
 * curl -u ID:KEY -H 'Content-Type: application/json' http://127.0.0.1:8080/api/v1/metricsQueries -d '{
 *   "queries":[{"rowId":"A","query":"metric=cpu | avg by node","quantization":60000,"rollup":"Avg"}],
 *   "timeRange":{"type":"BeginBoundedTimeRange","from":{"type":"RelativeTimeRangeBoundary","relativeTime":"-1h"},"to":null}}'
 * </pre>
 */
public final class MetricsQueryController {
    private static final long DEFAULT_CATALOG_MILLIS = 3_600_000L;
    private static final int DEFAULT_CATALOG_VALUES = 500;

    private final MetricsQueryEngine engine;
    private final MetricCatalog catalog;
    private final ObjectMapper mapper;
    private final Clock clock;

    public MetricsQueryController(MetricsQueryEngine engine, MetricCatalog catalog, ObjectMapper mapper, Clock clock) {
        this.engine = requireNonNull(engine, "engine is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Declares the routes. */
    public void routes(JavalinDefaultRoutingApi routes) {
        routes.post("/api/v1/metricsQueries", this::query);
        routes.get("/api/v1/metrics/catalog", this::catalog);
    }

    /**
     * {@code GET /api/v1/metrics/catalog?from=<ms>&to=<ms>&match=key=value&match=...&limit=500} (Loupe's own, for
     * the metrics explorer): the dimension keys and values of the series with points in the range (default the
     * last hour) that every {@code match} accepts ({@code *} wildcards, as in a query's selector).
     */
    private void catalog(Context context) {
        long now = clock.millis();
        long to = longParameter(context, "to", now);
        long from = longParameter(context, "from", to - DEFAULT_CATALOG_MILLIS);
        if (from >= to) {
            throw new ApiException(ErrorCode.INVALID_INPUT, 400, "metrics.invalid.timeRange",
                    "from must be before to");
        }
        List<SeriesSelector> matches = new ArrayList<>();
        for (String match : context.queryParams("match")) {
            int equals = match.indexOf('=');
            if (equals <= 0) {
                throw new ApiException(ErrorCode.INVALID_INPUT, 400, "metrics.invalid.match",
                        "match must be key=value, not '" + match + "'");
            }
            matches.add(new SeriesSelector.TagMatch(match.substring(0, equals).trim(), match.substring(equals + 1).trim()));
        }
        SeriesSelector selector = matches.isEmpty() ? new SeriesSelector.All()
                : matches.size() == 1 ? matches.getFirst() : new SeriesSelector.And(matches);
        int limit = (int) Math.min(10_000, Math.max(1, longParameter(context, "limit", DEFAULT_CATALOG_VALUES)));
        context.json(catalog.describe(selector, new TimeRange(from, to), limit));
    }

    private static long longParameter(Context context, String name, long fallback) {
        String text = context.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException invalid) {
            throw new ApiException(ErrorCode.INVALID_INPUT, 400, "metrics.invalid." + name,
                    name + " must be epoch milliseconds, not '" + text + "'");
        }
    }

    private void query(Context context) {
        JsonNode body;
        try {
            body = mapper.readTree(context.bodyInputStream());
        } catch (IOException invalid) {
            throw new ApiException(ErrorCode.INVALID_INPUT, 400, "metrics.invalid.request",
                    "the body is not JSON: " + invalid.getMessage());
        }
        MetricsQueryRequest request = MetricsQueryRequestParser.parse(body, clock.millis());
        MetricsQueryResult result = engine.execute(request.rows(), MetricsQueryContext.of(request.range()));
        context.json(MetricsQueryResponse.of(result.rows(), request.range().fromMillis(), request.range().toMillis(),
                UUID.randomUUID().toString()));
    }
}
