package dev.loupe.query.parser;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" suggestions by edit distance, for unknown operator and function names. */
public final class Suggestions {
    private Suggestions() {}

    /**
     * The candidate closest to {@code name} (case-insensitive Levenshtein distance), if it is close enough to be a
     * likely typo (distance at most 2, and less than the name's length); null otherwise.
     */
    public static String closest(String name, Collection<String> candidates) {
        String lowerName = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(lowerName, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return bestDistance <= 2 && bestDistance < name.length() ? best : null;
    }

    /** {@code " (did you mean 'x'?)"} or the empty string. */
    public static String didYouMean(String name, Collection<String> candidates) {
        String closest = closest(name, candidates);
        return closest == null ? "" : " (did you mean '" + closest + "'?)";
    }

    private static int distance(String left, String right) {
        int[] previous = new int[right.length() + 1];
        int[] current = new int[right.length() + 1];
        for (int column = 0; column <= right.length(); column++) {
            previous[column] = column;
        }
        for (int row = 1; row <= left.length(); row++) {
            current[0] = row;
            for (int column = 1; column <= right.length(); column++) {
                int cost = left.charAt(row - 1) == right.charAt(column - 1) ? 0 : 1;
                current[column] = Math.min(Math.min(current[column - 1] + 1, previous[column] + 1),
                        previous[column - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[right.length()];
    }
}
