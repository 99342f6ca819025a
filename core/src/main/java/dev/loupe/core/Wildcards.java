package dev.loupe.core;

/**
 * Whole-string wildcard matching, the one implementation behind scope keywords and field values ({@code *} and
 * {@code ?}) and the {@code matches} operator ({@code *} only). Case-sensitive: callers lower-case both sides
 * when they want case-insensitive matching.
 */
public final class Wildcards {
    private Wildcards() {}

    /**
     * Whether {@code text} as a whole matches {@code pattern}, where {@code *} stands for any run of characters
     * (also empty) and, when {@code questionMarkIsWildcard}, {@code ?} for exactly one character.
     *
     * <p>Linear backtracking over the last {@code *}: O(pattern × text) in the worst case, no recursion.
     */
    public static boolean matches(String pattern, String text, boolean questionMarkIsWildcard) {
        int patternIndex = 0;
        int textIndex = 0;
        int starPattern = -1;
        int starText = -1;
        while (textIndex < text.length()) {
            char expected = patternIndex < pattern.length() ? pattern.charAt(patternIndex) : 0;
            boolean inPattern = patternIndex < pattern.length();
            if (inPattern && expected != '*'
                    && (expected == text.charAt(textIndex) || (questionMarkIsWildcard && expected == '?'))) {
                patternIndex++;
                textIndex++;
            } else if (inPattern && expected == '*') {
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
