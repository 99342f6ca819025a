package dev.loupe.query.parser;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.SourceSpan;
import java.util.Arrays;

/**
 * Scans query text into tokens on demand. Stateless apart from the text: every scan starts at an offset the
 * caller gives, which makes backtracking and re-scanning ({@code /} as a regex literal) trivial.
 *
 * <p>Two modes: {@link #scopeToken} for the keyword scope (whole words with wildcards and punctuation), and
 * {@link #expressionToken} for everything after the first pipe.
 */
final class Lexer {
    private final String text;
    private final int[] lineStarts;

    Lexer(String text) {
        this.text = text;
        int[] starts = new int[16];
        int count = 1;
        for (int index = 0; index < text.length(); index++) {
            if (text.charAt(index) == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = index + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    String text() {
        return text;
    }

    /** The span of {@code [start, end)} with its line and column, in O(log lines). */
    SourceSpan span(int start, int end) {
        int clamped = Math.min(start, text.length());
        int line = Arrays.binarySearch(lineStarts, clamped);
        if (line < 0) {
            line = -line - 2;
        }
        return new SourceSpan(clamped, Math.max(clamped, Math.min(end, text.length())), line + 1,
                clamped - lineStarts[line] + 1);
    }

    LoupeException error(int start, int end, String message) {
        return new LoupeException(ErrorCode.QUERY_SYNTAX, message, span(start, end));
    }

    /** Skips whitespace and comments from {@code position}; returns the offset of the next significant character. */
    int skipTrivia(int position) {
        int index = position;
        while (index < text.length()) {
            char character = text.charAt(index);
            if (Character.isWhitespace(character)) {
                index++;
            } else if (character == '/' && index + 1 < text.length() && text.charAt(index + 1) == '/'
                    && (index == 0 || text.charAt(index - 1) != ':')) {
                while (index < text.length() && text.charAt(index) != '\n') {
                    index++;
                }
            } else if (character == '/' && index + 1 < text.length() && text.charAt(index + 1) == '*') {
                int close = text.indexOf("*/", index + 2);
                if (close < 0) {
                    throw error(index, index + 2, "unterminated comment: '/*' has no closing '*/'");
                }
                index = close + 2;
            } else {
                break;
            }
        }
        return index;
    }

    /** The next token in scope mode, starting at {@code position}. */
    Token scopeToken(int position) {
        int start = skipTrivia(position);
        if (start >= text.length()) {
            return new Token(TokenType.END, "", null, start, start);
        }
        char character = text.charAt(start);
        return switch (character) {
            case '(' -> symbol(TokenType.LEFT_PARENTHESIS, start, 1);
            case ')' -> symbol(TokenType.RIGHT_PARENTHESIS, start, 1);
            case '|' -> symbol(TokenType.PIPE, start, 1);
            case '=' -> symbol(TokenType.EQUAL, start, 1);
            case '[' -> symbol(TokenType.LEFT_BRACKET, start, 1);
            case '!' -> symbol(TokenType.BANG, start, 1);
            case '"' -> string(start);
            case '`' -> throw macro(start);
            default -> scopeWord(start);
        };
    }

    private Token scopeWord(int start) {
        int index = start;
        while (index < text.length()) {
            char character = text.charAt(index);
            if (Character.isWhitespace(character) || character == '(' || character == ')' || character == '|'
                    || character == '"' || character == '=') {
                break;
            }
            index++;
        }
        return new Token(TokenType.SCOPE_WORD, text.substring(start, index), null, start, index);
    }

    /** A scope value after {@code =}: like a word, but {@code =} and {@code !} are allowed inside. */
    Token scopeValue(int position) {
        int start = skipTrivia(position);
        if (start < text.length() && text.charAt(start) == '"') {
            return string(start);
        }
        int index = start;
        while (index < text.length()) {
            char character = text.charAt(index);
            if (Character.isWhitespace(character) || character == '(' || character == ')' || character == '|'
                    || character == '"') {
                break;
            }
            index++;
        }
        if (index == start) {
            return new Token(TokenType.END, "", null, start, start);
        }
        return new Token(TokenType.SCOPE_WORD, text.substring(start, index), null, start, index);
    }

    /** The next token in expression mode, starting at {@code position}. */
    Token expressionToken(int position) {
        int start = skipTrivia(position);
        if (start >= text.length()) {
            return new Token(TokenType.END, "", null, start, start);
        }
        char character = text.charAt(start);
        char next = start + 1 < text.length() ? text.charAt(start + 1) : '\0';
        return switch (character) {
            case '|' -> next == '|' ? symbol(TokenType.OR_OR, start, 2) : symbol(TokenType.PIPE, start, 1);
            case ',' -> symbol(TokenType.COMMA, start, 1);
            case '(' -> symbol(TokenType.LEFT_PARENTHESIS, start, 1);
            case ')' -> symbol(TokenType.RIGHT_PARENTHESIS, start, 1);
            case '[' -> symbol(TokenType.LEFT_BRACKET, start, 1);
            case ']' -> symbol(TokenType.RIGHT_BRACKET, start, 1);
            case '=' -> next == '=' ? symbol(TokenType.DOUBLE_EQUAL, start, 2) : symbol(TokenType.EQUAL, start, 1);
            case '!' -> next == '=' ? symbol(TokenType.NOT_EQUAL, start, 2) : symbol(TokenType.BANG, start, 1);
            case '<' -> switch (next) {
                case '=' -> symbol(TokenType.LESS_OR_EQUAL, start, 2);
                case '>' -> symbol(TokenType.LESS_GREATER, start, 2);
                default -> symbol(TokenType.LESS, start, 1);
            };
            case '>' -> next == '=' ? symbol(TokenType.GREATER_OR_EQUAL, start, 2)
                    : symbol(TokenType.GREATER, start, 1);
            case '+' -> symbol(TokenType.PLUS, start, 1);
            case '-' -> symbol(TokenType.MINUS, start, 1);
            case '*' -> symbol(TokenType.STAR, start, 1);
            case '/' -> symbol(TokenType.SLASH, start, 1);
            case '%' -> next == '"' ? escapedField(start) : symbol(TokenType.PERCENT, start, 1);
            case '&' -> {
                if (next != '&') {
                    throw error(start, start + 1, "unexpected character '&' (use 'and' or '&&')");
                }
                yield symbol(TokenType.AND_AND, start, 2);
            }
            case '?' -> symbol(TokenType.QUESTION, start, 1);
            case ':' -> symbol(TokenType.COLON, start, 1);
            case '"' -> string(start);
            case '`' -> throw macro(start);
            default -> {
                if (isDigit(character) || (character == '.' && isDigit(next))) {
                    yield number(start);
                }
                if (isIdentifierStart(character)) {
                    yield identifier(start);
                }
                throw error(start, start + 1, "unexpected character '" + character + "'");
            }
        };
    }

    /** A backquoted macro name: Loupe has no stored macros to expand (spec §1.2). */
    private LoupeException macro(int start) {
        int close = text.indexOf('`', start + 1);
        int end = close < 0 ? text.length() : close + 1;
        return new LoupeException(ErrorCode.QUERY_UNSUPPORTED, "macros are not supported: expand "
                + text.substring(start, end) + " into its query text", span(start, end));
    }

    /** Re-scans a regex literal {@code /.../} starting at the {@code /} at {@code start}. */
    Token regex(int start) {
        StringBuilder pattern = new StringBuilder();
        int index = start + 1;
        while (index < text.length()) {
            char character = text.charAt(index);
            if (character == '\\' && index + 1 < text.length()) {
                char escaped = text.charAt(index + 1);
                if (escaped != '/') {
                    pattern.append('\\');
                }
                pattern.append(escaped);
                index += 2;
            } else if (character == '/') {
                return new Token(TokenType.REGEX, pattern.toString(), null, start, index + 1);
            } else {
                pattern.append(character);
                index++;
            }
        }
        throw error(start, text.length(), "unterminated regex: '/' has no closing '/'");
    }

    private Token symbol(TokenType type, int start, int length) {
        return new Token(type, text.substring(start, start + length), null, start, start + length);
    }

    private Token string(int start) {
        StringBuilder value = new StringBuilder();
        int index = start + 1;
        while (index < text.length()) {
            char character = text.charAt(index);
            if (character == '\\' && index + 1 < text.length()) {
                char escaped = text.charAt(index + 1);
                switch (escaped) {
                    case '"' -> value.append('"');
                    case '\\' -> value.append('\\');
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    default -> value.append('\\').append(escaped);
                }
                index += 2;
            } else if (character == '"') {
                return new Token(TokenType.STRING, value.toString(), null, start, index + 1);
            } else {
                value.append(character);
                index++;
            }
        }
        throw error(start, text.length(), "unterminated string: '\"' has no closing quote");
    }

    private Token escapedField(int start) {
        Token string = string(start + 1);
        return new Token(TokenType.ESCAPED_FIELD, string.text(), null, start, string.end());
    }

    private Token identifier(int start) {
        int index = start + 1;
        while (index < text.length() && isIdentifierPart(text.charAt(index))) {
            index++;
        }
        return new Token(TokenType.IDENTIFIER, text.substring(start, index), null, start, index);
    }

    private Token number(int start) {
        int index = start;
        boolean fractional = false;
        while (index < text.length() && isDigit(text.charAt(index))) {
            index++;
        }
        if (index < text.length() && text.charAt(index) == '.' && index + 1 < text.length()
                && isDigit(text.charAt(index + 1))) {
            fractional = true;
            index++;
            while (index < text.length() && isDigit(text.charAt(index))) {
                index++;
            }
        }
        if (index < text.length() && (text.charAt(index) == 'e' || text.charAt(index) == 'E')) {
            int exponent = index + 1;
            if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < text.length() && isDigit(text.charAt(exponent))) {
                fractional = true;
                index = exponent;
                while (index < text.length() && isDigit(text.charAt(index))) {
                    index++;
                }
            }
        }
        String digits = text.substring(start, index);
        int suffixStart = index;
        while (index < text.length() && Character.isLetter(text.charAt(index))) {
            index++;
        }
        String suffix = text.substring(suffixStart, index);
        if (index < text.length() && isIdentifierPart(text.charAt(index))) {
            throw error(start, index + 1, "invalid number '" + text.substring(start, index + 1) + "'");
        }
        double multiplier = suffix.isEmpty() ? 1 : multiplier(suffix);
        if (multiplier < 0) {
            throw error(start, index, "invalid number '" + text.substring(start, index) + "': unknown suffix '"
                    + suffix + "'");
        }
        Number value;
        if (!fractional && suffix.isEmpty() && digits.length() < 19) {
            value = Long.parseLong(digits);
        } else {
            double scaled = Double.parseDouble(digits) * multiplier;
            boolean integral = scaled == Math.rint(scaled) && Math.abs(scaled) < 9.0e15;
            if (integral && !suffix.isEmpty()) {
                value = Long.valueOf((long) scaled);
            } else {
                value = Double.valueOf(scaled);
            }
        }
        return new Token(TokenType.NUMBER, text.substring(start, index), value, start, index);
    }

    /** Size and time suffixes (spec §1.2); -1 when unknown. Case matters: {@code m} is minutes, {@code M} millions. */
    private static double multiplier(String suffix) {
        return switch (suffix) {
            case "k", "K" -> 1e3;
            case "M" -> 1e6;
            case "G", "B" -> 1e9;
            case "T" -> 1e12;
            case "P" -> 1e15;
            case "Ki" -> 1024.0;
            case "Mi" -> 1024.0 * 1024;
            case "Gi" -> 1024.0 * 1024 * 1024;
            case "Ti" -> 1024.0 * 1024 * 1024 * 1024;
            case "Pi" -> 1024.0 * 1024 * 1024 * 1024 * 1024;
            case "ns" -> 1e-6;
            case "us" -> 1e-3;
            case "ms" -> 1;
            case "s" -> 1e3;
            case "m" -> 60e3;
            case "h" -> 3600e3;
            case "d" -> 86400e3;
            case "w" -> 7 * 86400e3;
            default -> -1;
        };
    }

    private static boolean isDigit(char character) {
        return character >= '0' && character <= '9';
    }

    private static boolean isIdentifierStart(char character) {
        return character == '_' || character == '$' || Character.isLetter(character);
    }

    private static boolean isIdentifierPart(char character) {
        return character == '_' || character == '.' || character == '$' || Character.isLetterOrDigit(character);
    }
}
