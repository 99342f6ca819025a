package dev.loupe.server.library;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.LoupeException;
import dev.loupe.server.persistence.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The library's rows in the server's {@link Database}: tables {@code library_content} (the tree, one row per
 * item, the definition as JSON text) and {@code library_permission} (explicit grants), created by migration
 * {@code V3.sql}. Deleting a row deletes its subtree and its grants (foreign keys with {@code ON DELETE CASCADE}).
 *
 * <p>Work runs through {@link #read} (concurrent) or {@link #write} (one durable, serialized transaction, rolled
 * back when the work throws), so a check-then-write inside one write is atomic. Thread-safe.
 */
public final class ContentRepository {
    private static final String COLUMNS = "id, parent_id, item_type, folder_kind, name, description, owner_id, "
            + "path_name, dashboard_id, definition, created_at, created_by, modified_at, modified_by";

    private final Database database;

    /** @param database the server's database, migrated (it holds the library tables) */
    public ContentRepository(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    /**
     * Runs read-only work.
     *
     * @throws LoupeException {@code STORAGE_FAILURE} when the database fails
     */
    public <T> T read(Database.Work<T> work) {
        return database.read(work);
    }

    /**
     * Runs work in one serialized transaction, durable when this returns.
     *
     * @throws LoupeException {@code STORAGE_FAILURE} when the database fails; exceptions of the work pass through
     *     after the rollback
     */
    public <T> T write(Database.Work<T> work) {
        return database.write(work);
    }

    public Optional<ContentItem> find(Connection connection, ContentId id) throws SQLException {
        return first(connection, "SELECT " + COLUMNS + " FROM library_content WHERE id = ?", id.value());
    }

    public Optional<ContentItem> findByDashboardId(Connection connection, String dashboardId) throws SQLException {
        return first(connection, "SELECT " + COLUMNS + " FROM library_content WHERE dashboard_id = ?", dashboardId);
    }

    /** The system folder of a kind; for {@link FolderKind#PERSONAL} the one owned by {@code ownerId}. */
    public Optional<ContentItem> findSystemFolder(Connection connection, FolderKind kind, String ownerId)
            throws SQLException {
        if (kind == FolderKind.PERSONAL) {
            return first(connection, "SELECT " + COLUMNS + " FROM library_content WHERE folder_kind = ? AND "
                    + "owner_id = ?", kind.name(), ownerId);
        }
        return first(connection, "SELECT " + COLUMNS + " FROM library_content WHERE folder_kind = ?", kind.name());
    }

    /** The items directly in a folder, by name then id. */
    public List<ContentItem> children(Connection connection, ContentId folderId) throws SQLException {
        return list(connection, "SELECT " + COLUMNS + " FROM library_content WHERE parent_id = ? ORDER BY name, id",
                folderId.value());
    }

    /** Every dashboard, in content id order. */
    public List<ContentItem> dashboards(Connection connection) throws SQLException {
        return list(connection, "SELECT " + COLUMNS + " FROM library_content WHERE dashboard_id IS NOT NULL "
                + "ORDER BY id");
    }

    /** Every item, by name then id; used for the global view. */
    public List<ContentItem> all(Connection connection) throws SQLException {
        return list(connection, "SELECT " + COLUMNS + " FROM library_content ORDER BY name, id");
    }

    public void insert(Connection connection, ContentItem item) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO library_content (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(statement, item);
            statement.executeUpdate();
        }
    }

