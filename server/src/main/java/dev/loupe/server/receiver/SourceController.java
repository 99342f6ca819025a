package dev.loupe.server.receiver;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.server.RequestBodies;
import dev.loupe.server.auth.Principal;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP in and out for HTTP sources, shaped like Sumo's collector sources API ({@code {"source":{...}}},
 * {@code {"sources":[...]}}), for administrators only (a source's URL is a credential). The logic is in
 * {@link HttpSourceRegistry}.
 *
 * <pre>
 * GET    /api/v1/collectors/sources
 * POST   /api/v1/collectors/sources        {"source":{"name","category","hostName","fields":{..},"timeZone","timestampFormat"}}
 * GET    /api/v1/collectors/sources/{id}
 * DELETE /api/v1/collectors/sources/{id}
 * </pre>
 */
public final class SourceController {
    /** The collection route. */
    public static final String PATH = "/api/v1/collectors/sources";

    private final HttpSourceRegistry sources;
    private final ObjectMapper mapper;

    /** A source as the API shows it, with its full receiver URL. */
    public record SourceBody(String id, String name, String category, String sourceType, String hostName,
            Map<String, String> fields, String timeZone, String timestampFormat, String url, String createdAt) {}

    /** One source. */
    public record SingleSourceBody(SourceBody source) {}

    /** Every source. */
    public record SourceListBody(List<SourceBody> sources) {}

    public SourceController(HttpSourceRegistry sources, ObjectMapper mapper) {
        this.sources = requireNonNull(sources, "sources is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** Declares the routes; the server's authentication before-handler covers them all. */
    public void routes(JavalinDefaultRoutingApi routes) {
        routes.get(PATH, this::list);
        routes.post(PATH, this::create);
        routes.get(PATH + "/{id}", this::get);
        routes.delete(PATH + "/{id}", this::delete);
    }

    private void list(Context context) {
        Principal.of(context).requireAdministrator();
        List<SourceBody> bodies = new ArrayList<>();
        for (HttpSource source : sources.list()) {
            bodies.add(body(source, context));
        }
        context.json(new SourceListBody(bodies));
    }

    private void create(Context context) {
        Principal.of(context).requireAdministrator();
        JsonNode request = RequestBodies.read(mapper, context, JsonNode.class);
        JsonNode source = request.has("source") ? request.get("source") : request;
        HttpSource created = sources.createSource(new HttpSourceSettings(required(source, "name"),
                required(source, "category"), text(source, "hostName"), fields(source.get("fields")),
                text(source, "timeZone"), text(source, "timestampFormat")));
        context.status(201).json(new SingleSourceBody(body(created, context)));
    }

    private void get(Context context) {
        Principal.of(context).requireAdministrator();
        String id = context.pathParam("id");
        context.json(new SingleSourceBody(body(sources.findById(id).orElseThrow(() -> noSuchSource(id)), context)));
    }

    private void delete(Context context) {
        Principal.of(context).requireAdministrator();
        String id = context.pathParam("id");
        if (!sources.deleteSource(id)) {
            throw noSuchSource(id);
        }
        context.status(204);
    }

    /** The full receiver URL of a source, as seen from the caller (scheme and Host of the request). */
    static String url(HttpSource source, Context context) {
        return context.scheme() + "://" + context.host() + source.receiverPath();
    }

    private static SourceBody body(HttpSource source, Context context) {
        return new SourceBody(source.id(), source.name(), source.category(), "HTTP", source.host(), source.fields(),
                source.timeZone(), source.timestampFormat(), url(source, context),
                Instant.ofEpochMilli(source.createdMillis()).toString());
    }

    private static String required(JsonNode source, String name) {
        String value = text(source, name);
        if (value == null || value.isBlank()) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "an HTTP source needs \"" + name + "\"");
        }
        return value;
    }

    private static String text(JsonNode source, String name) {
        JsonNode value = source.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, String> fields(JsonNode fields) {
        Map<String, String> result = new LinkedHashMap<>();
        if (fields == null || fields.isNull()) {
            return result;
        }
        if (!fields.isObject()) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "\"fields\" must be an object of names to values");
        }
        fields.properties().forEach(entry -> result.put(entry.getKey(), entry.getValue().asText()));
        return result;
    }

    private static LoupeException noSuchSource(String id) {
        return new LoupeException(ErrorCode.NOT_FOUND, "there is no HTTP source with id '" + id + "'");
    }
}
