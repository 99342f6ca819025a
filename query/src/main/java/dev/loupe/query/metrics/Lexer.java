package dev.loupe.query.metrics;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.SourceSpan;
import java.util.Locale;

/**
 * Splits a metrics query into tokens on demand, in one of two modes the parser chooses per position: selector mode
 * (values run up to whitespace or one of {@code ( ) = | , [ ] "}, so {@code AWS/ApiGateway} and {@code 4XXError}
 * are one word) and expression mode (identifiers, numbers, durations and operator symbols). Comments ({@code //}
 * to the end of the line, {@code /* ... *}{@code /}) are skipped where a token may start.
 */
final class Lexer {
    private final String text;
    private int position;

    Lexer(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    int position() {
        return position;
    }

    void reset(int newPosition) {
        position = newPosition;
    }

    SourceSpan span(int start, int end) {
        return SourceSpan.of(text, start, end);
    }

    LoupeException error(String message, int start, int end) {
        return new LoupeException(ErrorCode.QUERY_SYNTAX, message, span(start, end));
    }

    /** Skips whitespace and comments; returns the offset of the next token. */
    int skipSpace() {
        while (position < text.length()) {
            char character = text.charAt(position);
            if (Character.isWhitespace(character)) {
                position++;
            } else if (text.startsWith("//", position)) {
                int newline = text.indexOf('\n', position);
                position = newline < 0 ? text.length() : newline + 1;
            } else if (text.startsWith("/*", position)) {
                int close = text.indexOf("*/", position + 2);
                if (close < 0) {
                    throw error("unterminated comment", position, text.length());
                }
                position = close + 2;
            } else {
                break;
            }
        }
        return position;
    }

    Token nextSelectorToken() {
        int start = skipSpace();
        if (start >= text.length()) {
            return new Token(Token.Kind.END, "", start, start);
        }
        char character = text.charAt(start);
        Token symbol = switch (character) {
            case '(' -> symbol(Token.Kind.LEFT_PAREN, start, 1);
            case ')' -> symbol(Token.Kind.RIGHT_PAREN, start, 1);
            case '[' -> symbol(Token.Kind.LEFT_BRACKET, start, 1);
            case ']' -> symbol(Token.Kind.RIGHT_BRACKET, start, 1);
            case ',' -> symbol(Token.Kind.COMMA, start, 1);
            case '|' -> symbol(Token.Kind.PIPE, start, 1);
            case '=' -> symbol(Token.Kind.EQUALS, start, 1);
            case '!' -> text.startsWith("!=", start) ? symbol(Token.Kind.NOT_EQUALS, start, 2) : symbol(Token.Kind.BANG, start, 1);
            case '"' -> string(start);
            default -> null;
        };
        if (symbol != null) {
            return symbol;
        }
        int end = start;
        while (end < text.length() && !endsSelectorWord(end)) {
            end++;
        }
        position = end;
        return new Token(Token.Kind.WORD, text.substring(start, end), start, end);
    }

    private boolean endsSelectorWord(int index) {
        char character = text.charAt(index);
        return Character.isWhitespace(character) || "()[]|,=\"".indexOf(character) >= 0
                || (character == '!' && text.startsWith("!=", index));
    }

    Token nextExpressionToken() {
        int start = skipSpace();
        if (start >= text.length()) {
            return new Token(Token.Kind.END, "", start, start);
        }
        char character = text.charAt(start);
        if (Character.isDigit(character) || (character == '.' && start + 1 < text.length() && Character.isDigit(text.charAt(start + 1)))) {
            return number(start);
        }
        if (Character.isLetter(character) || character == '_') {
            int end = start + 1;
            while (end < text.length() && isWordPart(text.charAt(end))) {
                end++;
            }
            position = end;
            return new Token(Token.Kind.WORD, text.substring(start, end), start, end);
        }
        if (character == '#') {
            int end = start + 1;
            while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
                end++;
            }
            if (end == start + 1) {
                throw error("expected a row letter after '#'", start, start + 1);
            }
            position = end;
            return new Token(Token.Kind.ROW_REFERENCE, text.substring(start + 1, end).toUpperCase(Locale.ROOT), start, end);
        }
        return switch (character) {
            case '(' -> symbol(Token.Kind.LEFT_PAREN, start, 1);
            case ')' -> symbol(Token.Kind.RIGHT_PAREN, start, 1);
            case '[' -> symbol(Token.Kind.LEFT_BRACKET, start, 1);
            case ']' -> symbol(Token.Kind.RIGHT_BRACKET, start, 1);
            case ',' -> symbol(Token.Kind.COMMA, start, 1);
            case '|' -> text.startsWith("||", start) ? new Token(Token.Kind.WORD, "or", start, advance(start, 2)) : symbol(Token.Kind.PIPE, start, 1);
            case '&' -> text.startsWith("&&", start) ? new Token(Token.Kind.WORD, "and", start, advance(start, 2))
                    : unexpected(start);
            case '+' -> symbol(Token.Kind.PLUS, start, 1);
            case '-' -> symbol(Token.Kind.MINUS, start, 1);
            case '*' -> symbol(Token.Kind.STAR, start, 1);
            case '/' -> symbol(Token.Kind.SLASH, start, 1);
            case '=' -> text.startsWith("==", start) ? symbol(Token.Kind.DOUBLE_EQUALS, start, 2) : symbol(Token.Kind.EQUALS, start, 1);
            case '!' -> text.startsWith("!=", start) ? symbol(Token.Kind.NOT_EQUALS, start, 2) : symbol(Token.Kind.BANG, start, 1);
            case '<' -> text.startsWith("<=", start) ? symbol(Token.Kind.LESS_EQUALS, start, 2)
                    : text.startsWith("<>", start) ? symbol(Token.Kind.NOT_EQUALS, start, 2) : symbol(Token.Kind.LESS, start, 1);
            case '>' -> text.startsWith(">=", start) ? symbol(Token.Kind.GREATER_EQUALS, start, 2) : symbol(Token.Kind.GREATER, start, 1);
            case '"' -> string(start);
            default -> unexpected(start);
        };
    }

