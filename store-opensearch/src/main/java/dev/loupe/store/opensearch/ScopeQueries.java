package dev.loupe.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.KeywordTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Translates a {@link KeywordExpression} into OpenSearch query DSL over the fields of {@link LogDocuments}.
 *
 * <p>Each expression gets two queries: {@code upper} matches at least every document the expression accepts,
 * {@code lower} at most those. On documents not flagged {@code check} both agree when the translation is {@code
 * exact}; flagged documents (whose index entries were cut or are ambiguous) are always inside {@code upper} and
 * outside {@code lower}. Negation swaps the bounds ({@code NOT x} lies between {@code NOT upper(x)} and {@code NOT
 * lower(x)}), so every combination stays sound. Scans run {@code upper} and check a hit with the reference matcher
 * when the translation is inexact or the hit is flagged.
 *
 * <p>Inexact cases: a {@code ?} wildcard (Lucene's {@code ?} is one code point, the reference's one UTF-16 unit, so
 * it is widened to {@code *}); a phrase with wildcard terms (its runs of plain terms are run as phrases, its
 * wildcard terms as wildcards, all required, positions between runs unchecked); patterns longer than {@value
 * #MAX_PATTERN_CHARS} characters (every document is a candidate).
 */
final class ScopeQueries {
    static final int MAX_PATTERN_CHARS = 1_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ScopeQueries() {}

    /** A translated expression; see the class doc for what the bounds and {@code exact} promise. */
    record Bounds(JsonNode upper, JsonNode lower, boolean exact) {}

    static Bounds translate(KeywordExpression expression) {
        return switch (expression) {
            case KeywordExpression.MatchAll matchAll -> new Bounds(matchAll(), matchAll(), true);
            case KeywordExpression.Keyword keyword -> keyword(KeywordTokenizer.queryTerms(keyword.text()));
            case KeywordExpression.FieldMatch fieldMatch -> fieldMatch(fieldMatch.field(), fieldMatch.pattern());
            case KeywordExpression.And and -> combine(and.operands(), "filter");
            case KeywordExpression.Or or -> combine(or.operands(), "should");
            case KeywordExpression.Not not -> {
                Bounds operand = translate(not.operand());
                yield new Bounds(not(operand.lower()), not(operand.upper()), operand.exact());
            }
        };
    }

    private static Bounds keyword(List<String> terms) {
        if (terms.isEmpty()) {
            return new Bounds(matchAll(), matchAll(), true);
        }
        boolean anyWildcard = false;
        boolean anyOverlong = false;
        for (String term : terms) {
            anyWildcard |= hasWildcard(term);
            anyOverlong |= term.length() > LogDocuments.MAX_TERM_CHARS;
        }
        if (!anyWildcard) {
            if (anyOverlong) {
                // Only a flagged document can hold a term this long.
                return new Bounds(flagged(), matchNone(), true);
            }
            JsonNode query = terms.size() == 1 ? term(LogDocuments.TERMS, terms.getFirst()) : phrase(terms);
            return exactOnUnflagged(query);
        }
        if (terms.size() == 1) {
            String pattern = terms.getFirst();
            if (pattern.length() > MAX_PATTERN_CHARS) {
                return widened(matchAll());
            }
            boolean exact = pattern.indexOf('?') < 0;
            JsonNode query = wildcard(LogDocuments.TERMS, pattern.replace('?', '*'));
            return exact ? exactOnUnflagged(query) : widened(query);
        }
        return widened(phraseWithWildcards(terms));
    }

    /** The runs of plain terms as phrases and the wildcard terms as wildcards, all required: wider than the phrase. */
    private static JsonNode phraseWithWildcards(List<String> terms) {
        List<JsonNode> clauses = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (String term : terms) {
            if (hasWildcard(term)) {
                addRun(run, clauses);
                run.clear();
                if (!term.equals("*") && term.length() <= MAX_PATTERN_CHARS) {
                    clauses.add(wildcard(LogDocuments.TERMS, term.replace('?', '*')));
                }
            } else {
                run.add(term);
            }
        }
        addRun(run, clauses);
        if (clauses.isEmpty()) {
            return matchAll();
        }
        return bool("filter", clauses);
    }

    private static void addRun(List<String> run, List<JsonNode> clauses) {
        if (run.isEmpty()) {
            return;
        }
        for (String term : run) {
            if (term.length() > LogDocuments.MAX_TERM_CHARS) {
                return; // cut at indexing time: leave the run out, the flag and the check decide
            }
        }
        clauses.add(run.size() == 1 ? term(LogDocuments.TERMS, run.getFirst()) : phrase(run));
    }

    private static Bounds fieldMatch(String field, String pattern) {
        String lowerPattern = pattern.toLowerCase(Locale.ROOT);
        if (lowerPattern.isEmpty()) {
            return new Bounds(matchNone(), matchNone(), true); // an empty pattern matches no non-empty value
        }
        int metadataIndex = LogDocuments.QUERY_METADATA.indexOf(field.toLowerCase(Locale.ROOT));
        String indexed;
        String prefix;
        String escapedPrefix;
        if (metadataIndex >= 0) {
            indexed = LogDocuments.LOWER_PREFIX + LogDocuments.METADATA.get(metadataIndex);
            prefix = "";
            escapedPrefix = "";
        } else {
            indexed = LogDocuments.LOWER_FIELDS;
            String foldedKey = LogDocuments.foldKey(field);
            prefix = foldedKey + LogDocuments.KEY_SEPARATOR;
            escapedPrefix = escapeWildcards(foldedKey) + LogDocuments.KEY_SEPARATOR;
        }
        if (!hasWildcard(lowerPattern)) {
            if (prefix.length() + lowerPattern.length() > LogDocuments.MAX_VALUE_CHARS) {
                return new Bounds(flagged(), matchNone(), true);
            }
            return exactOnUnflagged(term(indexed, prefix + lowerPattern));
        }
        if (lowerPattern.length() > MAX_PATTERN_CHARS) {
            return widened(matchAll());
        }
        JsonNode query = wildcard(indexed, escapedPrefix + lowerPattern.replace("\\", "\\\\").replace('?', '*'));
        return lowerPattern.indexOf('?') < 0 ? exactOnUnflagged(query) : widened(query);
    }

    private static Bounds combine(List<KeywordExpression> operands, String occur) {
        List<JsonNode> uppers = new ArrayList<>(operands.size());
        List<JsonNode> lowers = new ArrayList<>(operands.size());
        boolean exact = true;
        for (KeywordExpression operand : operands) {
            Bounds bounds = translate(operand);
            uppers.add(bounds.upper());
            lowers.add(bounds.lower());
            exact &= bounds.exact();
        }
        return new Bounds(bool(occur, uppers), bool(occur, lowers), exact);
    }

    /** {@code query} is exact on unflagged documents: flagged ones are inside the upper and outside the lower bound. */
    private static Bounds exactOnUnflagged(JsonNode query) {
        ObjectNode upper = NODES.objectNode();
        ArrayNode should = upper.putObject("bool").put("minimum_should_match", 1).putArray("should");
        should.add(query).add(flagged());
        ObjectNode lower = NODES.objectNode();
        ObjectNode lowerBool = lower.putObject("bool");
        lowerBool.putArray("filter").add(query);
        lowerBool.putArray("must_not").add(flagged());
        return new Bounds(upper, lower, true);
    }

    private static Bounds widened(JsonNode query) {
        ObjectNode upper = NODES.objectNode();
        upper.putObject("bool").put("minimum_should_match", 1).putArray("should").add(query).add(flagged());
        return new Bounds(upper, matchNone(), false);
    }

    static JsonNode flagged() {
        ObjectNode query = NODES.objectNode();
        query.putObject("term").put(LogDocuments.CHECK, true);
        return query;
    }

    static JsonNode matchAll() {
        ObjectNode query = NODES.objectNode();
        query.putObject("match_all");
        return query;
    }

    static JsonNode matchNone() {
        ObjectNode query = NODES.objectNode();
        query.putObject("match_none");
        return query;
    }

    static JsonNode term(String field, String value) {
        ObjectNode query = NODES.objectNode();
        query.putObject("term").putObject(field).put("value", value);
        return query;
    }

    static JsonNode wildcard(String field, String pattern) {
        ObjectNode query = NODES.objectNode();
        query.putObject("wildcard").putObject(field).put("value", pattern);
        return query;
    }

    private static JsonNode phrase(List<String> terms) {
        ObjectNode query = NODES.objectNode();
        query.putObject("match_phrase").putObject(LogDocuments.TERMS)
                .put("query", String.join(" ", terms))
                .put("analyzer", "loupe_terms");
        return query;
    }

    static JsonNode bool(String occur, List<JsonNode> clauses) {
        ObjectNode query = NODES.objectNode();
        ObjectNode bool = query.putObject("bool");
        ArrayNode array = bool.putArray(occur);
        clauses.forEach(array::add);
        if (occur.equals("should")) {
            bool.put("minimum_should_match", 1);
        }
        return query;
    }

    static JsonNode not(JsonNode operand) {
        ObjectNode query = NODES.objectNode();
        ObjectNode bool = query.putObject("bool");
        bool.putArray("filter").add(matchAll());
        bool.putArray("must_not").add(operand);
        return query;
    }

    static String escapeWildcards(String text) {
        return text.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    }

    private static boolean hasWildcard(String term) {
        return term.indexOf('*') >= 0 || term.indexOf('?') >= 0;
    }
}
