package dev.loupe.store.spi;

import dev.loupe.core.LogMessage;
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

    private boolean phraseMatchesAt(List<String> pattern, int start) {
        for (int offset = 0; offset < pattern.size(); offset++) {
            if (!globMatches(pattern.get(offset), terms.get(start + offset))) {
                return false;
            }
        }
        return true;
    }

    private boolean matchesField(String field, String pattern) {
        String value = fieldValue(message, field);
        if (value == null || value.isEmpty()) {
            return false;
        }
        return globMatches(pattern.toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT));
    }

    /**
     * The value of a metadata or custom field of a message, looked up case-insensitively; null when the message
     * has no such field.
     */
    public static String fieldValue(LogMessage message, String field) {
        return switch (field.toLowerCase(Locale.ROOT)) {
            case "_sourcecategory" -> message.sourceCategory();
            case "_sourcename" -> message.sourceName();
            case "_sourcehost" -> message.sourceHost();
            case "_source" -> message.source();
            case "_collector" -> message.collector();
            default -> customField(message.fields(), field);
        };
    }

    private static String customField(Map<String, String> fields, String field) {
        String exact = fields.get(field);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> entry : fields.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(field)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /**
     * Glob match of a whole string: {@code *} is any run of characters (also empty), {@code ?} exactly one.
     * Both arguments must already be in the same case.
     */
    public static boolean globMatches(String pattern, String text) {
        int patternIndex = 0;
        int textIndex = 0;
        int starPattern = -1;
        int starText = -1;
        while (textIndex < text.length()) {
            if (patternIndex < pattern.length()
                    && (pattern.charAt(patternIndex) == '?' || pattern.charAt(patternIndex) == text.charAt(textIndex))) {
                patternIndex++;
                textIndex++;
            } else if (patternIndex < pattern.length() && pattern.charAt(patternIndex) == '*') {
                starPattern = patternIndex++;
                starText = textIndex;
            } else if (starPattern >= 0) {
                patternIndex = starPattern + 1;
                textIndex = ++starText;
            } else {
                return false;
            }
        }
        while (patternIndex < pattern.length() && pattern.charAt(patternIndex) == '*') {
            patternIndex++;
        }
        return patternIndex == pattern.length();
    }
}
