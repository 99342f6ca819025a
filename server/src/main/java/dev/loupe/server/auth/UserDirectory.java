package dev.loupe.server.auth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.server.persistence.Database;
import dev.loupe.server.persistence.LegacyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users of a Loupe server and their access keys, in the {@link Database} (tables {@code users} and
 * {@code access_keys}). Thread-safe. Passwords and keys are stored only as hashes ({@link SecretHasher}); the
 * plaintext of a key exists only in the {@link CreatedAccessKey} that {@link #createKey} returns.
 *
 * <p>{@link #open} imports a legacy {@code access-keys.json} (PBKDF2 hashes, which stay valid) into the
 * database once, binding its keys to an administrator named {@value #FIRST_ADMINISTRATOR}, and renames the file
 * to {@code access-keys.json.migrated}.
 */
/*
 * Design note: bcrypt at cost 10 costs tens of milliseconds, too slow to run on every API call (a client polling
 * a search job makes several calls per second). After a successful verification we remember, for CACHE_TTL, a
 * SHA-256 of "id:key" salted with a per-process random salt; a later request with the same credentials costs one
 * database read (the key must still exist, the user's role is read fresh), one SHA-256 and a constant-time
 * compare. Only successes are cached, so a wrong key always pays the full bcrypt price, and an unknown id
 * verifies against a dummy hash so its timing matches a known id. The cache never holds the plaintext, and
 * deleting a key drops its entry.
 */
public final class UserDirectory {
    /** The name of the administrator created on first start (or to own imported keys). */
    public static final String FIRST_ADMINISTRATOR = "admin";
    static final Duration CACHE_TTL = Duration.ofMinutes(5);
    private static final String LEGACY_FILE = "access-keys.json";
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String USER_COLUMNS = "users.id, users.name, users.email, users.role, users.created_millis";

    private final Database database;
    private final Clock clock;
    private final SecretHasher hasher;
    private final SecureRandom random = new SecureRandom();
    private final byte[] cacheSalt = new byte[16];
    private final Map<String, CachedCredential> verified = new ConcurrentHashMap<>();

    private record CachedCredential(byte[] digest, long expiresMillis) {}

    /** The first administrator with its freshly made secrets: print them once. */
    public record FirstAdministrator(User user, String password, CreatedAccessKey key) {
        public FirstAdministrator {
            requireNonNull(user, "user is null");
            requireNonNull(password, "password is null");
            requireNonNull(key, "key is null");
        }

        @Override
        public String toString() {
            return "FirstAdministrator[user=" + user.name() + ", accessId=" + key.accessId() + "]";
        }
    }

    /** A legacy {@code access-keys.json} entry. */
    record LegacyKey(String accessId, String label, String salt, String hash, int iterations, long createdMillis) {}

    /** A legacy {@code access-keys.json} file. */
    record LegacyKeyFile(List<LegacyKey> keys) {}

    private UserDirectory(Database database, Clock clock, SecretHasher hasher) {
        this.database = database;
        this.clock = clock;
        this.hasher = hasher;
        random.nextBytes(cacheSalt);
    }

    /**
     * The user directory of a database, after importing a legacy {@code access-keys.json} from
     * {@code dataDirectory} when there is one.
     *
     * @throws LoupeException {@code CORRUPT_DATA} when the legacy file is unreadable, {@code STORAGE_FAILURE}
     */
    public static UserDirectory open(Database database, Path dataDirectory, Clock clock, SecretHasher hasher) {
        UserDirectory directory = new UserDirectory(requireNonNull(database, "database is null"),
                requireNonNull(clock, "clock is null"), requireNonNull(hasher, "hasher is null"));
        directory.importLegacyKeys(requireNonNull(dataDirectory, "dataDirectory is null").resolve(LEGACY_FILE));
        return directory;
    }

    /**
     * On a database without users, creates the administrator {@value #FIRST_ADMINISTRATOR} with a random
     * password and one access key, and returns them (the only time they exist in plaintext); otherwise empty.
     */
    public synchronized Optional<FirstAdministrator> createFirstAdministrator() {
        if (!users().isEmpty()) {
            return Optional.empty();
        }
        String password = randomSecret(18);
        User user = createUser(FIRST_ADMINISTRATOR, null, Role.ADMINISTRATOR, password);
        return Optional.of(new FirstAdministrator(user, password, createKey(user.id(), "administrator")));
    }

    /**
     * Creates a user.
     *
     * @param password the sign-in password, or null for a user who only uses access keys
     * @throws LoupeException {@code INVALID_INPUT} for a blank or taken name
     */
    public synchronized User createUser(String name, String email, Role role, String password) {
        requireNonNull(role, "role is null");
        String trimmed = requireName(name);
        if (findByName(trimmed).isPresent()) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "a user named '" + trimmed + "' already exists");
        }
        User user = new User(newUserId(), trimmed, email == null || email.isBlank() ? null : email.trim(), role,
                clock.millis());
        String passwordHash = password == null ? null : hasher.hash(password);
        database.write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO users "
                    + "(id, name, email, role, password_hash, created_millis) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, user.id());
                insert.setString(2, user.name());
                insert.setString(3, user.email());
                insert.setString(4, user.role().name());
                insert.setString(5, passwordHash);
                insert.setLong(6, user.createdMillis());
                return insert.executeUpdate();
            }
        });
        return user;
    }

    /** Every user, oldest first. */
    public List<User> users() {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + USER_COLUMNS + " FROM users ORDER BY created_millis, name")) {
                return readUsers(select);
            }
        });
    }

    /** The user with this id. */
    public Optional<User> findById(String id) {
        return findOne("SELECT " + USER_COLUMNS + " FROM users WHERE id = ?", id);
    }

    /** The user with this name (exact). */
    public Optional<User> findByName(String name) {
        return findOne("SELECT " + USER_COLUMNS + " FROM users WHERE name = ?", name);
    }

    /** Sets (or, with null, removes) a user's sign-in password; false when there is no such user. */
    public boolean setPassword(String userId, String password) {
        String passwordHash = password == null ? null : hasher.hash(password);
        return database.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE users SET password_hash = ? WHERE id = ?")) {
                update.setString(1, passwordHash);
                update.setString(2, userId);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Deletes a user with their keys and sessions; false when there is no such user. */
    public boolean deleteUser(String userId) {
        verified.clear();
        return database.write(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM users WHERE id = ?")) {
                delete.setString(1, userId);
                return delete.executeUpdate() == 1;
            }
        });
    }

    /**
     * Creates and stores a new access key for a user; the returned plaintext key is not retrievable later.
     *
     * @throws LoupeException {@code NOT_FOUND} when there is no such user
     */
    public CreatedAccessKey createKey(String userId, String label) {
        requireNonNull(label, "label is null");
        if (findById(userId).isEmpty()) {
            throw new LoupeException(ErrorCode.NOT_FOUND, "there is no user with id '" + userId + "'");
        }
        String accessId = "su" + randomId(12);
        String accessKey = randomSecret(48);
        String keyHash = hasher.hash(accessKey);
        long created = clock.millis();
        database.write(connection -> insertKey(connection, accessId, userId, label, keyHash, created));
        return new CreatedAccessKey(accessId, accessKey, label);
    }

    /** The keys of one user, or of everyone when {@code userId} is null; without secrets, oldest first. */
    public List<AccessKeyInfo> keys(String userId) {
        return database.read(connection -> {
            String sql = "SELECT id, user_id, label, created_millis FROM access_keys"
                    + (userId == null ? "" : " WHERE user_id = ?") + " ORDER BY created_millis, id";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                if (userId != null) {
                    select.setString(1, userId);
                }
                List<AccessKeyInfo> keys = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        keys.add(new AccessKeyInfo(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getLong(4)));
                    }
                }
                return List.copyOf(keys);
            }
        });
    }

    /** One key, without its secret. */
    public Optional<AccessKeyInfo> key(String accessId) {
        return keys(null).stream().filter(key -> key.accessId().equals(accessId)).findFirst();
    }

    /** Deletes a key; false when there is no such key. */
    public boolean deleteKey(String accessId) {
        verified.remove(accessId);
        return database.write(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM access_keys WHERE id = ?")) {
                delete.setString(1, accessId);
                return delete.executeUpdate() == 1;
            }
        });
    }

    /** The user an access id and key belong to, or empty. Never throws for bad input; null is empty. */
    public Optional<User> verifyKey(String accessId, String accessKey) {
        if (accessId == null || accessKey == null) {
            return Optional.empty();
        }
        Optional<KeyOwner> owner = database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + USER_COLUMNS
                    + ", access_keys.key_hash FROM access_keys JOIN users ON users.id = access_keys.user_id "
                    + "WHERE access_keys.id = ?")) {
                select.setString(1, accessId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new KeyOwner(user(rows), rows.getString(6))) : Optional.empty();
                }
            }
        });
        byte[] digest = cacheDigest(accessId, accessKey);
        long now = clock.millis();
        CachedCredential cached = verified.get(accessId);
        if (owner.isPresent() && cached != null && cached.expiresMillis() > now
                && MessageDigest.isEqual(cached.digest(), digest)) {
            return Optional.of(owner.get().user());
        }
        if (!hasher.verify(accessKey, owner.map(KeyOwner::keyHash).orElse(null)) || owner.isEmpty()) {
            return Optional.empty();
        }
        verified.put(accessId, new CachedCredential(digest, now + CACHE_TTL.toMillis()));
        return Optional.of(owner.get().user());
    }

    /** The user a name and password belong to, or empty (also for users without a password). */
    public Optional<User> verifyPassword(String name, String password) {
        if (name == null || password == null) {
            return Optional.empty();
        }
        Optional<KeyOwner> owner = database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + USER_COLUMNS + ", users.password_hash FROM users WHERE name = ?")) {
                select.setString(1, name.trim());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new KeyOwner(user(rows), rows.getString(6))) : Optional.empty();
                }
            }
        });
        String storedHash = owner.map(KeyOwner::keyHash).orElse(null);
        return hasher.verify(password, storedHash) && owner.isPresent() ? owner.map(KeyOwner::user) : Optional.empty();
    }

    private record KeyOwner(User user, String keyHash) {}

    private Optional<User> findOne(String sql, String value) {
        if (value == null) {
            return Optional.empty();
        }
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, value);
                List<User> users = readUsers(select);
                return users.isEmpty() ? Optional.empty() : Optional.of(users.getFirst());
            }
        });
    }

    private static List<User> readUsers(PreparedStatement select) throws SQLException {
        List<User> users = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                users.add(user(rows));
            }
        }
        return List.copyOf(users);
    }

    private static User user(ResultSet rows) throws SQLException {
        return new User(rows.getString(1), rows.getString(2), rows.getString(3), Role.valueOf(rows.getString(4)),
                rows.getLong(5));
    }

    private static int insertKey(Connection connection, String accessId, String userId, String label, String keyHash,
            long createdMillis) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO access_keys "
                + "(id, user_id, label, key_hash, created_millis) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, accessId);
            insert.setString(2, userId);
            insert.setString(3, label);
            insert.setString(4, keyHash);
            insert.setLong(5, createdMillis);
            return insert.executeUpdate();
        }
    }

    private void importLegacyKeys(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        LegacyKeyFile legacy;
        try {
            legacy = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(file.toFile(), LegacyKeyFile.class);
        } catch (IOException exception) {
            throw new LoupeException(ErrorCode.CORRUPT_DATA, "cannot read access keys from " + file + ": "
                    + exception.getMessage(), exception);
        }
        List<LegacyKey> keys = legacy.keys() == null ? List.of() : legacy.keys();
        if (!keys.isEmpty()) {
            User owner = findByName(FIRST_ADMINISTRATOR)
                    .orElseGet(() -> createUser(FIRST_ADMINISTRATOR, null, Role.ADMINISTRATOR, null));
            database.write(connection -> {
                for (LegacyKey key : keys) {
                    if (keyExists(connection, key.accessId())) {
                        continue;
                    }
                    insertKey(connection, key.accessId(), owner.id(), key.label(),
                            SecretHasher.pbkdf2Form(key.iterations(), key.salt(), key.hash()), key.createdMillis());
                }
                return null;
            });
        }
        LegacyFiles.markImported(file);
    }

    private static boolean keyExists(Connection connection, String accessId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM access_keys WHERE id = ?")) {
            select.setString(1, accessId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "a user needs a name");
        }
        String trimmed = name.trim();
        if (trimmed.length() > 200) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "a user name has at most 200 characters");
        }
        return trimmed;
    }

    private String newUserId() {
        byte[] id = new byte[8];
        random.nextBytes(id);
        return HexFormat.of().withUpperCase().formatHex(id);
    }

    private String randomSecret(int bytes) {
        byte[] secret = new byte[bytes];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int index = 0; index < length; index++) {
            id.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
        }
        return id.toString();
    }

    private byte[] cacheDigest(String accessId, String accessKey) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(cacheSalt);
            sha256.update((accessId + ":" + accessKey).getBytes(StandardCharsets.UTF_8));
            return sha256.digest();
        } catch (NoSuchAlgorithmException exception) {
            throw new IllegalStateException("the JDK has no SHA-256", exception);
        }
    }
}
