package dev.loupe.server.library.dashboards;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.server.ApiException;
import dev.loupe.server.library.LibraryCaller;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.util.function.Function;

/**
 * HTTP in and out for the Dashboards API v2 ({@code /api/v2/dashboards}); the logic is in {@link DashboardService}.
 *
 * <pre>
 * curl -u ID:KEY 'http://127.0.0.1:8080/api/v2/dashboards?limit=10'
 * curl -u ID:KEY -H 'Content-Type: application/json' -d @dashboard.json http://127.0.0.1:8080/api/v2/dashboards
 * curl -u ID:KEY -X DELETE http://127.0.0.1:8080/api/v2/dashboards/ID
 * </pre>
 */
public final class DashboardController {
    private static final String DASHBOARDS = "/api/v2/dashboards";

    private final DashboardService service;
    private final Function<Context, LibraryCaller> callers;
    private final ObjectMapper mapper;

    public DashboardController(DashboardService service, Function<Context, LibraryCaller> callers,
            ObjectMapper mapper) {
        this.service = requireNonNull(service, "service is null");
        this.callers = requireNonNull(callers, "callers is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    public void routes(JavalinDefaultRoutingApi routes) {
        routes.get(DASHBOARDS, context -> context.json(service.list(callers.apply(context),
                context.queryParam("limit"), context.queryParam("token"), context.queryParam("mode"))));
        routes.post(DASHBOARDS, context -> context.json(service.create(callers.apply(context), body(context))));
        routes.get(DASHBOARDS + "/{id}", context -> context.json(service.get(callers.apply(context),
                context.pathParam("id"))));
        routes.put(DASHBOARDS + "/{id}", context -> context.json(service.update(callers.apply(context),
                context.pathParam("id"), body(context))));
        routes.delete(DASHBOARDS + "/{id}", context -> {
            service.delete(callers.apply(context), context.pathParam("id"));
            context.status(204);
        });
    }

    private JsonNode body(Context context) {
        try {
            return mapper.readTree(context.bodyAsBytes());
        } catch (IOException exception) {
            throw new ApiException(ErrorCode.INVALID_INPUT, 400, "dashboard:invalid_request",
                    "the request body is not valid JSON: " + exception.getMessage());
        }
    }
}
