package dev.loupe.server.library;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.server.ApiException;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * HTTP in and out for the Content API v2 ({@code /api/v2/content/...}); the logic is in {@link ContentLibrary}
 * and {@link ContentTransfer}, the jobs in {@link AsyncJobs}.
 *
 * <pre>
 * curl -u ID:KEY http://127.0.0.1:8080/api/v2/content/folders/personal
 * curl -u ID:KEY -H 'Content-Type: application/json' --data @app.json \
 *     'http://127.0.0.1:8080/api/v2/content/folders/FOLDERID/import?overwrite=false'
 * curl -u ID:KEY http://127.0.0.1:8080/api/v2/content/folders/FOLDERID/import/JOBID/status
 * curl -u ID:KEY -X POST http://127.0.0.1:8080/api/v2/content/CONTENTID/export
 * curl -u ID:KEY http://127.0.0.1:8080/api/v2/content/CONTENTID/export/JOBID/result
 * </pre>
 *
 * <p>An administrator acts on other users' content with the header {@code isAdminMode: true}.
 */
public final class ContentController {
    private static final String CONTENT = "/api/v2/content";
    private static final String FOLDERS = CONTENT + "/folders";

    private final ContentLibrary library;
    private final ContentTransfer transfer;
    private final AsyncJobs jobs;
    private final Function<Context, LibraryCaller> callers;
    private final ObjectMapper mapper;

