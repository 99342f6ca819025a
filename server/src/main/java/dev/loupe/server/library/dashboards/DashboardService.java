package dev.loupe.server.library.dashboards;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.server.ApiException;
import dev.loupe.server.TokenPaging;
import dev.loupe.server.library.ContentId;
import dev.loupe.server.library.ContentItem;
import dev.loupe.server.library.ContentLibrary;
import dev.loupe.server.library.ContentRepository;
import dev.loupe.server.library.ContentTransfer;
import dev.loupe.server.library.ItemType;
import dev.loupe.server.library.LibraryCaller;
import dev.loupe.server.library.LibraryJson;
import dev.loupe.server.library.Permission;
import dev.loupe.server.library.SyncType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Dashboards API v2 over the library: a dashboard is a library item of type {@code Dashboard} whose
 * definition is a {@code DashboardV2SyncDefinition}, so dashboards created here are exported by the Content API
 * and imported dashboards are listed here. Panels, variables, layout and time range are stored as given; the
 * API adds the 60-character {@code id}, the {@code contentId} and the {@code folderId}. Thread-safe.
 */
public final class DashboardService {
    /** Fields the API computes; never stored in the definition. */
    private static final Set<String> COMPUTED = Set.of("id", "contentId", "folderId", "scheduleId", "type", "name");
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 100;

    private final ContentLibrary library;
    private final ContentTransfer transfer;
    private final ContentRepository repository;

    public DashboardService(ContentLibrary library, ContentTransfer transfer) {
        this.library = requireNonNull(library, "library is null");
        this.transfer = requireNonNull(transfer, "transfer is null");
        this.repository = library.repository();
    }

    /** One page of {@code GET /api/v2/dashboards}: {@code next} is the token of the following page, or null. */
    public record DashboardPage(List<ObjectNode> dashboards, String next) {}

    /**
     * The dashboards the caller created ({@code createdByUser}, the default) or may view
     * ({@code allViewableByUser}), in content id order, {@code limit} (1 to 100, default 50) at a time from the
     * position {@code token} names.
     *
     * @throws ApiException 400 for a bad limit, token or mode
     */
    public DashboardPage list(LibraryCaller caller, String limitText, String token, String mode) {
        TokenPaging paging = TokenPaging.parse(limitText, token, DEFAULT_LIMIT, MAX_LIMIT, "dashboard:invalid_request");
        int limit = paging.limit();
        int offset = paging.offset();
        boolean createdByUser = switch (mode == null ? "createdByUser" : mode) {
            case "createdByUser" -> true;
            case "allViewableByUser" -> false;
            default -> throw invalid("mode must be createdByUser or allViewableByUser, not '" + mode + "'");
        };
        return repository.read(connection -> {
            List<ObjectNode> visible = new ArrayList<>();
            int skipped = 0;
            boolean more = false;
            for (ContentItem item : repository.dashboards(connection)) {
                if (createdByUser && !item.createdBy().equals(caller.userId())
                        || !library.effective(connection, caller, item).contains(Permission.View)) {
                    continue;
                }
                if (skipped < offset) {
                    skipped++;
                } else if (visible.size() < limit) {
                    visible.add(view(item));
                } else {
                    more = true;
                    break;
                }
            }
            return new DashboardPage(visible, paging.next(more));
        });
    }

    /** A dashboard the caller may view. @throws ApiException 404 when there is none with this id */
    public ObjectNode get(LibraryCaller caller, String id) {
        return repository.read(connection -> {
            ContentItem item = existing(connection, id);
            library.require(connection, caller, item, Permission.View);
            return view(item);
        });
    }

    /** Creates a dashboard in {@code folderId}, or in the caller's personal folder when it is absent. */
    public ObjectNode create(LibraryCaller caller, JsonNode request) {
        ObjectNode definition = definition(request);
        return repository.write(connection -> {
            ContentItem folder = folder(connection, caller, request);
            library.require(connection, caller, folder, Permission.Edit);
            ContentItem item = library.newItem(folder, caller, ItemType.Dashboard, definition.get("name").asText(),
                    description(definition), transfer.newDashboardId(), definition.toString());
            repository.insert(connection, item);
            return view(item);
        });
    }

