package dev.loupe.query.parser;

import dev.loupe.query.ast.ScopeExpression;
import dev.loupe.query.ast.SubqueryClause;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the keyword scope (spec §1.3): {@code NOT} binds tighter than {@code AND} (explicit or implicit by
 * juxtaposition), which binds tighter than {@code OR}; parentheses override. Stops at the first top-level pipe.
 */
final class ScopeParser {
    private final TokenStream tokens;

    ScopeParser(TokenStream tokens) {
        this.tokens = tokens;
    }

    ScopeExpression parse() {
        if (tokens.at(TokenType.PIPE) || tokens.at(TokenType.END)) {
            return new ScopeExpression.All(tokens.span(tokens.current()));
        }
        ScopeExpression scope = or();
        if (!tokens.at(TokenType.PIPE) && !tokens.at(TokenType.END)) {
            throw tokens.error(tokens.current(), "unexpected " + tokens.current().describe() + " in the search scope");
        }
        return scope;
    }

    private ScopeExpression or() {
        int start = tokens.current().start();
        List<ScopeExpression> operands = new ArrayList<>();
        operands.add(and());
        while (tokens.atKeyword("or")) {
            tokens.advance();
            operands.add(and());
        }
        return operands.size() == 1 ? operands.get(0) : new ScopeExpression.Or(operands, tokens.spanFrom(start));
    }

    private ScopeExpression and() {
        int start = tokens.current().start();
        List<ScopeExpression> operands = new ArrayList<>();
        operands.add(not());
        while (true) {
            if (tokens.atKeyword("and")) {
                tokens.advance();
                operands.add(not());
            } else if (startsOperand()) {
                operands.add(not());
            } else {
                break;
            }
        }
        return operands.size() == 1 ? operands.get(0) : new ScopeExpression.And(operands, tokens.spanFrom(start));
    }

    private boolean startsOperand() {
        Token token = tokens.current();
        return switch (token.type()) {
            case SCOPE_WORD -> !token.isKeyword("or") && !token.isKeyword("and");
            case STRING, LEFT_PARENTHESIS, BANG, LEFT_BRACKET -> true;
            default -> false;
        };
    }

    private ScopeExpression not() {
        Token token = tokens.current();
        if (token.is(TokenType.BANG) || token.isKeyword("not")) {
            tokens.enter();
            tokens.advance();
            ScopeExpression operand = not();
            tokens.leave();
            return new ScopeExpression.Not(operand, tokens.spanFrom(token.start()));
        }
        return primary();
    }

    private ScopeExpression primary() {
        Token token = tokens.current();
        switch (token.type()) {
            case LEFT_PARENTHESIS -> {
                tokens.enter();
                tokens.advance();
                ScopeExpression inner = or();
                tokens.expect(TokenType.RIGHT_PARENTHESIS, "')'");
                tokens.leave();
                return inner;
            }
            case LEFT_BRACKET -> {
                SubqueryClause clause = SubqueryParser.parse(tokens);
                return new ScopeExpression.Subquery(clause, clause.span());
            }
            case STRING -> {
                tokens.advance();
                return new ScopeExpression.Keyword(token.text(), true, tokens.span(token));
            }
            case SCOPE_WORD -> {
                if (token.isKeyword("and") || token.isKeyword("or")) {
                    throw tokens.error(token, "expected a keyword before '" + token.text() + "'");
                }
                tokens.advance();
                if (tokens.at(TokenType.EQUAL)) {
                    Token equal = tokens.current();
                    Token value = tokens.advanceScopeValue(equal.end());
                    if (value.is(TokenType.END)) {
                        throw tokens.error(equal, "expected a value after '" + token.text() + "='");
                    }
                    return new ScopeExpression.FieldMatch(token.text(), value.text(), tokens.spanFrom(token.start()));
                }
                if (token.text().equals("*")) {
                    return new ScopeExpression.All(tokens.span(token));
                }
                return new ScopeExpression.Keyword(token.text(), false, tokens.span(token));
            }
            default -> throw tokens.unexpected("a keyword, a phrase or field=value");
        }
    }
}