    /**
     * @param callers who a request acts for (the authenticated principal, admin mode already read)
     */
    public ContentController(ContentLibrary library, ContentTransfer transfer, AsyncJobs jobs,
            Function<Context, LibraryCaller> callers, ObjectMapper mapper) {
        this.library = requireNonNull(library, "library is null");
        this.transfer = requireNonNull(transfer, "transfer is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.callers = requireNonNull(callers, "callers is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** Declares the Content API routes; fixed paths before the ones with ids. */
    public void routes(JavalinDefaultRoutingApi routes) {
        routes.get(FOLDERS + "/personal", context -> context.json(library.personalFolder(callers.apply(context))));
        folderJobRoutes(routes, "global", AsyncJobs.Kind.GLOBAL_FOLDER);
        folderJobRoutes(routes, "adminRecommended", AsyncJobs.Kind.ADMIN_RECOMMENDED_FOLDER);
        routes.post(FOLDERS, this::createFolder);
        routes.get(FOLDERS + "/{id}", context -> context.json(library.folder(callers.apply(context),
                id(context, "id"))));
        routes.put(FOLDERS + "/{id}", this::updateFolder);
        routes.post(FOLDERS + "/{id}/import", this::startImport);
        routes.get(FOLDERS + "/{id}/import/{jobId}/status", context -> status(context, AsyncJobs.Kind.IMPORT));
        routes.get(CONTENT + "/path", context -> context.json(library.itemByPath(callers.apply(context),
                context.queryParam("path"))));
        routes.get(CONTENT + "/{id}/path", context -> context.json(library.pathOf(callers.apply(context),
                id(context, "id"))));
        routes.post(CONTENT + "/{id}/export", this::startExport);
        routes.get(CONTENT + "/{id}/export/{jobId}/status", context -> status(context, AsyncJobs.Kind.EXPORT));
        routes.get(CONTENT + "/{id}/export/{jobId}/result", context -> result(context, AsyncJobs.Kind.EXPORT));
        routes.delete(CONTENT + "/{id}/delete", this::startDelete);
        routes.get(CONTENT + "/{id}/delete/{jobId}/status", context -> status(context, AsyncJobs.Kind.DELETE));
        routes.post(CONTENT + "/{id}/copy", this::startCopy);
        routes.get(CONTENT + "/{id}/copy/{jobId}/status", context -> status(context, AsyncJobs.Kind.COPY));
        routes.get(CONTENT + "/{id}/copy/{jobId}/result", context -> result(context, AsyncJobs.Kind.COPY));
        routes.post(CONTENT + "/{id}/move", this::move);
        routes.get(CONTENT + "/{id}/permissions", context -> context.json(library.permissions(
                callers.apply(context), id(context, "id"), "true".equalsIgnoreCase(context.queryParam(
                        "explicitOnly")))));
        routes.put(CONTENT + "/{id}/permissions/add", context -> changePermissions(context, true));
        routes.put(CONTENT + "/{id}/permissions/remove", context -> changePermissions(context, false));
    }

    private void folderJobRoutes(JavalinDefaultRoutingApi routes, String name, AsyncJobs.Kind kind) {
        routes.get(FOLDERS + "/" + name, context -> {
            LibraryCaller caller = callers.apply(context);
            context.json(jobs.start(kind, name, caller.userId(), () -> new AsyncJobs.Completion(null,
                    kind == AsyncJobs.Kind.GLOBAL_FOLDER ? library.globalFolder(caller)
                            : library.adminRecommended(caller))));
        });
        routes.get(FOLDERS + "/" + name + "/{jobId}/status", context -> context.json(jobs.status(kind, name,
                callers.apply(context).userId(), context.pathParam("jobId"))));
        routes.get(FOLDERS + "/" + name + "/{jobId}/result", context -> context.json(jobs.result(kind, name,
                callers.apply(context).userId(), context.pathParam("jobId"))));
    }

    private void createFolder(Context context) {
        JsonNode body = body(context);
        String parentId = text(body, "parentId");
        if (parentId == null) {
            throw invalid("parentId is required");
        }
        context.json(library.createFolder(callers.apply(context), text(body, "name"), text(body, "description"),
                ContentId.parse(parentId)));
    }

    private void updateFolder(Context context) {
        JsonNode body = body(context);
        context.json(library.updateFolder(callers.apply(context), id(context, "id"), text(body, "name"),
                text(body, "description")));
    }

    private void startImport(Context context) {
        LibraryCaller caller = callers.apply(context);
        ContentId folderId = id(context, "id");
        ContentSyncDefinition definition = SyncDefinitions.parse(body(context));
        boolean overwrite = "true".equalsIgnoreCase(context.queryParam("overwrite"));
        transfer.checkImportTarget(caller, folderId);
        context.json(jobs.start(AsyncJobs.Kind.IMPORT, folderId.toString(), caller.userId(),
                () -> new AsyncJobs.Completion("id:" + transfer.importDefinition(caller, folderId, definition,
                        overwrite), null)));
    }

    private void startExport(Context context) {
        LibraryCaller caller = callers.apply(context);
        ContentId id = id(context, "id");
        transfer.export(caller, id);
        context.json(jobs.start(AsyncJobs.Kind.EXPORT, id.toString(), caller.userId(),
                () -> new AsyncJobs.Completion(null, transfer.export(caller, id))));
    }

    private void startDelete(Context context) {
        LibraryCaller caller = callers.apply(context);
        ContentId id = id(context, "id");
        transfer.checkDelete(caller, id);
        context.json(jobs.start(AsyncJobs.Kind.DELETE, id.toString(), caller.userId(), () -> {
            transfer.delete(caller, id);
            return new AsyncJobs.Completion(null, null);
        }));
    }

    private void startCopy(Context context) {
        LibraryCaller caller = callers.apply(context);
        ContentId id = id(context, "id");
        String destination = context.queryParam("destinationFolder");
        ContentId destinationId = ContentId.parse(destination == null ? context.queryParam("destinationFolderId")
                : destination);
        transfer.checkCopy(caller, id, destinationId);
        context.json(jobs.start(AsyncJobs.Kind.COPY, id.toString(), caller.userId(), () -> {
            ContentViews.Content copy = transfer.copy(caller, id, destinationId);
            return new AsyncJobs.Completion("id:" + copy.id(), copy);
        }));
    }

    private void move(Context context) {
        context.json(transfer.move(callers.apply(context), id(context, "id"),
                ContentId.parse(context.queryParam("destinationFolderId"))));
    }

    private void changePermissions(Context context, boolean add) {
        ContentId id = id(context, "id");
        JsonNode assignments = body(context).path("contentPermissionAssignments");
        if (!assignments.isArray()) {
            throw invalid("contentPermissionAssignments must be an array");
        }
        List<PermissionGrant> grants = new ArrayList<>();
        for (JsonNode assignment : assignments) {
            PermissionGrant.SubjectType subjectType = switch (assignment.path("sourceType").asText()) {
                case "user" -> PermissionGrant.SubjectType.user;
                case "role" -> PermissionGrant.SubjectType.role;
                default -> throw invalid("sourceType must be user or role, not '"
                        + assignment.path("sourceType").asText() + "'");
            };
            Permission permission;
            try {
                permission = Permission.parse(assignment.path("permissionName").asText());
            } catch (IllegalArgumentException exception) {
                throw invalid(exception.getMessage());
            }
            String sourceId = assignment.path("sourceId").asText("");
            if (sourceId.isEmpty()) {
                throw invalid("sourceId is required");
            }
            ContentId contentId = assignment.hasNonNull("contentId") ? ContentId.parse(assignment.get("contentId")
                    .asText()) : id;
            grants.add(new PermissionGrant(contentId, permission, subjectType, sourceId));
        }
        context.json(library.changePermissions(callers.apply(context), id, grants, add));
    }

    private void status(Context context, AsyncJobs.Kind kind) {
        context.json(jobs.status(kind, id(context, "id").toString(), callers.apply(context).userId(),
                context.pathParam("jobId")));
    }

    private void result(Context context, AsyncJobs.Kind kind) {
        context.json(jobs.result(kind, id(context, "id").toString(), callers.apply(context).userId(),
                context.pathParam("jobId")));
    }

    private static ContentId id(Context context, String name) {
        return ContentId.parse(context.pathParam(name));
    }

    private JsonNode body(Context context) {
        try {
            JsonNode body = mapper.readTree(context.bodyAsBytes());
            if (body == null || !body.isObject()) {
                throw invalid("the request body must be a JSON object");
            }
            return body;
        } catch (IOException exception) {
            throw invalid("the request body is not valid JSON: " + exception.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static ApiException invalid(String message) {
        return new ApiException(ErrorCode.INVALID_INPUT, 400, "content:invalid_request", message);
    }
}
