package dev.loupe.server.persistence;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The embedded H2 database of one data folder, {@code <data>/loupe.mv.db}: opened once per server process, no
 * external server, closed by whoever opened it.
 *
 * <pre>{@code
 * try (Database database = Database.open(dataDirectory)) {
 *     long count = database.read(connection -> ...);
 *     database.write(connection -> { ...INSERT...; return null; });
 * }
 * }</pre>
 *
 * <p><b>Schema.</b> {@link #open} applies the numbered migrations {@code migrations/V1.sql}, {@code V2.sql}, ...
 * (resources beside this class) that the {@code schema_version} table does not list yet, in order, each in its
 * own transaction, and fails with {@code CORRUPT_DATA} when the file's schema is newer than this build knows.
 * A new table or column is a new numbered file; a released migration is never edited.
 *
 * <p><b>Threading.</b> Thread-safe. Reads run on pooled connections (H2's built-in pool) concurrently with each
 * other and with a write; writes are serialized by one lock (a single writer), so a write transaction never
 * fails on a lock conflict with another write of this process. A callback must not keep its connection or
 * call back into this database.
 *
 * <p><b>Durability.</b> {@link #write} commits, then runs {@code CHECKPOINT SYNC}, which forces H2's file to
 * the device: when {@code write} returns, the transaction survives {@code kill -9} and power loss. That costs
 * an fsync per write, which suits what lives here (users, keys, sessions, sources: rare, small writes). A
 * failure inside the callback rolls the whole transaction back.
 *
 * <p><b>Exclusivity.</b> H2 locks the file; a second process opening the same folder gets
 * {@code STORE_IN_USE} (use the running server's API instead).
 */
public final class Database implements AutoCloseable {
    /** The database file name H2 derives from the JDBC URL ({@code loupe} plus H2's {@code .mv.db}). */
    public static final String FILE_NAME = "loupe.mv.db";
    private static final String MIGRATIONS = "migrations/V";
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private final JdbcConnectionPool pool;
    private final Path file;
    private final ReentrantLock writer = new ReentrantLock();

    /** A unit of work on a connection; may throw {@link SQLException}, which the database wraps. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Database(JdbcConnectionPool pool, Path file) {
        this.pool = pool;
        this.file = file;
    }

    /**
     * Opens (creating on first use) the database of a data folder and brings its schema up to date.
     *
     * @throws LoupeException {@code STORE_IN_USE} when another process has it open, {@code CORRUPT_DATA} when the
     *     file is damaged or newer than this build, {@code STORAGE_FAILURE} on I/O errors
     */
    public static Database open(Path dataDirectory) {
        requireNonNull(dataDirectory, "dataDirectory is null");
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException exception) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "cannot create the data folder " + directory + ": "
                    + exception.getMessage(), exception);
        }
        // DB_CLOSE_ON_EXIT=FALSE: the owner closes the database after the server stopped, not H2's own hook.
        String url = "jdbc:h2:file:" + directory.resolve("loupe") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "loupe", "");
        Database database = new Database(pool, directory.resolve(FILE_NAME));
        try {
            database.migrate();
        } catch (RuntimeException exception) {
            pool.dispose();
            throw exception;
        }
        return database;
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /**
     * Runs read-only work on a pooled connection (auto-commit, read committed) and returns its result.
     *
     * @throws LoupeException {@code STORAGE_FAILURE} when the work throws {@link SQLException}
     */
    public <T> T read(Work<T> work) {
        requireNonNull(work, "work is null");
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException exception) {
            throw failure(exception);
        }
    }

    /**
     * Runs work in one transaction, as the only writer, and returns its result once the transaction is durable.
     * Any exception from the work rolls the transaction back and is rethrown ({@link SQLException} wrapped).
     *
     * @throws LoupeException {@code STORAGE_FAILURE} on SQL errors; {@code INVALID_INPUT} for a constraint
     *     violation (a duplicate name, say), whose message names the constraint
     */
    public <T> T write(Work<T> work) {
        requireNonNull(work, "work is null");
        writer.lock();
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException exception) {
                connection.rollback();
                throw exception;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
            return result;
        } catch (SQLException exception) {
            throw failure(exception);
        } finally {
            writer.unlock();
        }
    }

    /** Closes every connection and the database file. Idempotent. */
    @Override
    public void close() {
        pool.dispose();
    }

    /** The schema version the file is at (the highest applied migration). */
    public int schemaVersion() {
        return read(Database::currentVersion);
    }

    private void migrate() {
        List<String> migrations = availableMigrations();
        write(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, "
                        + "applied_millis BIGINT NOT NULL)");
            }
            return null;
        });
        int current = schemaVersion();
        if (current > migrations.size()) {
            throw new LoupeException(ErrorCode.CORRUPT_DATA, file + " has schema version " + current
                    + ", newer than this Loupe knows (" + migrations.size() + "): use a newer Loupe");
        }
        for (int version = current + 1; version <= migrations.size(); version++) {
            int applied = version;
            String script = migrations.get(version - 1);
            write(connection -> {
                try (Statement statement = connection.createStatement()) {
                    for (String sql : statements(script)) {
                        statement.execute(sql);
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO schema_version (version, applied_millis) VALUES (?, ?)")) {
                    insert.setInt(1, applied);
                    insert.setLong(2, System.currentTimeMillis());
                    insert.executeUpdate();
                }
                return null;
            });
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            result.next();
            return result.getInt(1);
        }
    }

    /** The scripts {@code V1.sql}, {@code V2.sql}, ... in order, up to the first missing number. */
    static List<String> availableMigrations() {
        List<String> scripts = new ArrayList<>();
        for (int version = 1; ; version++) {
            try (InputStream script = Database.class.getResourceAsStream(MIGRATIONS + version + ".sql")) {
                if (script == null) {
                    return List.copyOf(scripts);
                }
                scripts.add(new String(script.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException exception) {
                throw new UncheckedIOException("cannot read migration V" + version + ".sql", exception);
            }
        }
    }

    /** A script's statements: separated by a {@code ;} at the end of a line; {@code --} comment lines dropped. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            statements.add(current.toString().strip());
        }
        return List.copyOf(statements);
    }

    private LoupeException failure(SQLException exception) {
        if (exception.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
            return new LoupeException(ErrorCode.STORE_IN_USE, "the database " + file
                    + " is in use by another Loupe process; use its API (--server URL) instead", exception);
        }
        if (exception.getSQLState() != null && exception.getSQLState().startsWith("23")) {
            return new LoupeException(ErrorCode.INVALID_INPUT, "the change conflicts with existing data: "
                    + exception.getMessage().lines().findFirst().orElse(""), exception);
        }
        return new LoupeException(ErrorCode.STORAGE_FAILURE, "database " + file + " failed: " + exception.getMessage(),
                exception);
    }
}
