package dev.loupe.query.parser;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.ast.Operator;
import dev.loupe.query.ast.Query;
import dev.loupe.query.ast.ScopeExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The parser facade: query text in, {@link Query} out. Stateless and thread-safe.
 *
 * <p>Throws only {@link LoupeException}: {@code QUERY_SYNTAX} for malformed text (also for input nested too deeply),
 * {@code QUERY_UNSUPPORTED} for operators of the language the engine does not run yet, and
 * {@code QUERY_PARAMETER_NOT_SUBSTITUTED} for a leftover {@code {{param}}}. Every error carries a span.
 */
public final class QueryParser {
    /** Sumo Logic's maximum query length. */
    public static final int MAX_QUERY_LENGTH = 15_000;

    private QueryParser() {}

    /** Parses a whole log query. */
    public static Query parse(String text) {
        requireNonNull(text, "text is null");
        Lexer lexer = new Lexer(text);
        if (text.length() > MAX_QUERY_LENGTH) {
            throw new LoupeException(ErrorCode.QUERY_INVALID, "the query is " + text.length()
                    + " characters long; the maximum is " + MAX_QUERY_LENGTH, lexer.span(MAX_QUERY_LENGTH, text.length()));
        }
        checkTemplateParameters(lexer);
        try {
            return parseQuery(lexer);
        } catch (StackOverflowError overflow) {
            throw new LoupeException(ErrorCode.QUERY_SYNTAX, "query is nested too deeply", lexer.span(0, text.length()));
        } catch (LoupeException exception) {
            throw exception;
        } catch (RuntimeException bug) {
            throw new LoupeException(ErrorCode.INTERNAL, "could not parse the query: " + bug, bug);
        }
    }

    private static Query parseQuery(Lexer lexer) {
        Optional<Query> leadingOperator = parseWithLeadingOperator(lexer);
        if (leadingOperator.isPresent()) {
            return leadingOperator.get();
        }
        TokenStream tokens = new TokenStream(lexer);
        ScopeExpression scope = new ScopeParser(tokens).parse();
        tokens.enterExpressionMode();
        return parsePipeline(lexer, tokens, scope, new ArrayList<>());
    }

    /*
     * Design note: a query whose first segment starts with an operator, like {@code json "eventName" | count by
     * eventName}, is what users type and what this project's own acceptance queries use. Read by the letter of
     * the grammar (spec §1.1) that segment would be a keyword scope (the words "json" and "eventName"). When the
     * first word is the name of an operator the engine runs, is not a field match ({@code count=5}), and the
     * whole first segment parses as that operator, it is read as the operator with an empty scope, as if the
     * query began with "|". Anything else stays a scope; a quoted word ("json") is always a keyword.
     */
    private static Optional<Query> parseWithLeadingOperator(Lexer lexer) {
        TokenStream tokens = new TokenStream(lexer);
        Token first = tokens.current();
        if (first.type() != TokenType.SCOPE_WORD
                || !OperatorCatalog.SUPPORTED.contains(first.text().toLowerCase(Locale.ROOT))
                || tokens.peek().is(TokenType.EQUAL)) {
            return Optional.empty();
        }
        tokens.enterExpressionMode();
        try {
            List<Operator> pipeline = new ArrayList<>();
            pipeline.add(new OperatorParser(tokens).parse());
            if (!tokens.at(TokenType.PIPE) && !tokens.at(TokenType.END)) {
                return Optional.empty();
            }
            ScopeExpression scope = new ScopeExpression.All(lexer.span(first.start(), first.start()));
            return Optional.of(parsePipeline(lexer, tokens, scope, pipeline));
        } catch (LoupeException notAnOperator) {
            if (notAnOperator.errorCode() == ErrorCode.QUERY_SYNTAX) {
                return Optional.empty();
            }
            throw notAnOperator;
        }
    }

    private static Query parsePipeline(Lexer lexer, TokenStream tokens, ScopeExpression scope, List<Operator> pipeline) {
        OperatorParser operators = new OperatorParser(tokens);
        while (tokens.at(TokenType.PIPE)) {
            tokens.advance();
            Operator operator = operators.parse();
            pipeline.add(operator);
            if (!tokens.at(TokenType.PIPE) && !tokens.at(TokenType.END)) {
                throw tokens.unexpected("'|' or the end of the query");
            }
        }
        if (!tokens.at(TokenType.END)) {
            throw tokens.unexpected("'|' or the end of the query");
        }
        return new Query(scope, pipeline, lexer.span(0, lexer.text().length()));
    }

    private static void checkTemplateParameters(Lexer lexer) {
        String text = lexer.text();
        int open = text.indexOf("{{");
        while (open >= 0) {
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                return;
            }
            String name = text.substring(open + 2, close).trim();
            if (!name.isEmpty() && name.chars().allMatch(character -> Character.isLetterOrDigit(character)
                    || character == '_' || character == '.' || character == '-')) {
                throw new LoupeException(ErrorCode.QUERY_PARAMETER_NOT_SUBSTITUTED,
                        "template parameter {{" + name + "}} was not substituted", lexer.span(open, close + 2));
            }
            open = text.indexOf("{{", open + 2);
        }
    }
}
