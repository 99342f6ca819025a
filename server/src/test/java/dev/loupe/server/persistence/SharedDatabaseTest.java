package dev.loupe.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.store.spi.state.SharedStateStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two databases (two servers' folders) as copies of one shared state: a write through one is read through the other,
 * a write that raced another is run again on the fresh copy, sessions are not shared, and a write that changes no
 * shared row does not touch the store.
 */
class SharedDatabaseTest {
    @TempDir
    Path first;
    @TempDir
    Path second;

    /** The reference shared state: one document in memory, versions counted up. */
    private static final class InMemorySharedState implements SharedStateStore {
        private Optional<Versioned> stored = Optional.empty();
        final AtomicInteger replacements = new AtomicInteger();

        @Override
        public synchronized Optional<Version> currentVersion() {
            return stored.map(Versioned::version);
        }

        @Override
        public synchronized Optional<Versioned> load() {
            return stored;
        }

        @Override
        public synchronized Optional<Version> replace(Optional<Version> expected, byte[] document) {
            if (!expected.equals(currentVersion())) {
                return Optional.empty();
            }
            Version next = new Version(stored.map(versioned -> versioned.version().sequenceNumber() + 1).orElse(0L), 1);
            stored = Optional.of(new Versioned(next, document.clone()));
            replacements.incrementAndGet();
            return Optional.of(next);
        }

        @Override
        public void close() {}
    }

    @Test
    void writesThroughOneCopyAreReadThroughTheOther_racesAreRunAgain() {
        InMemorySharedState shared = new InMemorySharedState();
        try (Database one = Database.open(first, shared); Database two = Database.open(second, shared)) {
            insertUser(one, "U1", "alice");
            assertThat(userNames(two)).containsExactly("alice");
            AtomicInteger runs = new AtomicInteger();
            // The work of 'two' races a write through 'one' on its first run: it is rolled back and run again.
            two.write(connection -> {
                if (runs.incrementAndGet() == 1) {
                    Thread racing = Thread.ofPlatform().start(() -> insertUser(one, "U2", "bob"));
                    try {
                        racing.join();
                    } catch (InterruptedException interrupted) {
                        throw new IllegalStateException(interrupted);
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO users (id, name, role, created_millis) VALUES ('U3', 'carol', 'USER', 0)")) {
                    insert.executeUpdate();
                }
                return null;
            });
            assertThat(runs.get()).isEqualTo(2);
            assertThat(userNames(one)).containsExactly("alice", "bob", "carol");
            assertThat(userNames(two)).containsExactly("alice", "bob", "carol");

            int before = shared.replacements.get();
            one.write(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sessions (token_hash, user_id, csrf_token, "
                        + "created_millis, expires_millis) VALUES ('h', 'U1', 'c', 0, 1)")) {
                    insert.executeUpdate();
                }
                return null;
            });
            assertThat(shared.replacements.get()).as("a session is not shared state").isEqualTo(before);
            assertThat(count(two, "sessions")).isZero();
            two.write(connection -> {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM users WHERE id = 'U1'")) {
                    delete.executeUpdate();
                }
                return null;
            });
            assertThat(userNames(one)).containsExactly("bob", "carol");
            assertThat(count(one, "sessions")).as("the deleted user's session went with it").isZero();
        }
    }

    @Test
    void libraryTreesArriveParentsFirst_movedItemsSurviveTheirOldParentsDeletion() {
        InMemorySharedState shared = new InMemorySharedState();
        try (Database one = Database.open(first, shared); Database two = Database.open(second, shared)) {
            one.write(connection -> {
                insertItem(connection, 900, null);
                insertItem(connection, 800, 900L);
                insertItem(connection, 5, 800L);
                return null;
            });
            assertThat(items(two)).isEqualTo("5<800 800<900 900<null");
            one.write(connection -> {
                insertItem(connection, 1000, null);
                try (PreparedStatement move = connection.prepareStatement("UPDATE library_content SET parent_id = 1000 WHERE id = 5");
                        PreparedStatement delete = connection.prepareStatement("DELETE FROM library_content WHERE id = 900")) {
                    move.executeUpdate();
                    delete.executeUpdate();
                }
                return null;
            });
            assertThat(items(two)).isEqualTo("5<1000 1000<null");
        }
    }

    private static void insertItem(java.sql.Connection connection, long id, Long parent) throws java.sql.SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO library_content (id, parent_id, item_type, folder_kind, "
                + "name, description, owner_id, definition, created_at, created_by, modified_at, modified_by) "
                + "VALUES (?, ?, 'Folder', 'ORDINARY', ?, '', 'u', '{}', 0, 'u', 0, 'u')")) {
            insert.setLong(1, id);
            insert.setObject(2, parent);
            insert.setString(3, "item " + id);
            insert.executeUpdate();
        }
    }

    /** Every library item as {@code id<parent}, by id. */
    private static String items(Database database) {
        return database.read(connection -> {
            java.util.List<String> items = new java.util.ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, parent_id FROM library_content ORDER BY id");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    items.add(rows.getLong(1) + "<" + rows.getString(2));
                }
            }
            return String.join(" ", items);
        });
    }

    private static void insertUser(Database database, String id, String name) {
        database.write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO users (id, name, role, created_millis) VALUES (?, ?, 'USER', 0)")) {
                insert.setString(1, id);
                insert.setString(2, name);
                insert.executeUpdate();
            }
            return null;
        });
    }

    private static java.util.List<String> userNames(Database database) {
        return database.read(connection -> {
            java.util.List<String> names = new java.util.ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT name FROM users ORDER BY name");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        });
    }

    private static long count(Database database, String table) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
                    ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
