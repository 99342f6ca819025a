package dev.loupe.query.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Scans the raw query text for the parts that are not tokens of the expression language: table references
 * ({@code path://"..."}), and the bounds of bracketed or parenthesised sub-queries. Quotes are honoured
 * ({@code \"} inside a string does not close it).
 */
final class RawText {
    private RawText() {}

    /** Reads a table reference at {@code start} and moves the token stream past it. */
    static String tableReference(TokenStream tokens, int start, String what) {
        String text = tokens.lexer().text();
        int index = start;
        while (index < text.length() && !Character.isWhitespace(text.charAt(index)) && text.charAt(index) != '|'
                && text.charAt(index) != ',' && text.charAt(index) != ')') {
            if (text.charAt(index) == '"') {
                index = closingQuote(tokens, index);
            }
            index++;
        }
        if (index == start) {
            throw tokens.unexpected(what);
        }
        moveTo(tokens, index);
        return text.substring(start, index);
    }

    /** Repositions the token stream so that its current token starts at or after {@code offset}. */
    static void moveTo(TokenStream tokens, int offset) {
        tokens.reset(((long) offset << 32) | offset);
    }

    /**
     * The offset of the bracket closing the one at {@code open} ({@code (} or {@code [}), counting both kinds
     * of brackets and skipping strings.
     */
    static int closing(TokenStream tokens, int open) {
        String text = tokens.lexer().text();
        int depth = 0;
        for (int index = open; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character == '"') {
                index = closingQuote(tokens, index);
            } else if (character == '(' || character == '[') {
                depth++;
            } else if (character == ')' || character == ']') {
                depth--;
                if (depth == 0) {
                    return index;
                }
            }
        }
        throw tokens.lexer().error(open, open + 1, "'" + text.charAt(open) + "' has no closing bracket");
    }

    /** The offsets of the top-level {@code |} characters in {@code [from, to)}. */
    static List<Integer> topLevelPipes(TokenStream tokens, int from, int to) {
        String text = tokens.lexer().text();
        List<Integer> pipes = new ArrayList<>();
        int depth = 0;
        for (int index = from; index < to; index++) {
            char character = text.charAt(index);
            if (character == '"') {
                index = closingQuote(tokens, index);
            } else if (character == '(' || character == '[') {
                depth++;
            } else if (character == ')' || character == ']') {
                depth--;
            } else if (character == '|' && depth == 0) {
                if (index + 1 < to && text.charAt(index + 1) == '|') {
                    index++;
                } else {
                    pipes.add(index);
                }
            }
        }
        return pipes;
    }

    /** {@code text} with every character outside {@code [from, to)} replaced by a space (newlines kept). */
    static String masked(String text, int from, int to) {
        char[] characters = text.toCharArray();
        for (int index = 0; index < characters.length; index++) {
            if ((index < from || index >= to) && characters[index] != '\n') {
                characters[index] = ' ';
            }
        }
        return new String(characters);
    }

    private static int closingQuote(TokenStream tokens, int open) {
        String text = tokens.lexer().text();
        int index = open + 1;
        while (index < text.length() && text.charAt(index) != '"') {
            index += text.charAt(index) == '\\' ? 2 : 1;
        }
        if (index >= text.length()) {
            throw tokens.lexer().error(open, text.length(), "unterminated string: '\"' has no closing quote");
        }
        return index;
    }
}