    /** Replaces a dashboard the caller may edit; a different {@code folderId} moves it (needs Manage). */
    public ObjectNode update(LibraryCaller caller, String id, JsonNode request) {
        ObjectNode definition = definition(request);
        return repository.write(connection -> {
            ContentItem item = existing(connection, id);
            library.require(connection, caller, item, Permission.Edit);
            ContentItem updated = item.modified(definition.get("name").asText(), description(definition),
                    definition.toString(), library.now(), caller.userId());
            if (request.hasNonNull("folderId") && !ContentId.parse(request.get("folderId").asText())
                    .equals(item.parentId())) {
                library.require(connection, caller, item, Permission.Manage);
                ContentItem folder = library.existingFolder(connection, ContentId.parse(request.get("folderId")
                        .asText()));
                library.require(connection, caller, folder, Permission.Edit);
                updated = updated.movedTo(folder.id(), library.now(), caller.userId());
            }
            repository.update(connection, updated);
            return view(updated);
        });
    }

    /** Deletes a dashboard the caller may manage. */
    public void delete(LibraryCaller caller, String id) {
        repository.write(connection -> {
            ContentItem item = existing(connection, id);
            library.require(connection, caller, item, Permission.Manage);
            repository.delete(connection, item.id());
            return item;
        });
    }

    private ContentItem folder(Connection connection, LibraryCaller caller, JsonNode request) throws SQLException {
        if (request.hasNonNull("folderId")) {
            return library.existingFolder(connection, ContentId.parse(request.get("folderId").asText()));
        }
        return library.personalFolderItem(connection, caller);
    }

    private ContentItem existing(Connection connection, String id) throws SQLException {
        return repository.findByDashboardId(connection, id == null ? "" : id).orElseThrow(() -> new ApiException(
                ErrorCode.NOT_FOUND, 404, "dashboard:not_found", "Dashboard with the given ID does not exist."));
    }

    /** The stored definition of a request: its fields as given, under the sync type and a name from the title. */
    private static ObjectNode definition(JsonNode request) {
        if (!(request instanceof ObjectNode object)) {
            throw invalid("the request body must be a JSON object");
        }
        if (!object.path("title").isTextual() || object.path("title").asText().isBlank()) {
            throw invalid("title is required");
        }
        if (!object.path("timeRange").isObject()) {
            throw invalid("timeRange is required");
        }
        ObjectNode definition = JsonNodeFactory.instance.objectNode();
        definition.put("type", SyncType.DashboardV2SyncDefinition.name());
        definition.put("name", object.get("title").asText());
        object.properties().forEach(field -> {
            if (!COMPUTED.contains(field.getKey())) {
                definition.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        return definition;
    }

    private static String description(ObjectNode definition) {
        return definition.path("description").isTextual() ? definition.get("description").asText() : "";
    }

    /** The API's {@code Dashboard}: the stored fields plus the ids. */
    private static ObjectNode view(ContentItem item) {
        ObjectNode definition = LibraryJson.object(item.definitionJson());
        ObjectNode dashboard = JsonNodeFactory.instance.objectNode();
        if (!definition.has("title")) {
            dashboard.put("title", item.name());
        }
        definition.properties().forEach(field -> {
            if (!COMPUTED.contains(field.getKey())) {
                dashboard.set(field.getKey(), field.getValue());
            }
        });
        dashboard.put("folderId", item.parentId().toString());
        dashboard.put("id", item.dashboardId());
        dashboard.put("contentId", item.id().toString());
        dashboard.putNull("scheduleId");
        return dashboard;
    }

    private static ApiException invalid(String message) {
        return new ApiException(ErrorCode.INVALID_INPUT, 400, "dashboard:invalid_request", message);
    }
}