    /** The raw text from the next token up to (not including) the next whitespace-delimited {@code as}. */
    Token rawUntilAs() {
        int start = skipSpace();
        int index = start;
        while (index < text.length()) {
            if (Character.isWhitespace(text.charAt(index))) {
                int word = index;
                while (word < text.length() && Character.isWhitespace(text.charAt(word))) {
                    word++;
                }
                if (text.regionMatches(true, word, "as", 0, 2) && word + 2 < text.length() && Character.isWhitespace(text.charAt(word + 2))) {
                    position = index;
                    return new Token(Token.Kind.WORD, text.substring(start, index), start, index);
                }
                index = word;
            } else if (text.charAt(index) == '|') {
                break;
            } else {
                index++;
            }
        }
        throw error("expected a pattern followed by 'as' and names", start, index);
    }

    private static boolean isWordPart(char character) {
        return Character.isLetterOrDigit(character) || character == '_' || character == '.';
    }

    private int advance(int start, int length) {
        position = start + length;
        return position;
    }

    private Token unexpected(int start) {
        throw error("unexpected character '" + text.charAt(start) + "'", start, start + 1);
    }

    private Token symbol(Token.Kind kind, int start, int length) {
        position = start + length;
        return new Token(kind, text.substring(start, position), start, position);
    }

    private Token number(int start) {
        int end = start;
        while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
            end++;
        }
        int unitEnd = end;
        while (unitEnd < text.length() && Character.isLetter(text.charAt(unitEnd))) {
            unitEnd++;
        }
        position = unitEnd;
        if (unitEnd > end) {
            return new Token(Token.Kind.DURATION, text.substring(start, unitEnd), start, unitEnd);
        }
        return new Token(Token.Kind.NUMBER, text.substring(start, end), start, end);
    }

    private Token string(int start) {
        StringBuilder value = new StringBuilder();
        int index = start + 1;
        while (index < text.length() && text.charAt(index) != '"') {
            if (text.charAt(index) == '\\' && index + 1 < text.length()) {
                index++;
            }
            value.append(text.charAt(index));
            index++;
        }
        if (index >= text.length()) {
            throw error("unterminated string", start, text.length());
        }
        position = index + 1;
        return new Token(Token.Kind.STRING, value.toString(), start, position);
    }
}
