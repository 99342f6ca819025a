package dev.loupe.server.receiver;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.ingest.SumoFieldsHeader;
import dev.loupe.server.persistence.Database;
import dev.loupe.server.persistence.LegacyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The HTTP sources and their tokens, in the {@link Database} table {@code http_sources}, with every source also
 * held in memory for the receivers' token lookups. Thread-safe.
 *
 * <p>{@link #open} imports a legacy {@code http-sources.json} once (tokens unchanged, so existing URLs keep
 * working; the file is renamed {@code http-sources.json.migrated}), and creates a source named
 * {@value #DEFAULT_SOURCE_NAME} when there is none, so a fresh server can receive data at once. Tokens are 32
 * random bytes from {@link SecureRandom}, URL-safe base64 (43 characters), compared in constant time.
 */
public final class HttpSourceRegistry {
    /** The name of the source created on first start. */
    public static final String DEFAULT_SOURCE_NAME = "default";
    /** The category of the source created on first start. */
    public static final String DEFAULT_SOURCE_CATEGORY = "http/default";
    private static final String LEGACY_FILE = "http-sources.json";
    private static final String COLUMNS =
            "id, name, category, token, host, fields, time_zone, timestamp_format, created_millis";

    private final Database database;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** How often at most an unknown token makes a shared registry read the database again. */
    private static final long MISS_REFRESH_MILLIS = 1_000;

    private volatile List<HttpSource> sources = List.of();
    private volatile long lastMissRefresh = Long.MIN_VALUE / 2;

    /** A legacy {@code http-sources.json} entry. */
    record LegacySource(String name, String category, String token, long createdMillis) {}

    /** A legacy {@code http-sources.json} file. */
    record LegacySourceFile(List<LegacySource> sources) {}

    private HttpSourceRegistry(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * The registry of a database, after importing a legacy {@code http-sources.json} from {@code dataDirectory}
     * and creating the default source when there is no source at all.
     *
     * @throws LoupeException {@code CORRUPT_DATA} when the legacy file is not valid, {@code STORAGE_FAILURE}
     */
    public static HttpSourceRegistry open(Database database, Path dataDirectory, Clock clock) {
        HttpSourceRegistry registry = new HttpSourceRegistry(requireNonNull(database, "database is null"),
                requireNonNull(clock, "clock is null"));
        registry.importLegacySources(requireNonNull(dataDirectory, "dataDirectory is null").resolve(LEGACY_FILE));
        registry.reload();
        database.onSharedStateLoaded(registry::reload);
        if (registry.sources.isEmpty()) {
            registry.createSource(HttpSourceSettings.of(DEFAULT_SOURCE_NAME, DEFAULT_SOURCE_CATEGORY));
        }
        return registry;
    }

    /** Creates and stores a source with a fresh token and no other settings. Names need not be unique. */
    public HttpSource createSource(String name, String category) {
        return createSource(HttpSourceSettings.of(name, category));
    }

    /**
     * Creates and stores a source with a fresh token. Names need not be unique.
     *
     * @throws LoupeException {@code INVALID_INPUT} for a blank name, an unknown time zone or an invalid
     *     timestamp format
     */
    public synchronized HttpSource createSource(HttpSourceSettings settings) {
        requireNonNull(settings, "settings is null");
        validate(settings);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        byte[] id = new byte[8];
        random.nextBytes(id);
        HttpSource source = new HttpSource(HexFormat.of().withUpperCase().formatHex(id), settings.name().trim(),
                settings.category().trim(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
                blankToNull(settings.host()), settings.fields(), blankToNull(settings.timeZone()),
                blankToNull(settings.timestampFormat()), clock.millis());
        database.write(connection -> insert(connection, source));
        reload();
        return source;
    }

    /** Deletes a source: its URL stops working at once. False when there is no such source. */
    public synchronized boolean deleteSource(String id) {
        boolean deleted = database.write(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM http_sources WHERE id = ?")) {
                delete.setString(1, id);
                return delete.executeUpdate() == 1;
            }
        });
        reload();
        return deleted;
    }

    /** All sources, oldest first. */
    public List<HttpSource> list() {
        return sources;
    }

    /** The source with this id. */
    public Optional<HttpSource> findById(String id) {
        return sources.stream().filter(source -> source.id().equals(id)).findFirst();
    }

    /**
     * The source a token belongs to. Compares against every source in constant time per source, so the time
     * taken does not reveal how much of a token was right.
     */
    public Optional<HttpSource> findByToken(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Optional<HttpSource> found = match(token);
        if (found.isEmpty() && database.isShared() && clock.millis() - lastMissRefresh >= MISS_REFRESH_MILLIS) {
            // A source created through another server of a shared deployment: reading the database loads it.
            lastMissRefresh = clock.millis();
            reload();
            found = match(token);
        }
        return found;
    }

    private Optional<HttpSource> match(String token) {
        byte[] candidate = token.getBytes(StandardCharsets.UTF_8);
        HttpSource found = null;
        for (HttpSource source : sources) {
            if (MessageDigest.isEqual(source.token().getBytes(StandardCharsets.UTF_8), candidate)) {
                found = source;
            }
        }
        return Optional.ofNullable(found);
    }

    private static void validate(HttpSourceSettings settings) {
        if (settings.name().isBlank()) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "an HTTP source needs a name");
        }
        if (settings.timeZone() != null && !settings.timeZone().isBlank()) {
            try {
                ZoneId.of(settings.timeZone().trim());
            } catch (DateTimeException exception) {
                throw new LoupeException(ErrorCode.INVALID_INPUT, "unknown time zone '" + settings.timeZone()
                        + "': use an IANA id such as Europe/Berlin or an offset such as +02:00", exception);
            }
        }
        if (settings.timestampFormat() != null && !settings.timestampFormat().isBlank()) {
            try {
                DateTimeFormatter.ofPattern(settings.timestampFormat().trim());
            } catch (IllegalArgumentException exception) {
                throw new LoupeException(ErrorCode.INVALID_INPUT, "invalid timestamp format '"
                        + settings.timestampFormat() + "': " + exception.getMessage(), exception);
            }
        }
    }

    private void reload() {
        sources = database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM http_sources ORDER BY created_millis, id");
                    ResultSet rows = select.executeQuery()) {
                List<HttpSource> loaded = new ArrayList<>();
                while (rows.next()) {
                    loaded.add(new HttpSource(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), parseFields(rows.getString(6)), rows.getString(7),
                            rows.getString(8), rows.getLong(9)));
                }
                return List.copyOf(loaded);
            }
        });
    }

    private static Map<String, String> parseFields(String stored) {
        return stored == null || stored.isEmpty() ? Map.of() : SumoFieldsHeader.parse(stored);
    }

    private static String formatFields(Map<String, String> fields) {
        StringJoiner joined = new StringJoiner(",");
        fields.forEach((key, value) -> joined.add(key + "=" + value));
        return joined.toString();
    }

    private static int insert(Connection connection, HttpSource source) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO http_sources (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, source.id());
            insert.setString(2, source.name());
            insert.setString(3, source.category());
            insert.setString(4, source.token());
            insert.setString(5, source.host());
            insert.setString(6, source.fields().isEmpty() ? null : formatFields(source.fields()));
            insert.setString(7, source.timeZone());
            insert.setString(8, source.timestampFormat());
            insert.setLong(9, source.createdMillis());
            return insert.executeUpdate();
        }
    }

    private void importLegacySources(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        LegacySourceFile legacy;
        try {
            legacy = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(file.toFile(), LegacySourceFile.class);
        } catch (IOException exception) {
            throw new LoupeException(ErrorCode.CORRUPT_DATA, "cannot read HTTP sources from " + file + ": "
                    + exception.getMessage(), exception);
        }
        List<LegacySource> imported = legacy.sources() == null ? List.of() : legacy.sources();
        database.write(connection -> {
            for (LegacySource source : imported) {
                if (tokenExists(connection, source.token())) {
                    continue;
                }
                byte[] id = new byte[8];
                random.nextBytes(id);
                insert(connection, new HttpSource(HexFormat.of().withUpperCase().formatHex(id), source.name(),
                        source.category(), source.token(), null, Map.of(), null, null, source.createdMillis()));
            }
            return null;
        });
        LegacyFiles.markImported(file);
    }

    private static boolean tokenExists(Connection connection, String token) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM http_sources WHERE token = ?")) {
            select.setString(1, token);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
