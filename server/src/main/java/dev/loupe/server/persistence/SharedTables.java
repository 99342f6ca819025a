package dev.loupe.server.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables several servers of one deployment share through a {@link dev.loupe.store.spi.state.SharedStateStore}
 * (see {@link Database}): users, access keys, HTTP sources, field extraction rules and the library. Sessions stay per
 * server (a sign-in is valid on the server it was made on). Converts their rows to and from the shared document:
 * {@code {"schema": N, "tables": {"users": [{column: value, ...}, ...], ...}}}, rows in key order so that equal
 * contents give equal documents. Stateless; thread-safe.
 */
final class SharedTables {
    /**
     * A shared table.
     *
     * @param name the table
     * @param keyColumns its primary key
     * @param parentColumn the column that refers to another row of the same table (a one-column key), or null
     */
    record Table(String name, List<String> keyColumns, String parentColumn) {}

    /** In an order that inserts referenced rows before the rows referring to them. */
    static final List<Table> TABLES = List.of(new Table("users", List.of("id"), null), new Table("access_keys", List.of("id"), null),
            new Table("http_sources", List.of("id"), null), new Table("field_extraction_rules", List.of("name"), null),
            new Table("library_content", List.of("id"), "parent_id"),
            new Table("library_permission", List.of("content_id", "permission", "subject_type", "subject_id"), null));

    private final ObjectMapper mapper = new ObjectMapper();

    /** The shared tables' rows as the connection sees them (also uncommitted changes of its transaction). */
    byte[] dump(Connection connection, int schemaVersion) throws SQLException {
        ObjectNode document = mapper.createObjectNode();
        document.put("schema", schemaVersion);
        ObjectNode tables = document.putObject("tables");
        for (Table table : TABLES) {
            ArrayNode rows = tables.putArray(table.name());
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT * FROM " + table.name() + " ORDER BY "
                            + String.join(", ", table.keyColumns()))) {
                ResultSetMetaData columns = result.getMetaData();
                while (result.next()) {
                    ObjectNode row = rows.addObject();
                    for (int column = 1; column <= columns.getColumnCount(); column++) {
                        String name = columns.getColumnName(column).toLowerCase(java.util.Locale.ROOT);
                        switch (columns.getColumnType(column)) {
                            case Types.BIGINT, Types.INTEGER, Types.SMALLINT -> {
                                long value = result.getLong(column);
                                if (result.wasNull()) {
                                    row.putNull(name);
                                } else {
                                    row.put(name, value);
                                }
                            }
                            case Types.BOOLEAN -> {
                                boolean value = result.getBoolean(column);
                                if (result.wasNull()) {
                                    row.putNull(name);
                                } else {
                                    row.put(name, value);
                                }
                            }
                            default -> row.put(name, result.getString(column));
                        }
                    }
                }
            }
        }
        try {
            return mapper.writeValueAsBytes(document);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Makes the shared tables hold exactly the document's rows, in the connection's transaction: rows missing from
     * the document are deleted first (with their cascades: a deleted user's sessions go too), then every row of the
     * document is merged in, referenced tables first and, within a tree table, parents before children.
     *
     * @throws LoupeException {@code STORAGE_FAILURE} when the document was written with another schema version
     */
    void apply(Connection connection, byte[] bytes, int schemaVersion) throws SQLException {
        JsonNode document;
        try {
            document = mapper.readTree(bytes);
        } catch (IOException unreadable) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "the shared state is not readable JSON: " + unreadable.getMessage(), unreadable);
        }
        int schema = document.path("schema").asInt(-1);
        if (schema != schemaVersion) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "the shared state was written with database schema " + schema
                    + ", this server has " + schemaVersion + ": run the same Loupe version on every server of a deployment");
        }
        JsonNode tables = document.path("tables");
        for (Table table : TABLES.reversed()) {
            deleteMissing(connection, table, tables.path(table.name()));
        }
        for (Table table : TABLES) {
            for (JsonNode row : parentsFirst(table, tables.path(table.name()))) {
                merge(connection, table, row);
            }
        }
    }

    /** The rows, those of a tree table ordered by depth (a row's parent is in the document: it is consistent). */
    private static List<JsonNode> parentsFirst(Table table, JsonNode rows) {
        List<JsonNode> ordered = new ArrayList<>();
        rows.forEach(ordered::add);
        if (table.parentColumn() == null) {
            return ordered;
        }
        String key = table.keyColumns().getFirst();
        Map<String, String> parents = new HashMap<>();
        for (JsonNode row : ordered) {
            parents.put(row.path(key).asText(), row.path(table.parentColumn()).isNull() ? null : row.path(table.parentColumn()).asText());
        }
        Map<String, Integer> depths = new HashMap<>();
        for (String id : parents.keySet()) {
            int depth = 0;
            for (String parent = parents.get(id); parent != null && depth <= parents.size(); parent = parents.get(parent)) {
                depth++;
            }
            depths.put(id, depth);
        }
        ordered.sort(java.util.Comparator.comparingInt(row -> depths.get(row.path(key).asText())));
        return ordered;
    }

    private static void deleteMissing(Connection connection, Table table, JsonNode rows) throws SQLException {
        Set<List<String>> wanted = new HashSet<>();
        for (JsonNode row : rows) {
            wanted.add(key(table, row));
        }
        List<List<String>> missing = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT " + String.join(", ", table.keyColumns()) + " FROM " + table.name())) {
            while (result.next()) {
                List<String> key = new ArrayList<>();
                for (int column = 1; column <= table.keyColumns().size(); column++) {
                    key.add(result.getString(column));
                }
                if (!wanted.contains(key)) {
                    missing.add(key);
                }
            }
        }
        String where = String.join(" = ? AND ", table.keyColumns()) + " = ?";
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table.name() + " WHERE " + where)) {
            for (List<String> key : missing) {
                for (int index = 0; index < key.size(); index++) {
                    delete.setString(index + 1, key.get(index));
                }
                delete.executeUpdate();
            }
        }
    }

    private static List<String> key(Table table, JsonNode row) {
        List<String> key = new ArrayList<>();
        for (String column : table.keyColumns()) {
            key.add(row.path(column).asText());
        }
        return key;
    }

    private static void merge(Connection connection, Table table, JsonNode row) throws SQLException {
        List<String> names = new ArrayList<>();
        List<JsonNode> values = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = row.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            names.add(field.getKey());
            values.add(field.getValue());
        }
        String placeholders = String.join(", ", java.util.Collections.nCopies(names.size(), "?"));
        try (PreparedStatement merge = connection.prepareStatement("MERGE INTO " + table.name() + " (" + String.join(", ", names)
                + ") KEY (" + String.join(", ", table.keyColumns()) + ") VALUES (" + placeholders + ")")) {
            for (int index = 0; index < values.size(); index++) {
                JsonNode value = values.get(index);
                if (value.isNull()) {
                    merge.setObject(index + 1, null);
                } else if (value.isBoolean()) {
                    merge.setBoolean(index + 1, value.booleanValue());
                } else if (value.isIntegralNumber()) {
                    merge.setLong(index + 1, value.longValue());
                } else {
                    merge.setString(index + 1, value.asText());
                }
            }
            merge.executeUpdate();
        }
    }
}
