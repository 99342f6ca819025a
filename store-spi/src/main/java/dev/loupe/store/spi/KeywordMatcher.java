package dev.loupe.store.spi;

import dev.loupe.core.LogMessage;
import dev.loupe.core.Wildcards;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reference meaning of a {@link KeywordExpression}: evaluates it against one message, the slow and obvious
 * way. Stores may answer differently inside (an inverted index), but must accept exactly the messages this
 * accepts; tests compare them on random inputs.
 *
 * <p>Instances are cheap and not thread-safe: one per message evaluation, since it caches the message's terms.
 */
public final class KeywordMatcher {
    private final LogMessage message;
    private List<String> terms;
    private String lowerCaseRaw;

    private KeywordMatcher(LogMessage message) {
        this.message = message;
    }

    /** Whether {@code message} matches {@code expression}. */
    public static boolean matches(KeywordExpression expression, LogMessage message) {
        return new KeywordMatcher(message).evaluate(expression);
    }

    private boolean evaluate(KeywordExpression expression) {
        return switch (expression) {
            case KeywordExpression.MatchAll matchAll -> true;
            case KeywordExpression.Keyword keyword -> matchesKeyword(keyword.text());
            case KeywordExpression.FieldMatch fieldMatch -> matchesField(fieldMatch.field(), fieldMatch.pattern());
            case KeywordExpression.And and -> and.operands().stream().allMatch(this::evaluate);
            case KeywordExpression.Or or -> or.operands().stream().anyMatch(this::evaluate);
            case KeywordExpression.Not not -> !evaluate(not.operand());
        };
    }

    private boolean matchesKeyword(String text) {
        List<String> pattern = KeywordTokenizer.queryTerms(text);
        if (pattern.isEmpty()) {
            return true;
        }
        if (!mayContain(pattern)) {
            return false;
        }
        if (terms == null) {
            terms = KeywordTokenizer.terms(message.raw());
        }
        int last = terms.size() - pattern.size();
        for (int start = 0; start <= last; start++) {
            if (phraseMatchesAt(pattern, start)) {
                return true;
            }
        }
        return false;
    }

    /*
     * A quick necessary condition, so that most non-matching messages are refused without splitting them into
     * terms: a pattern term made of ASCII characters other than wildcards can only equal a term of the message if
     * it occurs in the lower-cased message. (Lower-casing the whole text and lower-casing each term agree on every
     * character that lower-cases to ASCII; only context-dependent rules such as the Greek final sigma differ, and
     * those give non-ASCII characters.)
     */
    private boolean mayContain(List<String> pattern) {
        for (String term : pattern) {
            if (isPlainAscii(term)) {
                if (lowerCaseRaw == null) {
                    lowerCaseRaw = message.raw().toLowerCase(Locale.ROOT);
                }
                if (!lowerCaseRaw.contains(term)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isPlainAscii(String term) {
        for (int index = 0; index < term.length(); index++) {
            char character = term.charAt(index);
            if (character >= 0x80 || character == '*' || character == '?') {
                return false;
            }
        }
        return true;
    }

    private boolean phraseMatchesAt(List<String> pattern, int start) {
        for (int offset = 0; offset < pattern.size(); offset++) {
            if (!globMatches(pattern.get(offset), terms.get(start + offset))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A metadata field matches when its value matches. A custom field matches when any of the message's custom
     * fields whose key equals {@code field} ignoring case has a matching value (a message may carry keys that differ
     * only in case, e.g. {@code Env} and {@code ENV}). Empty values never match.
     */
    private boolean matchesField(String field, String pattern) {
        String lowerPattern = pattern.toLowerCase(Locale.ROOT);
        String metadata = metadataValue(message, field);
        if (metadata != null) {
            return valueMatches(lowerPattern, metadata);
        }
        for (Map.Entry<String, String> entry : message.fields().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(field) && valueMatches(lowerPattern, entry.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static boolean valueMatches(String lowerPattern, String value) {
        return !value.isEmpty() && globMatches(lowerPattern, value.toLowerCase(Locale.ROOT));
    }

    /** The value of a built-in metadata field ({@code _sourceCategory} etc., any case), or null for other names. */
    private static String metadataValue(LogMessage message, String field) {
        return switch (field.toLowerCase(Locale.ROOT)) {
            case "_sourcecategory" -> message.sourceCategory();
            case "_sourcename" -> message.sourceName();
            case "_sourcehost" -> message.sourceHost();
            case "_source" -> message.source();
            case "_collector" -> message.collector();
            default -> null;
        };
    }

    /**
     * Case-folds a custom field key so that two keys fold equal exactly when {@link String#equalsIgnoreCase} says
     * they are equal (per code point: upper-case, then lower-case), which is how this matcher looks custom fields
     * up. Stores index custom fields under their folded key.
     */
    public static String foldFieldKey(String key) {
        StringBuilder folded = new StringBuilder(key.length());
        key.codePoints().forEach(codePoint -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(codePoint))));
        return folded.toString();
    }

    /**
     * Glob match of a whole string: {@code *} is any run of characters (also empty), {@code ?} exactly one.
     * Both arguments must already be in the same case.
     */
    public static boolean globMatches(String pattern, String text) {
        return Wildcards.matches(pattern, text, true);
    }
}
