package dev.loupe.server.persistence;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.store.spi.state.SharedStateStore;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
 *
 * <p><b>Shared state.</b> Opened with a {@link SharedStateStore} ({@link #open(Path, SharedStateStore)}), the
 * database is one server's copy of the state the servers of a deployment share ({@link SharedTables}: users, access
 * keys, HTTP sources, field extraction rules, the library; not sessions). Every {@link #read} and {@link #write}
 * first compares the copy's version with the store's (one cheap request) and, when another server changed it, loads
 * the store's document into the shared tables. A {@link #write} then runs its work, and before committing replaces
 * the store's document with the shared tables' new contents, on the condition that nobody replaced it since the copy
 * was loaded; when somebody did, the transaction is rolled back, the copy reloaded and the work run again (up to
 * {@value #SHARED_WRITE_ATTEMPTS} times). A write that changes no shared row does not touch the store. When the store
 * cannot be reached, reads and writes fail ({@code OVERLOADED}) rather than use a stale copy.
 */
public final class Database implements AutoCloseable {
    /** The database file name H2 derives from the JDBC URL ({@code loupe} plus H2's {@code .mv.db}). */
    public static final String FILE_NAME = "loupe.mv.db";
    private static final String MIGRATIONS = "migrations/V";
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private static final int SHARED_WRITE_ATTEMPTS = 20;

    private final JdbcConnectionPool pool;
    private final Path file;
    private final ReentrantLock writer = new ReentrantLock();
    private final SharedStateStore sharedState;
    private final SharedTables sharedTables = new SharedTables();
    private final List<Runnable> sharedStateListeners = new CopyOnWriteArrayList<>();
    /** Whether the shared tables follow the shared state store: from the end of the migrations on. */
    private volatile boolean sharing;
    /** The store's version the shared tables hold (empty: none loaded or written yet); guarded by {@link #writer}. */
    private volatile Optional<SharedStateStore.Version> sharedVersion = Optional.empty();
    /** The shared document the tables hold at {@link #sharedVersion}; guarded by {@link #writer}. */
    private byte[] sharedDocument;

    /** A unit of work on a connection; may throw {@link SQLException}, which the database wraps. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Database(JdbcConnectionPool pool, Path file, SharedStateStore sharedState) {
        this.pool = pool;
        this.file = file;
        this.sharedState = sharedState;
    }

    /**
     * Opens (creating on first use) the database of a data folder and brings its schema up to date.
     *
     * @throws LoupeException {@code STORE_IN_USE} when another process has it open, {@code CORRUPT_DATA} when the
     *     file is damaged or newer than this build, {@code STORAGE_FAILURE} on I/O errors
     */
    public static Database open(Path dataDirectory) {
        return openDatabase(dataDirectory, null);
    }

    /**
     * Opens the database of a data folder as the copy of a deployment's shared state (see the class doc), and
     * loads the store's document when there is one. The database owns {@code sharedState} and closes it with itself.
     *
     * @throws LoupeException as {@link #open(Path)}; {@code OVERLOADED} or {@code STORAGE_FAILURE} when the shared
     *     state cannot be read, or was written by a server with another schema version
     */
    public static Database open(Path dataDirectory, SharedStateStore sharedState) {
        return openDatabase(dataDirectory, requireNonNull(sharedState, "sharedState is null"));
    }

    private static Database openDatabase(Path dataDirectory, SharedStateStore sharedState) {
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
        Database database = new Database(pool, directory.resolve(FILE_NAME), sharedState);
        try {
            database.migrate();
            database.sharing = sharedState != null;
            database.synchronize();
        } catch (RuntimeException exception) {
            pool.dispose();
            if (sharedState != null) {
                sharedState.close();
            }
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
        synchronize();
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
        try {
            for (int attempt = 1; ; attempt++) {
                synchronize();
                try (Connection connection = pool.getConnection()) {
                    connection.setAutoCommit(false);
                    T result;
                    Optional<SharedStateStore.Version> loaded = sharedVersion;
                    try {
                        result = work.run(connection);
                        if (!publish(connection)) {
                            connection.rollback();
                            if (attempt == SHARED_WRITE_ATTEMPTS) {
                                throw new LoupeException(ErrorCode.OVERLOADED, "the shared state kept changing under this write ("
                                        + attempt + " attempts)");
                            }
                            continue;
                        }
                        connection.commit();
                    } catch (SQLException | RuntimeException exception) {
                        connection.rollback();
                        if (!sharedVersion.equals(loaded)) {
                            // Published, but not committed here: forget the version so that the next use reloads.
                            sharedVersion = Optional.empty();
                            sharedDocument = null;
                        }
                        throw exception;
                    }
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CHECKPOINT SYNC");
                    }
                    return result;
                }
            }
        } catch (SQLException exception) {
            throw failure(exception);
        } finally {
            writer.unlock();
        }
    }

    /** Whether this database is a copy of a deployment's shared state ({@link #open(Path, SharedStateStore)}). */
    public boolean isShared() {
        return sharedState != null;
    }

    /**
     * Runs {@code listener} after each load of another server's change into the shared tables (on the thread that
     * noticed it, after the load committed), e.g. to refresh what a component keeps in memory.
     */
    public void onSharedStateLoaded(Runnable listener) {
        sharedStateListeners.add(requireNonNull(listener, "listener is null"));
    }

    /**
     * Replaces the shared document with the shared tables as the transaction sees them, unless they did not change;
     * false when another server replaced it first. Caller holds {@link #writer}.
     */
    private boolean publish(Connection connection) throws SQLException {
        if (!sharing) {
            return true;
        }
        byte[] document = sharedTables.dump(connection, currentVersion(connection));
        if (sharedDocument != null && Arrays.equals(document, sharedDocument)) {
            return true;
        }
        Optional<SharedStateStore.Version> written = sharedState.replace(sharedVersion, document);
        if (written.isEmpty()) {
            return false;
        }
        sharedVersion = written;
        sharedDocument = document;
        return true;
    }

    /** Loads the shared state store's document into the shared tables when another server changed it. */
    private void synchronize() {
        if (!sharing || sharedState.currentVersion().equals(sharedVersion)) {
            return;
        }
        boolean loaded;
        writer.lock();
        try (Connection connection = pool.getConnection()) {
            Optional<SharedStateStore.Versioned> stored = sharedState.load();
            if (stored.isEmpty() || stored.get().version().equals(sharedVersion.orElse(null))) {
                return;
            }
            connection.setAutoCommit(false);
            try {
                sharedTables.apply(connection, stored.get().document(), currentVersion(connection));
                // The document as this server would dump it, so that an unchanged write is recognised.
                byte[] normalized = sharedTables.dump(connection, currentVersion(connection));
                connection.commit();
                sharedVersion = Optional.of(stored.get().version());
                sharedDocument = normalized;
                loaded = true;
            } catch (SQLException | RuntimeException exception) {
                connection.rollback();
                throw exception;
            }
        } catch (SQLException exception) {
            throw failure(exception);
        } finally {
            writer.unlock();
        }
        if (loaded) {
            sharedStateListeners.forEach(Runnable::run);
        }
    }

    /** Closes every connection and the database file. Idempotent. */
    @Override
    public void close() {
        pool.dispose();
        if (sharedState != null) {
            sharedState.close();
        }
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
