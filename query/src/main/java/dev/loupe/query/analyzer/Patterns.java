package dev.loupe.query.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Translations of Sumo's pattern syntaxes to {@link Pattern}s. */
final class Patterns {
    private Patterns() {}

    /** Number of {@code *} captures in a parse-anchor pattern. */
    static int countStars(String anchor) {
        int count = 0;
        for (int index = 0; index < anchor.length(); index++) {
            if (anchor.charAt(index) == '*') {
                count++;
            }
        }
        return count;
    }

    /**
     * A parse-anchor pattern: literal text quoted, each {@code *} a lazy capture, a trailing {@code *} greedy to
     * the end; anchors match case-insensitively and {@code *} crosses newlines (spec §2.2).
     */
    static Pattern anchor(String anchor) {
        StringBuilder regex = new StringBuilder();
        int literalStart = 0;
        for (int index = 0; index < anchor.length(); index++) {
            if (anchor.charAt(index) == '*') {
                if (index > literalStart) {
                    regex.append(Pattern.quote(anchor.substring(literalStart, index)));
                }
                regex.append(index == anchor.length() - 1 ? "(.*)" : "(.*?)");
                literalStart = index + 1;
            }
        }
        if (literalStart < anchor.length()) {
            regex.append(Pattern.quote(anchor.substring(literalStart)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    /** A {@code matches} wildcard string: {@code *} any run, everything else literal, whole-string, case-sensitive. */
    static Pattern wildcard(String wildcard) {
        StringBuilder regex = new StringBuilder();
        int literalStart = 0;
        for (int index = 0; index < wildcard.length(); index++) {
            if (wildcard.charAt(index) == '*') {
                if (index > literalStart) {
                    regex.append(Pattern.quote(wildcard.substring(literalStart, index)));
                }
                regex.append(".*");
                literalStart = index + 1;
            }
        }
        if (literalStart < wildcard.length()) {
            regex.append(Pattern.quote(wildcard.substring(literalStart)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /**
     * A regex with Sumo named groups rewritten to Java-legal names {@code g0, g1, ...}; {@code names} receives the
     * original names in group order (also rewrites {@code \k<name>} back-references).
     */
    static String renameGroups(String regex, List<String> names) {
        StringBuilder output = new StringBuilder();
        List<String> seen = new ArrayList<>();
        boolean inClass = false;
        int index = 0;
        while (index < regex.length()) {
            char character = regex.charAt(index);
            if (character == '\\' && index + 1 < regex.length()) {
                if (regex.charAt(index + 1) == 'k' && index + 2 < regex.length() && regex.charAt(index + 2) == '<') {
                    int close = regex.indexOf('>', index + 3);
                    if (close > 0) {
                        int group = seen.indexOf(regex.substring(index + 3, close));
                        if (group >= 0) {
                            output.append("\\k<g").append(group).append('>');
                            index = close + 1;
                            continue;
                        }
                    }
                }
                output.append(character).append(regex.charAt(index + 1));
                index += 2;
                continue;
            }
            if (inClass) {
                inClass = character != ']';
                output.append(character);
                index++;
                continue;
            }
            if (character == '[') {
                inClass = true;
            } else if (character == '(' && regex.startsWith("?<", index + 1) && index + 3 < regex.length()
                    && regex.charAt(index + 3) != '=' && regex.charAt(index + 3) != '!') {
                int close = regex.indexOf('>', index + 3);
                if (close > 0) {
                    String name = regex.substring(index + 3, close);
                    output.append("(?<g").append(seen.size()).append('>');
                    seen.add(name);
                    index = close + 1;
                    continue;
                }
            }
            output.append(character);
            index++;
        }
        names.addAll(seen);
        return output.toString();
    }
}
