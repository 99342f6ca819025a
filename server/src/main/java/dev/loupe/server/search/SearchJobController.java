package dev.loupe.server.search;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.server.ApiException;
import dev.loupe.server.JsonBodyErrors;
import dev.loupe.server.auth.Principal;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * HTTP in and out for the Search Job API; the logic is in {@link SearchJobService}.
 *
 * <pre>
 * curl -u ID:KEY -H 'Content-Type: application/json' \
 *     -d '{"query":"error | count by _sourceCategory","from":"2026-01-01T00:00:00","to":"2026-01-02T00:00:00"}' \
 *     http://127.0.0.1:8080/api/v1/search/jobs
 * curl -u ID:KEY http://127.0.0.1:8080/api/v1/search/jobs/JOBID
 * curl -u ID:KEY 'http://127.0.0.1:8080/api/v1/search/jobs/JOBID/messages?offset=0&amp;limit=100'
 * curl -u ID:KEY 'http://127.0.0.1:8080/api/v1/search/jobs/JOBID/records?offset=0&amp;limit=100'
 * curl -u ID:KEY -X DELETE http://127.0.0.1:8080/api/v1/search/jobs/JOBID
 * </pre>
 *
 * <p>Every request is admitted under its access key's limits first ({@link SearchRateLimits}; 429
 * {@code rate.limit.exceeded} with {@code Retry-After} past them). Every response (errors included) carries Sumo's
 * no-cache headers. Create sets a {@code JSESSIONID} cookie
 * for clients that expect one; later calls do not need it.
 */
public final class SearchJobController {
    private static final String JOBS = "/api/v1/search/jobs";

    private final SearchJobService service;
    private final ObjectMapper mapper;
    private final SecureRandom random = new SecureRandom();

    public SearchJobController(SearchJobService service, ObjectMapper mapper) {
        this.service = requireNonNull(service, "service is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** Declares the Search Job routes and the response headers of {@code /api/v1/search/*}. */
    public void routes(JavalinDefaultRoutingApi routes) {
        routes.before("/api/v1/search/*", SearchJobController::noCacheHeaders);
        routes.post(JOBS, limited(this::create));
        routes.get(JOBS + "/{id}", limited(this::status));
        routes.get(JOBS + "/{id}/messages", limited(this::messages));
        routes.get(JOBS + "/{id}/records", limited(this::records));
        routes.delete(JOBS + "/{id}", limited(this::delete));
    }

    /**
     * The handler admitted under the caller's limits (the server's before-handler authenticated the request and
     * put its {@link Principal} on the context: an access key, or a UI session's user).
     */
    private Handler limited(Handler handler) {
        return context -> {
            try (SearchRateLimiter.Permit permit = service.admit(Principal.of(context).callerKey())) {
                handler.handle(context);
            }
        };
    }

    private void create(Context context) {
        String contentType = context.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).trim().startsWith("application/json")) {
            throw new ApiException(ErrorCode.INVALID_INPUT, 415, "contenttype.invalid",
                    "the request Content-Type must be application/json, not '" + contentType + "'");
        }
        JsonNode body;
        try {
            body = mapper.readTree(context.bodyAsBytes());
        } catch (JsonProcessingException exception) {
            throw new ApiException(ErrorCode.INVALID_INPUT, 400, "searchjob.generic",
                    "the request body is not valid JSON: " + JsonBodyErrors.describe(exception));
        } catch (IOException exception) {
            throw new ApiException(ErrorCode.INVALID_INPUT, 400, "searchjob.generic",
                    "the request body could not be read: " + exception.getMessage());
        }
        String id = service.create(SearchJobRequestParser.parse(body));
        String href = context.scheme() + "://" + context.host() + JOBS + "/" + id;
        context.header("Location", href);
        context.header("Set-Cookie", "JSESSIONID=" + HexFormat.of().formatHex(randomBytes()) + "; Path=/api; HttpOnly");
        context.status(202).json(new SearchJobBodies.Created(id, new SearchJobBodies.Link("self", href)));
    }

    private void status(Context context) {
        context.json(service.status(context.pathParam("id")));
    }

    private void messages(Context context) {
        context.json(service.messages(context.pathParam("id"), page(context)));
    }

    private void records(Context context) {
        context.json(service.records(context.pathParam("id"), page(context)));
    }

    private void delete(Context context) {
        String id = context.pathParam("id");
        service.delete(id);
        context.json(new SearchJobBodies.Deleted(id));
    }

    private static PageRequest page(Context context) {
        return PageRequest.parse(context.queryParam("offset"), context.queryParam("limit"));
    }

    private static void noCacheHeaders(Context context) {
        context.header("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        context.header("Pragma", "no-cache");
        context.header("Expires", "Thu, 01 Jan 1970 00:00:00 GMT");
        context.header("X-Content-Type-Options", "nosniff");
        context.header("X-Frame-Options", "DENY");
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }
}