    /** Replaces every column of the row with the item's id. */
    public void update(Connection connection, ContentItem item) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE library_content SET id = ?, "
                + "parent_id = ?, item_type = ?, folder_kind = ?, name = ?, description = ?, owner_id = ?, "
                + "path_name = ?, dashboard_id = ?, definition = ?, created_at = ?, created_by = ?, modified_at = ?, "
                + "modified_by = ? WHERE id = ?")) {
            bind(statement, item);
            statement.setLong(15, item.id().value());
            statement.executeUpdate();
        }
    }

    /** Deletes the item, everything below it and their grants. */
    public void delete(Connection connection, ContentId id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM library_content WHERE id = ?")) {
            statement.setLong(1, id.value());
            statement.executeUpdate();
        }
    }

    /** The explicit grants on one item. */
    public List<PermissionGrant> grants(Connection connection, ContentId id) throws SQLException {
        List<PermissionGrant> grants = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT permission, subject_type, subject_id "
                + "FROM library_permission WHERE content_id = ? ORDER BY subject_type, subject_id, permission")) {
            statement.setLong(1, id.value());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    grants.add(new PermissionGrant(id, Permission.valueOf(rows.getString(1)),
                            PermissionGrant.SubjectType.valueOf(rows.getString(2)), rows.getString(3)));
                }
            }
        }
        return grants;
    }

    public void addGrant(Connection connection, PermissionGrant grant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("MERGE INTO library_permission (content_id, "
                + "permission, subject_type, subject_id) KEY (content_id, permission, subject_type, subject_id) "
                + "VALUES (?, ?, ?, ?)")) {
            bindGrant(statement, grant);
            statement.executeUpdate();
        }
    }

    public void removeGrant(Connection connection, PermissionGrant grant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM library_permission WHERE "
                + "content_id = ? AND permission = ? AND subject_type = ? AND subject_id = ?")) {
            bindGrant(statement, grant);
            statement.executeUpdate();
        }
    }

    private static void bindGrant(PreparedStatement statement, PermissionGrant grant) throws SQLException {
        statement.setLong(1, grant.contentId().value());
        statement.setString(2, grant.permission().name());
        statement.setString(3, grant.subjectType().name());
        statement.setString(4, grant.subjectId());
    }

    private static void bind(PreparedStatement statement, ContentItem item) throws SQLException {
        statement.setLong(1, item.id().value());
        if (item.parentId() == null) {
            statement.setNull(2, Types.BIGINT);
        } else {
            statement.setLong(2, item.parentId().value());
        }
        statement.setString(3, item.itemType().name());
        statement.setString(4, item.folderKind().name());
        statement.setString(5, item.name());
        statement.setString(6, item.description());
        statement.setString(7, item.ownerId());
        statement.setString(8, item.pathName());
        statement.setString(9, item.dashboardId());
        statement.setString(10, item.definitionJson());
        statement.setLong(11, item.createdAt().toEpochMilli());
        statement.setString(12, item.createdBy());
        statement.setLong(13, item.modifiedAt().toEpochMilli());
        statement.setString(14, item.modifiedBy());
    }

    private static Optional<ContentItem> first(Connection connection, String sql, Object... parameters)
            throws SQLException {
        List<ContentItem> items = list(connection, sql, parameters);
        return items.isEmpty() ? Optional.empty() : Optional.of(items.getFirst());
    }

    private static List<ContentItem> list(Connection connection, String sql, Object... parameters)
            throws SQLException {
        List<ContentItem> items = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int index = 0; index < parameters.length; index++) {
                statement.setObject(index + 1, parameters[index]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    items.add(read(rows));
                }
            }
        }
        return items;
    }

    private static ContentItem read(ResultSet rows) throws SQLException {
        long parent = rows.getLong(2);
        ContentId parentId = rows.wasNull() ? null : new ContentId(parent);
        return new ContentItem(new ContentId(rows.getLong(1)), parentId, ItemType.valueOf(rows.getString(3)),
                FolderKind.valueOf(rows.getString(4)), rows.getString(5), rows.getString(6), rows.getString(7),
                rows.getString(8), rows.getString(9), rows.getString(10), Instant.ofEpochMilli(rows.getLong(11)),
                rows.getString(12), Instant.ofEpochMilli(rows.getLong(13)), rows.getString(14));
    }
}
