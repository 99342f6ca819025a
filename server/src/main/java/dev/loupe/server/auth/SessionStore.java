package dev.loupe.server.auth;

import static java.util.Objects.requireNonNull;

import dev.loupe.server.persistence.Database;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * UI sign-in sessions, in the {@link Database} table {@code sessions}, so they survive a restart. A session is
 * a 256-bit random token (the {@code LOUPE_SESSION} cookie; only its SHA-256 is stored) and a CSRF token the
 * UI must echo in {@code X-Loupe-Csrf} on unsafe requests. Sessions expire {@link #LIFETIME} after sign-in.
 * Thread-safe.
 */
public final class SessionStore {
    /** How long a sign-in lasts. */
    public static final Duration LIFETIME = Duration.ofHours(12);

    private final Database database;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** A new session: the only time its token exists in plaintext. */
    public record NewSession(String token, String csrfToken, User user, long expiresMillis) {
        public NewSession {
            requireNonNull(token, "token is null");
            requireNonNull(csrfToken, "csrfToken is null");
            requireNonNull(user, "user is null");
        }

        @Override
        public String toString() {
            return "NewSession[user=" + user.name() + ", expiresMillis=" + expiresMillis + "]";
        }
    }

    /** A live session found by its token. */
    public record ActiveSession(User user, String csrfToken) {
        public ActiveSession {
            requireNonNull(user, "user is null");
            requireNonNull(csrfToken, "csrfToken is null");
        }
    }

    public SessionStore(Database database, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Starts a session for a signed-in user (and forgets expired ones). */
    public NewSession create(User user) {
        requireNonNull(user, "user is null");
        String token = randomToken(32);
        String csrfToken = randomToken(24);
        long now = clock.millis();
        long expires = now + LIFETIME.toMillis();
        database.write(connection -> {
            try (PreparedStatement purge = connection.prepareStatement("DELETE FROM sessions WHERE expires_millis <= ?")) {
                purge.setLong(1, now);
                purge.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sessions "
                    + "(token_hash, user_id, csrf_token, created_millis, expires_millis) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, SecretHasher.sha256Hex(token));
                insert.setString(2, user.id());
                insert.setString(3, csrfToken);
                insert.setLong(4, now);
                insert.setLong(5, expires);
                return insert.executeUpdate();
            }
        });
        return new NewSession(token, csrfToken, user, expires);
    }

    /** The live session of a token, or empty for an unknown, expired or null token. */
    public Optional<ActiveSession> find(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        long now = clock.millis();
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT users.id, users.name, users.email, "
                    + "users.role, users.created_millis, sessions.csrf_token FROM sessions JOIN users "
                    + "ON users.id = sessions.user_id WHERE sessions.token_hash = ? AND sessions.expires_millis > ?")) {
                select.setString(1, SecretHasher.sha256Hex(token));
                select.setLong(2, now);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    User user = new User(rows.getString(1), rows.getString(2), rows.getString(3),
                            Role.valueOf(rows.getString(4)), rows.getLong(5));
                    return Optional.of(new ActiveSession(user, rows.getString(6)));
                }
            }
        });
    }

    /** Ends a session; a no-op for an unknown token. */
    public void delete(String token) {
        if (token == null || token.isEmpty()) {
            return;
        }
        database.write(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sessions WHERE token_hash = ?")) {
                delete.setString(1, SecretHasher.sha256Hex(token));
                return delete.executeUpdate();
            }
        });
    }

    private String randomToken(int bytes) {
        byte[] token = new byte[bytes];
        random.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }
}
