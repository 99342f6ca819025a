package dev.loupe.query.metrics;

/**
 * One token of a metrics query.
 *
 * @param kind what it is
 * @param text the token's text as written (a string token without its quotes and with escapes resolved)
 * @param start offset of its first character
 * @param end offset after its last character
 */
record Token(Kind kind, String text, int start, int end) {

    enum Kind {
        /** A selector value or key, an identifier, an operator or function name. */
        WORD,
        STRING,
        NUMBER,
        /** A number with a time unit: {@code 5m}, {@code 1d}, {@code 100ms}. */
        DURATION,
        /** {@code #A}. */
        ROW_REFERENCE,
        PIPE,
        LEFT_PAREN,
        RIGHT_PAREN,
        LEFT_BRACKET,
        RIGHT_BRACKET,
        COMMA,
        EQUALS,
        DOUBLE_EQUALS,
        NOT_EQUALS,
        BANG,
        PLUS,
        MINUS,
        STAR,
        SLASH,
        LESS,
        LESS_EQUALS,
        GREATER,
        GREATER_EQUALS,
        END
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }
}
