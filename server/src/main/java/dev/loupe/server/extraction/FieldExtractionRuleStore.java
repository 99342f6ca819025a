package dev.loupe.server.extraction;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.ingest.extraction.FieldExtractionRule;
import dev.loupe.ingest.extraction.FieldExtractor;
import dev.loupe.server.ApiException;
import dev.loupe.server.persistence.Database;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The field extraction rules of a data folder: rows of {@code field_extraction_rules} (migrations V4 and V5), the
 * enabled ones kept compiled in a {@link FieldExtractor} that the server's log appends run, in order of creation.
 * Rule names are unique ignoring case. A change is in force for the next append; messages stored before are not
 * changed (as in Sumo). Thread-safe (changes synchronized; the extractor swaps its rules atomically).
 */
public final class FieldExtractionRuleStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, name, scope, parse_expression, enabled, created_millis, created_by, "
            + "modified_millis, modified_by";

    private final Database database;
    private final Clock clock;
    private final FieldExtractor extractor = new FieldExtractor();

    /**
     * A stored rule.
     *
     * @param id a positive number, unique, never reused by this store
     * @param createdBy the user id that created it, or null for rules an app install put in
     * @param modifiedBy the user id that changed it last, or null as {@code createdBy}
     */
    public record StoredRule(long id, FieldExtractionRule rule, boolean enabled, long createdMillis, String createdBy,
            long modifiedMillis, String modifiedBy) {
        public StoredRule {
            requireNonNull(rule, "rule is null");
        }

        /** The id as the API writes it: 16 upper-case hex digits. */
        public String hexId() {
            return hexId(id);
        }

        /** {@code id} as 16 upper-case hex digits. */
        public static String hexId(long id) {
            return String.format(Locale.ROOT, "%016X", id);
        }
    }

    /**
     * Loads the stored rules.
     *
     * @throws LoupeException when a stored enabled rule no longer compiles (naming it)
     */
    public FieldExtractionRuleStore(Database database, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
        reload();
        database.onSharedStateLoaded(this::reload);
    }

    /** The compiled rules in force. */
    public FieldExtractor extractor() {
        return extractor;
    }

    /** The rules in force (the enabled ones), in order of creation. */
    public List<FieldExtractionRule> list() {
        return extractor.rules();
    }

    /** Every stored rule, enabled or not, in order of creation. */
    public List<StoredRule> all() {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM field_extraction_rules ORDER BY created_millis, id");
                    ResultSet rows = select.executeQuery()) {
                List<StoredRule> rules = new ArrayList<>();
                while (rows.next()) {
                    rules.add(storedRule(rows));
                }
                return rules;
            }
        });
    }

    /** The rule with {@code id}, or empty. */
    public Optional<StoredRule> find(long id) {
        return database.read(connection -> find(connection, id));
    }

    /**
     * Puts {@code rule} in force for an app install: replaces the scope and parse expression of the rule of the same
     * name (which keeps its id and place, and is enabled again) or adds it.
     *
     * @throws LoupeException when the rule does not compile (nothing is stored)
     */
    public synchronized void save(FieldExtractionRule rule) {
        FieldExtractor.validate(rule);
        long now = clock.millis();
        database.write(connection -> {
            Optional<StoredRule> existing = findByName(connection, rule.name(), null);
            if (existing.isPresent()) {
                update(connection, existing.get().id(), rule, true, now, null);
            } else {
                insert(connection, rule, true, now, null);
            }
            return null;
        });
        reload();
    }

    /**
     * Adds a rule.
     *
     * @param userId who creates it
     * @throws ApiException 400 {@code fer:invalid_extraction_rule} when it does not compile, 400
     *     {@code fer:duplicate_name} when another rule has its name (ignoring case)
     */
    public synchronized StoredRule create(FieldExtractionRule rule, boolean enabled, String userId) {
        compile(rule);
        long now = clock.millis();
        StoredRule created = database.write(connection -> {
            requireUniqueName(connection, rule.name(), null);
            return find(connection, insert(connection, rule, enabled, now, userId)).orElseThrow();
        });
        reload();
        return created;
    }

    /**
     * Replaces the name, scope, parse expression and state of the rule {@code id}; it keeps its id and place.
     *
     * @return the rule as stored now, or empty when there is no rule {@code id}
     * @throws ApiException as {@link #create}
     */
    public synchronized Optional<StoredRule> update(long id, FieldExtractionRule rule, boolean enabled, String userId) {
        compile(rule);
        long now = clock.millis();
        Optional<StoredRule> updated = database.write(connection -> {
            if (find(connection, id).isEmpty()) {
                return Optional.<StoredRule>empty();
            }
            requireUniqueName(connection, rule.name(), id);
            update(connection, id, rule, enabled, now, userId);
            return find(connection, id);
        });
        reload();
        return updated;
    }

    /** Deletes the rule {@code id}; false when there is none. */
    public synchronized boolean delete(long id) {
        boolean deleted = database.write(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM field_extraction_rules WHERE id = ?")) {
                delete.setLong(1, id);
                return delete.executeUpdate() == 1;
            }
        });
        reload();
        return deleted;
    }

    /** The names of the fields {@code rule} keeps; see {@link FieldExtractor#validate}. */
    public static List<String> fieldNames(FieldExtractionRule rule) {
        return FieldExtractor.validate(rule);
    }

    private static void compile(FieldExtractionRule rule) {
        try {
            FieldExtractor.validate(rule);
        } catch (LoupeException invalid) {
            throw new ApiException(ErrorCode.INVALID_INPUT, 400, "fer:invalid_extraction_rule", invalid.getMessage());
        }
    }

    private static void requireUniqueName(Connection connection, String name, Long exceptId) throws SQLException {
        if (findByName(connection, name, exceptId).isPresent()) {
            throw new ApiException(ErrorCode.INVALID_INPUT, 400, "fer:duplicate_name",
                    "a field extraction rule named '" + name + "' already exists");
        }
    }

    private static long insert(Connection connection, FieldExtractionRule rule, boolean enabled, long now, String userId)
            throws SQLException {
        long id = RANDOM.nextLong() >>> 1;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO field_extraction_rules (name, scope, "
                + "parse_expression, enabled, modified_millis, modified_by, id, created_millis, created_by) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(insert, rule, enabled, now, userId, id);
            insert.setLong(8, now);
            setNullable(insert, 9, userId);
            insert.executeUpdate();
        }
        return id;
    }

    private static void update(Connection connection, long id, FieldExtractionRule rule, boolean enabled, long now,
            String userId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE field_extraction_rules SET name = ?, "
                + "scope = ?, parse_expression = ?, enabled = ?, modified_millis = ?, modified_by = ? WHERE id = ?")) {
            bind(update, rule, enabled, now, userId, id);
            update.executeUpdate();
        }
    }

    /* Parameters 1 to 7 of both the insert and the update: the rule, its state, the change, the id. */
    private static void bind(PreparedStatement statement, FieldExtractionRule rule, boolean enabled, long now,
            String userId, long id) throws SQLException {
        statement.setString(1, rule.name());
        statement.setString(2, rule.scope());
        statement.setString(3, rule.parseExpression());
        statement.setBoolean(4, enabled);
        statement.setLong(5, now);
        setNullable(statement, 6, userId);
        statement.setLong(7, id);
    }

    private static Optional<StoredRule> find(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM field_extraction_rules WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(storedRule(rows)) : Optional.empty();
            }
        }
    }

    private static Optional<StoredRule> findByName(Connection connection, String name, Long exceptId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM field_extraction_rules WHERE LOWER(name) = ? AND id <> ?")) {
            select.setString(1, name.toLowerCase(Locale.ROOT));
            select.setLong(2, exceptId == null ? -1 : exceptId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(storedRule(rows)) : Optional.empty();
            }
        }
    }

    private static StoredRule storedRule(ResultSet rows) throws SQLException {
        return new StoredRule(rows.getLong(1), new FieldExtractionRule(rows.getString(2), rows.getString(3),
                rows.getString(4)), rows.getBoolean(5), rows.getLong(6), rows.getString(7), rows.getLong(8),
                rows.getString(9));
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private void reload() {
        extractor.replaceRules(all().stream().filter(StoredRule::enabled).map(StoredRule::rule).toList());
    }
}
