package dev.loupe.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dataDirectory;

    @Test
    void openCreatesTheFileAndAppliesEveryMigration() {
        try (Database database = Database.open(dataDirectory)) {
            assertThat(Files.exists(dataDirectory.resolve(Database.FILE_NAME))).isTrue();
            assertThat(database.schemaVersion()).isEqualTo(Database.availableMigrations().size()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void committedWritesSurviveReopening() {
        try (Database database = Database.open(dataDirectory)) {
            database.write(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO users "
                        + "(id, name, role, created_millis) VALUES ('0000000000000001', 'ann', 'USER', 1)")) {
                    return insert.executeUpdate();
                }
            });
        }
        try (Database database = Database.open(dataDirectory)) {
            assertThat(countUsers(database)).isEqualTo(1);
            assertThat(database.schemaVersion()).isEqualTo(Database.availableMigrations().size());
        }
    }

    @Test
    void aFailingWriteRollsBackEverything() {
        try (Database database = Database.open(dataDirectory)) {
            assertThatThrownBy(() -> database.write(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO users "
                        + "(id, name, role, created_millis) VALUES ('0000000000000001', 'ann', 'USER', 1)")) {
                    insert.executeUpdate();
                }
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(countUsers(database)).isZero();
        }
    }

    @Test
    void aConstraintViolationIsInvalidInput() {
        try (Database database = Database.open(dataDirectory)) {
            assertThatThrownBy(() -> database.write(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO users "
                        + "(id, name, role, created_millis) VALUES ('0000000000000001', 'ann', 'GOD', 1)")) {
                    return insert.executeUpdate();
                }
            })).isInstanceOfSatisfying(LoupeException.class,
                    exception -> assertThat(exception.errorCode()).isEqualTo(ErrorCode.INVALID_INPUT));
        }
    }

    @Test
    void scriptsSplitOnSemicolonsAtLineEnds() {
        assertThat(Database.statements("-- comment\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (\n y INT\n);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE TABLE b (\n y INT\n)");
    }

    private static int countUsers(Database database) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM users");
                    ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }
}
