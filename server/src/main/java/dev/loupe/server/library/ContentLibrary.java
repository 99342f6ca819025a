package dev.loupe.server.library;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.server.ApiException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The library tree and who may do what in it: system folders, personal folders (created on first use), folder
 * reads and writes, paths, the global and admin-recommended views, and permissions.
 *
 * <p>Access rules: an administrator acting in admin mode ({@code isAdminMode: true}) holds every permission on
 * every item. Otherwise the owner of an item holds every permission on it; items created in someone's personal
 * folder tree belong to that folder's owner, so personal content is private to its owner. Other users hold the
 * union of the explicit grants to them or their roles on the item and its ancestors (Manage includes Edit, Edit
 * includes View; likewise GrantManage, GrantEdit, GrantView). Everyone may view
 * {@code /Library}, {@code /Library/Users} and the admin-recommended tree; administrators may change the latter.
 * An item that exists but cannot be viewed answers 403; one that does not exist answers 404 with
 * {@value ContentId#DOES_NOT_EXIST}. Thread-safe.
 */
public final class ContentLibrary {
    /** The owner and author of the system folders. */
    public static final String SYSTEM_USER = "system";

    private final ContentRepository repository;
    private final Clock clock;

    public ContentLibrary(ContentRepository repository, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.clock = requireNonNull(clock, "clock is null");
        repository.write(connection -> {
            ContentItem root = systemFolder(connection, FolderKind.LIBRARY, null, "Library");
            systemFolder(connection, FolderKind.USERS, root, "Users");
            systemFolder(connection, FolderKind.ADMIN_RECOMMENDED, root, "Admin Recommended");
            return root;
        });
    }

    public ContentRepository repository() {
        return repository;
    }

    /** The current time, truncated to milliseconds as stored. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private ContentItem systemFolder(Connection connection, FolderKind kind, ContentItem parent, String name)
            throws SQLException {
        Optional<ContentItem> existing = repository.findSystemFolder(connection, kind, SYSTEM_USER);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = now();
        ContentItem folder = new ContentItem(ContentId.random(), parent == null ? null : parent.id(), ItemType.Folder,
                kind, name, "", SYSTEM_USER, null, null, folderDefinition(name, ""), now, SYSTEM_USER, now,
                SYSTEM_USER);
        repository.insert(connection, folder);
        return folder;
    }

    /** The JSON text of a {@code FolderSyncDefinition} without children. */
    public static String folderDefinition(String name, String description) {
        ObjectNode definition = JsonNodeFactory.instance.objectNode();
        definition.put("type", SyncType.FolderSyncDefinition.name());
        definition.put("name", name);
        definition.put("description", description);
        return definition.toString();
    }

    /** The caller's personal folder, created on first use, with its children. */
    public ContentViews.Folder personalFolder(LibraryCaller caller) {
        return repository.write(connection -> folderView(connection, caller,
                personalFolderItem(connection, caller)));
    }

    /** The caller's personal folder row, created on first use. */
    public ContentItem personalFolderItem(Connection connection, LibraryCaller caller) throws SQLException {
        Optional<ContentItem> existing = repository.findSystemFolder(connection, FolderKind.PERSONAL,
                caller.userId());
        if (existing.isPresent()) {
            return existing.get();
        }
        ContentItem users = repository.findSystemFolder(connection, FolderKind.USERS, SYSTEM_USER).orElseThrow();
        Instant now = now();
        ContentItem folder = new ContentItem(ContentId.random(), users.id(), ItemType.Folder, FolderKind.PERSONAL,
                "Personal", "", caller.userId(), caller.login(), null, folderDefinition("Personal", ""), now,
                caller.userId(), now, caller.userId());
        repository.insert(connection, folder);
        return folder;
    }

    /** A folder the caller may view, with the children the caller may view. */
    public ContentViews.Folder folder(LibraryCaller caller, ContentId id) {
        return repository.read(connection -> {
            ContentItem folder = existingFolder(connection, id);
            require(connection, caller, folder, Permission.View);
            return folderView(connection, caller, folder);
        });
    }

    /**
     * Creates a folder in a folder where the caller may edit.
     *
     * @throws ApiException 400 for a blank name or a name already used by a folder there
     */
    public ContentViews.Folder createFolder(LibraryCaller caller, String name, String description,
            ContentId parentId) {
        String checkedName = requireName(name);
        String checkedDescription = description == null ? "" : description;
        return repository.write(connection -> {
            ContentItem parent = existingFolder(connection, parentId);
            require(connection, caller, parent, Permission.Edit);
            if (childNamed(connection, parent, checkedName, ItemType.Folder).isPresent()) {
                throw new ApiException(ErrorCode.INVALID_INPUT, 400, "content:duplicate_content",
                        "a folder named '" + checkedName + "' already exists in " + parent.id());
            }
            ContentItem folder = newItem(parent, caller, ItemType.Folder, checkedName, checkedDescription, null,
                    folderDefinition(checkedName, checkedDescription));
            repository.insert(connection, folder);
            return folderView(connection, caller, folder);
        });
    }

    /** Renames and re-describes a folder the caller may edit; a null field is left as it is. */
    public ContentViews.Folder updateFolder(LibraryCaller caller, ContentId id, String name, String description) {
        return repository.write(connection -> {
            ContentItem folder = existingFolder(connection, id);
            require(connection, caller, folder, Permission.Edit);
            if (folder.folderKind().isSystem() && name != null && !name.equals(folder.name())) {
                throw new ApiException(ErrorCode.INVALID_INPUT, 400, "content:system_folder",
                        "the system folder '" + folder.name() + "' cannot be renamed");
            }
            String newName = name == null ? folder.name() : requireName(name);
            String newDescription = description == null ? folder.description() : description;
            ObjectNode definition = LibraryJson.object(folder.definitionJson());
            definition.put("name", newName);
            definition.put("description", newDescription);
            ContentItem updated = folder.modified(newName, newDescription, definition.toString(), now(),
                    caller.userId());
            repository.update(connection, updated);
            return folderView(connection, caller, updated);
        });
    }

    /** The item at a library path such as {@code /Library/Users/alice@example.com/Folder}. */
    public ContentViews.Content itemByPath(LibraryCaller caller, String path) {
        if (path == null || !path.startsWith("/")) {
            throw new ApiException(ErrorCode.INVALID_INPUT, 400, "content:invalid_path",
                    "path must start with /Library, not '" + path + "'");
        }
        return repository.read(connection -> {
            ContentItem current = repository.findSystemFolder(connection, FolderKind.LIBRARY, SYSTEM_USER)
                    .orElseThrow();
            String[] segments = path.substring(1).split("/");
            if (!segments[0].equals(current.name())) {
                throw ContentId.notFound();
            }
            for (int index = 1; index < segments.length; index++) {
                String segment = segments[index];
                current = repository.children(connection, current.id()).stream()
                        .filter(child -> child.pathSegment().equals(segment)).findFirst()
                        .orElseThrow(ContentId::notFound);
            }
            require(connection, caller, current, Permission.View);
            return view(connection, caller, current);
        });
    }

    /** The library path of an item the caller may view. */
    public ContentViews.Path pathOf(LibraryCaller caller, ContentId id) {
        return repository.read(connection -> {
            ContentItem item = existing(connection, id);
            require(connection, caller, item, Permission.View);
            List<String> segments = new ArrayList<>();
            for (ContentItem current : lineage(connection, item)) {
                segments.addFirst(current.pathSegment());
            }
            return new ContentViews.Path("/" + String.join("/", segments));
        });
    }

    /**
     * The global view: the topmost items the caller may view outside their own personal folder (in admin mode:
     * every user's personal folder and the admin-recommended folder).
     */
    public ContentViews.ContentList globalFolder(LibraryCaller caller) {
        return repository.read(connection -> {
            List<ContentViews.Content> data = new ArrayList<>();
            for (ContentItem item : repository.all(connection)) {
                if (item.folderKind() == FolderKind.LIBRARY || item.folderKind() == FolderKind.USERS
                        || (item.folderKind() == FolderKind.PERSONAL && item.ownerId().equals(caller.userId()))
                        || item.ownerId().equals(caller.userId()) && !caller.actsAsAdministrator()) {
                    continue;
                }
                ContentItem parent = existing(connection, item.parentId());
                boolean parentVisible = parent.folderKind() != FolderKind.USERS
                        && parent.folderKind() != FolderKind.LIBRARY
                        && effective(connection, caller, parent).contains(Permission.View);
                if (!parentVisible && effective(connection, caller, item).contains(Permission.View)) {
                    data.add(view(connection, caller, item));
                }
            }
            return new ContentViews.ContentList(data);
        });
    }

    /** The items directly in the admin-recommended folder. */
    public ContentViews.ContentList adminRecommended(LibraryCaller caller) {
        return repository.read(connection -> {
            ContentItem folder = repository.findSystemFolder(connection, FolderKind.ADMIN_RECOMMENDED, SYSTEM_USER)
                    .orElseThrow();
            return new ContentViews.ContentList(folderView(connection, caller, folder).children());
        });
    }

    /** The explicit grants on an item and, unless {@code explicitOnly}, those it inherits from its ancestors. */
    public ContentViews.PermissionResult permissions(LibraryCaller caller, ContentId id, boolean explicitOnly) {
        return repository.read(connection -> permissionResult(connection, caller, existing(connection, id),
                explicitOnly));
    }

    /**
     * Adds or removes grants on one item. Granting or revoking {@code View} needs {@code GrantView}, {@code Edit}
     * needs {@code GrantEdit}, the rest need {@code GrantManage}.
     */
    public ContentViews.PermissionResult changePermissions(LibraryCaller caller, ContentId id,
            List<PermissionGrant> grants, boolean add) {
        return repository.write(connection -> {
            ContentItem item = existing(connection, id);
            Set<Permission> held = effective(connection, caller, item);
            if (!held.contains(Permission.View)) {
                throw accessDenied(item);
            }
            for (PermissionGrant grant : grants) {
                if (!grant.contentId().equals(id)) {
                    throw new ApiException(ErrorCode.INVALID_INPUT, 400, "content:invalid_permission",
                            "contentId " + grant.contentId() + " of an assignment is not " + id);
                }
                Permission needed = switch (grant.permission()) {
                    case View -> Permission.GrantView;
                    case Edit -> Permission.GrantEdit;
                    case GrantView, GrantEdit, Manage, GrantManage -> Permission.GrantManage;
                };
                if (!held.contains(needed)) {
                    throw new ApiException(ErrorCode.UNAUTHORIZED, 403, "content:access_denied",
                            "changing " + grant.permission() + " on " + id + " needs " + needed);
                }
                if (add) {
                    repository.addGrant(connection, grant);
                } else {
                    repository.removeGrant(connection, grant);
                }
            }
            return permissionResult(connection, caller, item, false);
        });
    }

    private ContentViews.PermissionResult permissionResult(Connection connection, LibraryCaller caller,
            ContentItem item, boolean explicitOnly) throws SQLException {
        require(connection, caller, item, Permission.View);
        List<ContentViews.PermissionAssignment> explicit = new ArrayList<>();
        List<ContentViews.PermissionAssignment> implicit = new ArrayList<>();
        for (ContentItem current : lineage(connection, item)) {
            for (PermissionGrant grant : repository.grants(connection, current.id())) {
                ContentViews.PermissionAssignment assignment = new ContentViews.PermissionAssignment(
                        grant.permission().name(), grant.subjectType().name(), grant.subjectId(),
                        current.id().toString());
                (current.id().equals(item.id()) ? explicit : implicit).add(assignment);
            }
        }
        return new ContentViews.PermissionResult(explicit, explicitOnly ? List.of() : implicit);
    }

    /** The item with this id. @throws ApiException 404 {@value ContentId#DOES_NOT_EXIST} */
    public ContentItem existing(Connection connection, ContentId id) throws SQLException {
        return repository.find(connection, id).orElseThrow(ContentId::notFound);
    }

    /** The folder with this id. @throws ApiException 404 when there is none, 400 when the item is no folder */
    public ContentItem existingFolder(Connection connection, ContentId id) throws SQLException {
        ContentItem item = existing(connection, id);
        if (item.itemType() != ItemType.Folder) {
            throw new ApiException(ErrorCode.INVALID_INPUT, 400, "content:not_a_folder",
                    "content " + id + " is a " + item.itemType() + ", not a Folder");
        }
        return item;
    }

    /** The item and its ancestors, the item first and the root last. */
    public List<ContentItem> lineage(Connection connection, ContentItem item) throws SQLException {
        List<ContentItem> lineage = new ArrayList<>();
        ContentItem current = item;
        while (current != null) {
            lineage.add(current);
            current = current.parentId() == null ? null : repository.find(connection, current.parentId())
                    .orElse(null);
        }
        return lineage;
    }

    /** What the caller may do with the item (see the class comment). */
    public Set<Permission> effective(Connection connection, LibraryCaller caller, ContentItem item)
            throws SQLException {
        if (caller.actsAsAdministrator() || item.ownerId().equals(caller.userId())) {
            return Permission.all();
        }
        Set<Permission> held = EnumSet.noneOf(Permission.class);
        if (item.folderKind() == FolderKind.LIBRARY || item.folderKind() == FolderKind.USERS) {
            held.add(Permission.View);
        }
        for (ContentItem current : lineage(connection, item)) {
            if (current.folderKind() == FolderKind.ADMIN_RECOMMENDED) {
                return caller.administrator() ? Permission.all() : implied(union(held, EnumSet.of(Permission.View)));
            }
            for (PermissionGrant grant : repository.grants(connection, current.id())) {
                boolean mine = switch (grant.subjectType()) {
                    case user -> grant.subjectId().equals(caller.userId());
                    case role -> caller.roleIds().contains(grant.subjectId());
                };
                if (mine) {
                    held.add(grant.permission());
                }
            }
        }
        return implied(held);
    }

    /** Permissions are ordered: Manage includes Edit, Edit includes View, and the same for the Grant ones. */
    private static Set<Permission> implied(Set<Permission> held) {
        if (held.contains(Permission.Manage)) {
            held.add(Permission.Edit);
        }
        if (held.contains(Permission.Edit)) {
            held.add(Permission.View);
        }
        if (held.contains(Permission.GrantManage)) {
            held.add(Permission.GrantEdit);
        }
        if (held.contains(Permission.GrantEdit)) {
            held.add(Permission.GrantView);
        }
        return held;
    }

    private static Set<Permission> union(Set<Permission> first, Set<Permission> second) {
        Set<Permission> union = EnumSet.noneOf(Permission.class);
        union.addAll(first);
        union.addAll(second);
        return union;
    }

    /**
     * Checks that the caller holds {@code permission} on the item.
     *
     * @throws ApiException 403 {@code content:access_denied} when not
     */
    public void require(Connection connection, LibraryCaller caller, ContentItem item, Permission permission)
            throws SQLException {
        if (!effective(connection, caller, item).contains(permission)) {
            throw accessDenied(item);
        }
    }

    private static ApiException accessDenied(ContentItem item) {
        return new ApiException(ErrorCode.UNAUTHORIZED, 403, "content:access_denied",
                "You do not have permission to access content " + item.id() + ".");
    }

    /** The direct child of a folder with this name and item type, if any. */
    public Optional<ContentItem> childNamed(Connection connection, ContentItem folder, String name, ItemType type)
            throws SQLException {
        return repository.children(connection, folder.id()).stream()
                .filter(child -> child.name().equals(name) && child.itemType() == type).findFirst();
    }

    /**
     * A new row (not yet inserted) in {@code parent}, created now by the caller. Items in a personal tree belong
     * to the owner of that tree; items elsewhere belong to their creator.
     */
    public ContentItem newItem(ContentItem parent, LibraryCaller caller, ItemType itemType, String name,
            String description, String dashboardId, String definitionJson) {
        boolean ownedTree = parent.folderKind() == FolderKind.PERSONAL || parent.folderKind() == FolderKind.ORDINARY;
        String owner = ownedTree && !parent.ownerId().equals(SYSTEM_USER) ? parent.ownerId() : caller.userId();
        Instant now = now();
        return new ContentItem(ContentId.random(), parent.id(), itemType, FolderKind.ORDINARY, name, description,
                owner, null, dashboardId, definitionJson, now, caller.userId(), now, caller.userId());
    }

    /** The {@code Content} body of an item, with the caller's permissions on it. */
    public ContentViews.Content view(Connection connection, LibraryCaller caller, ContentItem item)
            throws SQLException {
        return new ContentViews.Content(item.createdAt().toString(), item.createdBy(), item.modifiedAt().toString(),
                item.modifiedBy(), item.id().toString(), item.name(), item.itemType().name(),
                item.parentId() == null ? null : item.parentId().toString(), names(effective(connection, caller,
                        item)));
    }

    /** The {@code Folder} body of a folder, with the children the caller may view. */
    public ContentViews.Folder folderView(Connection connection, LibraryCaller caller, ContentItem folder)
            throws SQLException {
        List<ContentViews.Content> children = new ArrayList<>();
        for (ContentItem child : repository.children(connection, folder.id())) {
            if (effective(connection, caller, child).contains(Permission.View)) {
                children.add(view(connection, caller, child));
            }
        }
        ContentViews.Content content = view(connection, caller, folder);
        return new ContentViews.Folder(content.createdAt(), content.createdBy(), content.modifiedAt(),
                content.modifiedBy(), content.id(), content.name(), content.itemType(), content.parentId(),
                content.permissions(), folder.description(), children);
    }

    private static List<String> names(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::name).toList();
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_INPUT, 400, "content:invalid_name", "name is required");
        }
        return name;
    }
}
