package dev.loupe.server.extraction;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.ingest.extraction.FieldExtractionRule;
import dev.loupe.server.ApiException;
import dev.loupe.server.TokenPaging;
import dev.loupe.server.auth.Principal;
import dev.loupe.server.extraction.FieldExtractionRuleStore.StoredRule;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * HTTP in and out for Sumo's Field Extraction Rules API over {@link FieldExtractionRuleStore}. Anyone signed in
 * reads; administrators create, change and delete.
 *
 * <pre>
 * GET    /api/v1/extractionRules?limit=100&amp;token=T   {"data":[rule...],"next":"T2"|null}  (limit 1 to 1000, default 100)
 * POST   /api/v1/extractionRules        {"name","scope","parseExpression","enabled"?}  → 200 rule
 * GET    /api/v1/extractionRules/{id}   → 200 rule
 * PUT    /api/v1/extractionRules/{id}   {"name","scope","parseExpression","enabled"?}  → 200 rule
 * DELETE /api/v1/extractionRules/{id}   → 204
 *
 * rule: {"id","name","scope","parseExpression","enabled","fieldNames":[..],"createdAt","createdBy","modifiedAt","modifiedBy"}
 * </pre>
 *
 * <p>Errors (the {@code {"id","errors":[{"code","message"}]}} body): 404 {@code fer:not_found} for an unknown id;
 * 400 {@code fer:invalid_request} (body not JSON, a missing or non-text {@code name}, {@code scope} or
 * {@code parseExpression}, a non-boolean {@code enabled}, a bad {@code limit} or {@code token}), 400
 * {@code fer:invalid_extraction_rule} (the rule does not compile: the message says where and why), 400
 * {@code fer:duplicate_name}; 401 and 403 as every {@code /api/} route.
 */
public final class ExtractionRuleController {
    /** The collection route. */
    public static final String PATH = "/api/v1/extractionRules";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final String INVALID_REQUEST = "fer:invalid_request";

    private final FieldExtractionRuleStore store;
    private final ObjectMapper mapper;

    /** A rule as the API shows it. */
    public record RuleBody(String id, String name, String scope, String parseExpression, boolean enabled,
            List<String> fieldNames, String createdAt, String createdBy, String modifiedAt, String modifiedBy) {}

    /** One page of rules; {@code next} is the token of the following page, or null after the last. */
    public record RulePage(List<RuleBody> data, String next) {}

    public ExtractionRuleController(FieldExtractionRuleStore store, ObjectMapper mapper) {
        this.store = requireNonNull(store, "store is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** Declares the routes; the server's authentication before-handler covers them all. */
    public void routes(JavalinDefaultRoutingApi routes) {
        routes.get(PATH, this::list);
        routes.post(PATH, this::create);
        routes.get(PATH + "/{id}", context -> context.json(body(existing(context))));
        routes.put(PATH + "/{id}", this::update);
        routes.delete(PATH + "/{id}", this::delete);
    }

    private void list(Context context) {
        TokenPaging paging = TokenPaging.parse(context.queryParam("limit"), context.queryParam("token"), DEFAULT_LIMIT,
                MAX_LIMIT, INVALID_REQUEST);
        List<StoredRule> rules = store.all();
        int start = Math.min(paging.offset(), rules.size());
        int end = (int) Math.min(rules.size(), (long) start + paging.limit());
        context.json(new RulePage(rules.subList(start, end).stream().map(ExtractionRuleController::body).toList(),
                paging.next(end < rules.size())));
    }

    private void create(Context context) {
        Principal principal = Principal.of(context).requireAdministrator();
        JsonNode request = request(context);
        context.json(body(store.create(rule(request), enabled(request), principal.userId())));
    }

    private void update(Context context) {
        Principal principal = Principal.of(context).requireAdministrator();
        long id = id(context);
        JsonNode request = request(context);
        context.json(body(store.update(id, rule(request), enabled(request), principal.userId())
                .orElseThrow(() -> notFound(context.pathParam("id")))));
    }

    private void delete(Context context) {
        Principal.of(context).requireAdministrator();
        if (!store.delete(id(context))) {
            throw notFound(context.pathParam("id"));
        }
        context.status(204);
    }

    private StoredRule existing(Context context) {
        return store.find(id(context)).orElseThrow(() -> notFound(context.pathParam("id")));
    }

    private static RuleBody body(StoredRule stored) {
        FieldExtractionRule rule = stored.rule();
        return new RuleBody(stored.hexId(), rule.name(), rule.scope(), rule.parseExpression(), stored.enabled(),
                FieldExtractionRuleStore.fieldNames(rule), Instant.ofEpochMilli(stored.createdMillis()).toString(),
                stored.createdBy(), Instant.ofEpochMilli(stored.modifiedMillis()).toString(), stored.modifiedBy());
    }

    private JsonNode request(Context context) {
        JsonNode request;
        try {
            request = mapper.readTree(context.bodyAsBytes());
        } catch (IOException exception) {
            throw invalid("the request body is not valid JSON: " + exception.getMessage());
        }
        if (request == null || !request.isObject()) {
            throw invalid("the request body must be a JSON object {\"name\",\"scope\",\"parseExpression\",\"enabled\"}");
        }
        return request;
    }

    private static FieldExtractionRule rule(JsonNode request) {
        String name = text(request, "name");
        if (name.isBlank()) {
            throw invalid("\"name\" must not be blank");
        }
        if (name.length() > 200) {
            throw invalid("\"name\" is longer than 200 characters");
        }
        return new FieldExtractionRule(name, text(request, "scope"), text(request, "parseExpression"));
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid("\"" + field + "\" is required and must be a string");
        }
        return value.asText();
    }

    private static boolean enabled(JsonNode request) {
        JsonNode value = request.get("enabled");
        if (value == null || value.isNull()) {
            return true;
        }
        if (!value.isBoolean()) {
            throw invalid("\"enabled\" must be true or false, not " + value);
        }
        return value.asBoolean();
    }

    /* Ids are 1 to 16 hex digits; anything else names no rule. */
    private static long id(Context context) {
        String text = context.pathParam("id");
        if (text.isEmpty() || text.length() > 16 || !text.chars().allMatch(character -> character < 128
                && Character.digit(character, 16) >= 0)) {
            throw notFound(text);
        }
        long id = Long.parseUnsignedLong(text, 16);
        if (id < 0) {
            throw notFound(text);
        }
        return id;
    }

    private static ApiException invalid(String message) {
        return new ApiException(ErrorCode.INVALID_INPUT, 400, INVALID_REQUEST, message);
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorCode.NOT_FOUND, 404, "fer:not_found",
                "there is no field extraction rule with id '" + id + "'");
    }
}
