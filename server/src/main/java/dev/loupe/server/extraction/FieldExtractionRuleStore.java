package dev.loupe.server.extraction;

import static java.util.Objects.requireNonNull;

import dev.loupe.ingest.extraction.FieldExtractionRule;
import dev.loupe.ingest.extraction.FieldExtractor;
import dev.loupe.server.persistence.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The field extraction rules of a data folder: rows of {@code field_extraction_rules} (migration V3), kept
 * compiled in a {@link FieldExtractor} that the server's log appends run. Thread-safe (changes synchronized; the
 * extractor swaps its rules atomically).
 */
public final class FieldExtractionRuleStore {
    private final Database database;
    private final Clock clock;
    private final FieldExtractor extractor = new FieldExtractor();

    /**
     * Loads the stored rules.
     *
     * @throws dev.loupe.core.LoupeException when a stored rule no longer compiles (naming it)
     */
    public FieldExtractionRuleStore(Database database, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
        extractor.replaceRules(load());
    }

    /** The compiled rules in force. */
    public FieldExtractor extractor() {
        return extractor;
    }

    /** The stored rules, in order of creation. */
    public List<FieldExtractionRule> list() {
        return extractor.rules();
    }

    /**
     * Stores {@code rule} (replacing a rule of the same name, which keeps its place) and puts it in force for the
     * next appends. Messages stored before are not changed (as in Sumo).
     *
     * @throws dev.loupe.core.LoupeException when the rule does not compile (nothing is stored)
     */
    public synchronized void save(FieldExtractionRule rule) {
        FieldExtractor.validate(rule);
        database.write(connection -> {
            try (PreparedStatement merge = connection.prepareStatement("MERGE INTO field_extraction_rules "
                    + "(name, scope, parse_expression, created_millis) KEY (name) VALUES (?, ?, ?, "
                    + "COALESCE((SELECT created_millis FROM field_extraction_rules WHERE name = ?), ?))")) {
                merge.setString(1, rule.name());
                merge.setString(2, rule.scope());
                merge.setString(3, rule.parseExpression());
                merge.setString(4, rule.name());
                merge.setLong(5, clock.millis());
                return merge.executeUpdate();
            }
        });
        extractor.replaceRules(load());
    }

    /** Deletes the rule named {@code name}; false when there is none. */
    public synchronized boolean delete(String name) {
        boolean deleted = database.write(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM field_extraction_rules WHERE name = ?")) {
                delete.setString(1, name);
                return delete.executeUpdate() == 1;
            }
        });
        extractor.replaceRules(load());
        return deleted;
    }

    private List<FieldExtractionRule> load() {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT name, scope, parse_expression FROM "
                    + "field_extraction_rules ORDER BY created_millis, name");
                    ResultSet rows = select.executeQuery()) {
                List<FieldExtractionRule> rules = new ArrayList<>();
                while (rows.next()) {
                    rules.add(new FieldExtractionRule(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
                return rules;
            }
        });
    }
}
