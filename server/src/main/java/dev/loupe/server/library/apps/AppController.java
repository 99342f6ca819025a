package dev.loupe.server.library.apps;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.server.ApiException;
import dev.loupe.server.library.AsyncJobs;
import dev.loupe.server.library.LibraryCaller;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.util.function.Function;

/**
 * HTTP in and out for the Apps API ({@code /api/v1/apps}); the logic is in {@link AppCatalog} and
 * {@link AppInstaller}.
 *
 * <pre>
 * curl -u ID:KEY http://127.0.0.1:8080/api/v1/apps
 * curl -u ID:KEY -H 'Content-Type: application/json' \
 *     -d '{"name":"AWS API Gateway","description":"API Gateway","destinationFolderId":"FOLDERID"}' \
 *     http://127.0.0.1:8080/api/v1/apps/UUID/install
 * curl -u ID:KEY http://127.0.0.1:8080/api/v1/apps/install/JOBID/status
 * curl -u ID:KEY http://127.0.0.1:8080/api/v1/apps/UUID/content
 * </pre>
 *
 * <p>{@code GET /api/v1/apps/{uuid}/content} is Loupe's own: the app's content (a {@code FolderSyncDefinition} of
 * its dashboards, exactly what an install imports), so the UI's catalog can preview dashboards before installing.
 */
public final class AppController {
    private static final String APPS = "/api/v1/apps";

    private final AppCatalog catalog;
    private final AppInstaller installer;
    private final AsyncJobs jobs;
    private final Function<Context, LibraryCaller> callers;
    private final ObjectMapper mapper;

    public AppController(AppCatalog catalog, AppInstaller installer, AsyncJobs jobs,
            Function<Context, LibraryCaller> callers, ObjectMapper mapper) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.installer = requireNonNull(installer, "installer is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.callers = requireNonNull(callers, "callers is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    public void routes(JavalinDefaultRoutingApi routes) {
        routes.get(APPS, context -> context.json(catalog.list()));
        routes.get(APPS + "/install/{jobId}/status", context -> context.json(jobs.status(AsyncJobs.Kind.APP_INSTALL,
                AppInstaller.JOB_SCOPE, callers.apply(context).userId(), context.pathParam("jobId"))));
        routes.get(APPS + "/{uuid}", context -> context.json(catalog.app(context.pathParam("uuid"))));
        routes.get(APPS + "/{uuid}/content", context -> context.json(catalog.content(context.pathParam("uuid"))));
        routes.post(APPS + "/{uuid}/install", context -> context.json(installer.install(callers.apply(context),
                context.pathParam("uuid"), body(context))));
    }

    private JsonNode body(Context context) {
        try {
            JsonNode body = mapper.readTree(context.bodyAsBytes());
            if (body == null || !body.isObject()) {
                throw new ApiException(ErrorCode.INVALID_INPUT, 400, "app:invalid_request",
                        "the request body must be a JSON object");
            }
            return body;
        } catch (IOException exception) {
            throw new ApiException(ErrorCode.INVALID_INPUT, 400, "app:invalid_request",
                    "the request body is not valid JSON: " + exception.getMessage());
        }
    }
}
