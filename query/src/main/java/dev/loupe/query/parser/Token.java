package dev.loupe.query.parser;

/**
 * One token.
 *
 * @param text the source text of the token, or the resolved value for strings, escaped fields and regexes
 * @param number the numeric value of a {@link TokenType#NUMBER}, else null
 * @param start offset of the first character
 * @param end offset after the last character
 */
record Token(TokenType type, String text, Number number, int start, int end) {

    boolean is(TokenType expected) {
        return type == expected;
    }

    /** Whether this is an identifier equal to {@code keyword}, ignoring case. */
    boolean isKeyword(String keyword) {
        return (type == TokenType.IDENTIFIER || type == TokenType.SCOPE_WORD) && text.equalsIgnoreCase(keyword);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (type) {
            case END -> "end of query";
            case STRING -> "string \"" + text + "\"";
            case ESCAPED_FIELD -> "field %\"" + text + "\"";
            case REGEX -> "regex /" + text + "/";
            default -> "'" + text + "'";
        };
    }
}
