package dev.loupe.store.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sumo Logic's keyword tokenisation of {@code _raw}, the one definition every store and matcher shares.
 *
 * <p>A run of letters, digits and underscores is one term; every other character that is not whitespace is a
 * term of its own (so {@code 10.1.1.123} is the five terms {@code 10 . 1 . 1 . 123}, searched as a phrase);
 * whitespace separates terms and is never one. CamelCase is not split. Terms compare case-insensitively, so they
 * are lower-cased with {@link Locale#ROOT}.
 *
 * <p>In query text ({@link #queryTerms}) the wildcards {@code *} and {@code ?} count as word characters, so
 * {@code err?r} and {@code *456*} stay one term, and {@code jsmith@*.com} has the one-term wildcard {@code *}.
 */
public final class KeywordTokenizer {
    private KeywordTokenizer() {}

    /** Whether a code point belongs to a word term (letter, digit or underscore). */
    public static boolean isWordCharacter(int codePoint) {
        return codePoint == '_' || Character.isLetterOrDigit(codePoint);
    }

    /** The lower-cased terms of message text, in order. */
    public static List<String> terms(String text) {
        return split(text, false);
    }

    /** The lower-cased terms of a keyword or phrase from a query, keeping {@code *} and {@code ?} inside terms. */
    public static List<String> queryTerms(String text) {
        return split(text, true);
    }

    private static List<String> split(String text, boolean wildcards) {
        List<String> terms = new ArrayList<>();
        int length = text.length();
        int index = 0;
        while (index < length) {
            int codePoint = text.codePointAt(index);
            int width = Character.charCount(codePoint);
            if (Character.isWhitespace(codePoint)) {
                index += width;
            } else if (isWordCharacter(codePoint) || (wildcards && isWildcard(codePoint))) {
                int end = index + width;
                while (end < length) {
                    int next = text.codePointAt(end);
                    if (!isWordCharacter(next) && !(wildcards && isWildcard(next))) {
                        break;
                    }
                    end += Character.charCount(next);
                }
                terms.add(text.substring(index, end).toLowerCase(Locale.ROOT));
                index = end;
            } else {
                terms.add(text.substring(index, index + width).toLowerCase(Locale.ROOT));
                index += width;
            }
        }
        return terms;
    }

    private static boolean isWildcard(int codePoint) {
        return codePoint == '*' || codePoint == '?';
    }
}
