package dev.loupe.query.parser;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.SourceSpan;

/**
 * The parsers' view of the token sequence: one current token, lookahead by re-scanning, and cheap
 * {@link #mark}/{@link #reset} backtracking. Also enforces the nesting depth limit so that pathological input
 * fails with a clear error instead of a {@link StackOverflowError}.
 */
final class TokenStream {
    /** Deepest nesting of parentheses and prefix operators accepted. */
    static final int MAX_DEPTH = 200;

    private final Lexer lexer;
    private boolean scopeMode;
    private Token current;
    private int previousEnd;
    private int depth;

    TokenStream(Lexer lexer) {
        this.lexer = lexer;
        this.scopeMode = true;
        this.current = lexer.scopeToken(0);
    }

    Lexer lexer() {
        return lexer;
    }

    Token current() {
        return current;
    }

    /** Consumes the current token and returns it. */
    Token advance() {
        Token consumed = current;
        previousEnd = consumed.end();
        current = scopeMode ? lexer.scopeToken(consumed.end()) : lexer.expressionToken(consumed.end());
        return consumed;
    }

    /** The token after the current one, without consuming anything. */
    Token peek() {
        return scopeMode ? lexer.scopeToken(current.end()) : lexer.expressionToken(current.end());
    }

    /** Switches to expression tokens, re-scanning the current token. */
    void enterExpressionMode() {
        scopeMode = false;
        current = lexer.expressionToken(current.start());
    }

    /** Replaces the current {@code /} token by the regex literal starting there and consumes it. */
    Token advanceRegex() {
        Token regex = lexer.regex(current.start());
        previousEnd = regex.end();
        current = lexer.expressionToken(regex.end());
        return regex;
    }

    /** Replaces the current token by a scope value (the text after {@code field=}) and consumes it. */
    Token advanceScopeValue(int from) {
        Token value = lexer.scopeValue(from);
        previousEnd = value.end();
        current = lexer.scopeToken(value.end());
        return value;
    }

    /** A position to {@link #reset} to. */
    long mark() {
        return ((long) current.start() << 32) | (previousEnd & 0xffffffffL);
    }

    void reset(long mark) {
        int start = (int) (mark >>> 32);
        previousEnd = (int) mark;
        current = scopeMode ? lexer.scopeToken(start) : lexer.expressionToken(start);
    }

    boolean at(TokenType type) {
        return current.type() == type;
    }

    boolean atKeyword(String keyword) {
        return current.isKeyword(keyword);
    }

    /** Consumes the current token if it has the type. */
    boolean accept(TokenType type) {
        if (current.type() == type) {
            advance();
            return true;
        }
        return false;
    }

    /** Consumes the current token if it is the keyword. */
    boolean acceptKeyword(String keyword) {
        if (current.isKeyword(keyword)) {
            advance();
            return true;
        }
        return false;
    }

    Token expect(TokenType type, String what) {
        if (current.type() != type) {
            throw unexpected(what);
        }
        return advance();
    }

    void expectKeyword(String keyword) {
        if (!current.isKeyword(keyword)) {
            throw unexpected("'" + keyword + "'");
        }
        advance();
    }

    /** "expected X but found Y" at the current token. */
    LoupeException unexpected(String expected) {
        return error(current, "expected " + expected + " but found " + current.describe());
    }

    LoupeException error(Token token, String message) {
        return new LoupeException(ErrorCode.QUERY_SYNTAX, message, span(token));
    }

    LoupeException error(SourceSpan span, ErrorCode code, String message) {
        return new LoupeException(code, message, span);
    }

    SourceSpan span(Token token) {
        return lexer.span(token.start(), token.end());
    }

    /** The span from {@code start} to the end of the last consumed token. */
    SourceSpan spanFrom(int start) {
        return lexer.span(start, Math.max(start, previousEnd));
    }

    /** Enters one nesting level; fails clearly past {@link #MAX_DEPTH}. */
    void enter() {
        if (++depth > MAX_DEPTH) {
            throw error(current, "query is nested too deeply (more than " + MAX_DEPTH + " levels)");
        }
    }

    void leave() {
        depth--;
    }
}
