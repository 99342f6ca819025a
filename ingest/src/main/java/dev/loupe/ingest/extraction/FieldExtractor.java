package dev.loupe.ingest.extraction;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.LogMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The field extraction rules in force, compiled, and their application to messages before they are stored.
 *
 * <p>Thread-safe: {@link #apply} reads an immutable snapshot of the rules; {@link #replaceRules} compiles a whole
 * new set first and swaps it in only when every rule compiled, so a malformed rule never half-applies.
 * Rules apply in order; a later rule's field overwrites an earlier one's of the same name.
 */
public final class FieldExtractor {
    private volatile List<CompiledRule> rules = List.of();

    /** An extractor with no rules (messages pass unchanged) until {@link #replaceRules} is called. */
    public FieldExtractor() {}

    /** An extractor with {@code rules}; see {@link #replaceRules}. */
    public FieldExtractor(List<FieldExtractionRule> rules) {
        replaceRules(rules);
    }

    /**
     * Checks that {@code rule} compiles; does not change the rules in force.
     *
     * @return the names of the fields the rule keeps, in order (at least one)
     * @throws dev.loupe.core.LoupeException naming the rule and what is wrong (syntax error with its position,
     *     unknown operator, a step that cannot run at ingest such as an aggregate, or no field extracted)
     */
    public static List<String> validate(FieldExtractionRule rule) {
        return CompiledRule.compile(requireNonNull(rule, "rule is null")).fieldNames();
    }

    /**
     * Compiles {@code newRules} and makes them the rules in force.
     *
     * @throws dev.loupe.core.LoupeException as {@link #validate}, for the first rule that does not compile (the
     *     rules in force are then unchanged)
     * @throws IllegalArgumentException when two rules share a name (ignoring case)
     */
    public void replaceRules(List<FieldExtractionRule> newRules) {
        List<CompiledRule> compiled = new ArrayList<>(newRules.size());
        Set<String> names = new HashSet<>();
        for (FieldExtractionRule rule : newRules) {
            if (!names.add(rule.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("two field extraction rules are named " + rule.name());
            }
            compiled.add(CompiledRule.compile(rule));
        }
        rules = List.copyOf(compiled);
    }

    /** The rules in force, in order. */
    public List<FieldExtractionRule> rules() {
        return rules.stream().map(CompiledRule::rule).toList();
    }

    /** {@code message} with the fields of every rule whose scope it is in (itself when none applies). */
    public LogMessage apply(LogMessage message) {
        LogMessage current = message;
        for (CompiledRule rule : rules) {
            current = rule.apply(current);
        }
        return current;
    }

    /** {@link #apply} over a batch; returns {@code messages} itself when there are no rules. */
    public List<LogMessage> apply(List<LogMessage> messages) {
        List<CompiledRule> snapshot = rules;
        if (snapshot.isEmpty()) {
            return messages;
        }
        List<LogMessage> extracted = new ArrayList<>(messages.size());
        for (LogMessage message : messages) {
            LogMessage current = message;
            for (CompiledRule rule : snapshot) {
                current = rule.apply(current);
            }
            extracted.add(current);
        }
        return extracted;
    }
}
