package dev.loupe.cli.peers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * DuckDB (embedded, through JDBC, in the benchmark's JVM) answering tasks with SQL, in one of two ways:
 * {@link #overRawJson} reads the NDJSON file at every query with {@code read_json} (schema on read, as Sumo and
 * Loupe do), {@link #overTable} queries a native table loaded once from the same file (schema on write). DuckDB
 * uses every core, as Loupe does.
 */
public final class DuckDbPeer implements Peer {
    private final String name;
    private final Connection connection;
    private final String source;
    private final boolean slow;

    private DuckDbPeer(String name, Connection connection, String source, boolean slow) {
        this.name = name;
        this.connection = connection;
        this.source = source;
        this.slow = slow;
    }

    /** DuckDB over the NDJSON file itself, parsed at every query (an in-memory database). */
    public static DuckDbPeer overRawJson(Path events, boolean slow) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        return new DuckDbPeer("DuckDB (raw JSON)", connection, readJson(events), slow);
    }

    /**
     * DuckDB over a native table in a database file, loaded from {@code events} and checkpointed (durable) before
     * this returns; {@code loaded} receives the load's duration in nanoseconds. A database file that already holds
     * the table (a reused data set) is opened as it is, and nothing is reported to {@code loaded}.
     */
    public static DuckDbPeer overTable(Path events, Path databaseFile, LoadTime loaded) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + databaseFile.toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            try (ResultSet existing = statement.executeQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_name = 'events'")) {
                existing.next();
                if (existing.getLong(1) > 0) {
                    return new DuckDbPeer("DuckDB (native table)", connection, "events", false);
                }
            }
            long started = System.nanoTime();
            statement.execute("CREATE TABLE events AS SELECT * FROM " + readJson(events));
            statement.execute("CHECKPOINT");
            loaded.took(System.nanoTime() - started);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new DuckDbPeer("DuckDB (native table)", connection, "events", false);
    }

    /** Receives how long loading the native table took. */
    @FunctionalInterface
    public interface LoadTime {
        void took(long nanos);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean slow() {
        return slow;
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public boolean groups() {
        return true;
    }

    @Override
    public Optional<Answer> answer(Task task) throws SQLException {
        String grouped = task.sqlGroupKeys().isEmpty()
                ? "SELECT count(*) AS c FROM " + source + " WHERE " + task.sqlWhere()
                : "SELECT " + String.join(", ", task.sqlGroupKeys()) + ", count(*) AS c FROM " + source + " WHERE "
                        + task.sqlWhere() + " GROUP BY ALL";
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT coalesce(sum(c), 0), count(*) FROM (" + grouped + ")")) {
            result.next();
            return Optional.of(new Answer(result.getLong(1), task.sqlGroupKeys().isEmpty() ? 1 : result.getLong(2)));
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private static String readJson(Path events) {
        return "read_json('" + events.toAbsolutePath().toString().replace("'", "''") + "', format = 'newline_delimited')";
    }
}
