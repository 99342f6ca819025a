package dev.loupe.server.metrics;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.query.metrics.MetricsQueryContext;
import dev.loupe.query.metrics.MetricsQueryEngine;
import dev.loupe.query.metrics.MetricsQueryResult;
import dev.loupe.server.ApiException;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.time.Clock;
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
    private final MetricsQueryEngine engine;
    private final ObjectMapper mapper;
    private final Clock clock;

    public MetricsQueryController(MetricsQueryEngine engine, ObjectMapper mapper, Clock clock) {
        this.engine = requireNonNull(engine, "engine is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Declares the route. */
    public void routes(JavalinDefaultRoutingApi routes) {
        routes.post("/api/v1/metricsQueries", this::query);
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
