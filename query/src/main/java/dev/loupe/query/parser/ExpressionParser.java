package dev.loupe.query.parser;

import dev.loupe.core.SourceSpan;
import dev.loupe.query.ast.Expression;
import dev.loupe.query.ast.Expression.ArithmeticOperator;
import dev.loupe.query.ast.Expression.ComparisonOperator;
import dev.loupe.query.ast.Expression.LogicalOperator;
import dev.loupe.query.ast.SubqueryClause;
import java.util.ArrayList;
import java.util.List;

/**
 * A Pratt parser for expressions (spec §1.5). Binding powers, loosest first: ternary {@code ?:}, {@code or}/{@code ||},
 * {@code and}/{@code &&}, prefix {@code !}/{@code not}, comparisons with {@code matches}, {@code contains} and
 * {@code [not] in} (non-associative), {@code + -}, {@code * / %}, unary minus.
 *
 * <p>A {@code /} where an operand is expected starts a regex literal.
 */
final class ExpressionParser {
    private static final int OR = 1;
    private static final int AND = 2;
    private static final int NOT = 3;
    private static final int COMPARISON = 4;
    private static final int ADDITIVE = 5;
    private static final int MULTIPLICATIVE = 6;

    private final TokenStream tokens;

    ExpressionParser(TokenStream tokens) {
        this.tokens = tokens;
    }

    Expression parse() {
        tokens.enter();
        try {
            Expression condition = binary(OR);
            if (!tokens.at(TokenType.QUESTION)) {
                return condition;
            }
            tokens.advance();
            Expression whenTrue = parse();
            tokens.expect(TokenType.COLON, "':' of the '?' conditional");
            Expression whenFalse = parse();
            return new Expression.Conditional(condition, whenTrue, whenFalse,
                    condition.span().to(whenFalse.span()));
        } finally {
            tokens.leave();
        }
    }

    /** Parses operators binding at least as tightly as {@code minimum}. */
    private Expression binary(int minimum) {
        Expression left = prefix();
        while (true) {
            Token token = tokens.current();
            int power = infixPower(token);
            if (power < minimum || power == 0) {
                return left;
            }
            left = infix(left, token, power);
            if (power == COMPARISON && infixPower(tokens.current()) == COMPARISON) {
                throw tokens.error(tokens.current(), "comparisons cannot be chained; use 'and'");
            }
        }
    }

    private int infixPower(Token token) {
        return switch (token.type()) {
            case OR_OR -> OR;
            case AND_AND -> AND;
            case EQUAL, DOUBLE_EQUAL, NOT_EQUAL, LESS_GREATER, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL ->
                    COMPARISON;
            case PLUS, MINUS -> ADDITIVE;
            case STAR, SLASH, PERCENT -> MULTIPLICATIVE;
            case IDENTIFIER -> {
                if (token.isKeyword("or")) {
                    yield OR;
                }
                if (token.isKeyword("and")) {
                    yield AND;
                }
                if (token.isKeyword("matches") || token.isKeyword("contains") || token.isKeyword("in")) {
                    yield COMPARISON;
                }
                if (token.isKeyword("not") && tokens.peek().isKeyword("in")) {
                    yield COMPARISON;
                }
                yield 0;
            }
            default -> 0;
        };
    }

    private Expression infix(Expression left, Token token, int power) {
        tokens.advance();
        switch (token.type()) {
            case OR_OR -> {
                return logical(LogicalOperator.OR, left, binary(AND));
            }
            case AND_AND -> {
                return logical(LogicalOperator.AND, left, binary(NOT));
            }
            case EQUAL, DOUBLE_EQUAL -> {
                return comparison(ComparisonOperator.EQUAL, left);
            }
            case NOT_EQUAL, LESS_GREATER -> {
                return comparison(ComparisonOperator.NOT_EQUAL, left);
            }
            case LESS -> {
                return comparison(ComparisonOperator.LESS, left);
            }
            case LESS_OR_EQUAL -> {
                return comparison(ComparisonOperator.LESS_OR_EQUAL, left);
            }
            case GREATER -> {
                return comparison(ComparisonOperator.GREATER, left);
            }
            case GREATER_OR_EQUAL -> {
                return comparison(ComparisonOperator.GREATER_OR_EQUAL, left);
            }
            case PLUS -> {
                return arithmetic(ArithmeticOperator.ADD, left, binary(MULTIPLICATIVE));
            }
            case MINUS -> {
                return arithmetic(ArithmeticOperator.SUBTRACT, left, binary(MULTIPLICATIVE));
            }
            case STAR -> {
                return arithmetic(ArithmeticOperator.MULTIPLY, left, prefix());
            }
            case SLASH -> {
                return arithmetic(ArithmeticOperator.DIVIDE, left, prefix());
            }
            case PERCENT -> {
                return arithmetic(ArithmeticOperator.MODULO, left, prefix());
            }
            default -> {
                return keywordInfix(left, token, power);
            }
        }
    }

    private Expression keywordInfix(Expression left, Token token, int power) {
        if (token.isKeyword("or")) {
            return logical(LogicalOperator.OR, left, binary(power + 1));
        }
        if (token.isKeyword("and")) {
            return logical(LogicalOperator.AND, left, binary(power + 1));
        }
        if (token.isKeyword("matches")) {
            Expression pattern = tokens.at(TokenType.SLASH) ? regex() : binary(ADDITIVE);
            return new Expression.Matches(left, pattern, left.span().to(pattern.span()));
        }
        if (token.isKeyword("contains")) {
            Expression part = binary(ADDITIVE);
            return new Expression.Contains(left, part, left.span().to(part.span()));
        }
        boolean negated = token.isKeyword("not");
        if (negated) {
            tokens.advance();
        }
        tokens.expect(TokenType.LEFT_PARENTHESIS, "'(' after 'in'");
        List<Expression> candidates = new ArrayList<>();
        if (!tokens.at(TokenType.RIGHT_PARENTHESIS)) {
            candidates.add(parse());
            while (tokens.accept(TokenType.COMMA)) {
                candidates.add(parse());
            }
        }
        tokens.expect(TokenType.RIGHT_PARENTHESIS, "')' closing the 'in' list");
        return new Expression.InList(left, candidates, negated, tokens.spanFrom(left.span().start()));
    }

    private Expression prefix() {
        Token token = tokens.current();
        if (token.is(TokenType.BANG) || token.isKeyword("not")) {
            tokens.enter();
            try {
                tokens.advance();
                Expression operand = binary(COMPARISON);
                return new Expression.Unary(Expression.UnaryOperator.NOT, operand, tokens.spanFrom(token.start()));
            } finally {
                tokens.leave();
            }
        }
        if (token.is(TokenType.MINUS)) {
            tokens.enter();
            try {
                tokens.advance();
                Expression operand = prefix();
                if (operand instanceof Expression.NumberLiteral number) {
                    Number negated = number.value() instanceof Long value ? (Number) (-value)
                            : (Number) (-number.value().doubleValue());
                    return new Expression.NumberLiteral(negated, "-" + number.text(), tokens.spanFrom(token.start()));
                }
                return new Expression.Unary(Expression.UnaryOperator.NEGATE, operand, tokens.spanFrom(token.start()));
            } finally {
                tokens.leave();
            }
        }
        return primary();
    }

    private Expression primary() {
        Token token = tokens.current();
        switch (token.type()) {
            case STRING -> {
                tokens.advance();
                return new Expression.StringLiteral(token.text(), tokens.span(token));
            }
            case NUMBER -> {
                tokens.advance();
                return new Expression.NumberLiteral(token.number(), token.text(), tokens.span(token));
            }
            case ESCAPED_FIELD -> {
                tokens.advance();
                return new Expression.FieldReference(token.text(), tokens.span(token));
            }
            case SLASH -> {
                return regex();
            }
            case LEFT_PARENTHESIS -> {
                tokens.advance();
                Expression inner = parse();
                tokens.expect(TokenType.RIGHT_PARENTHESIS, "')'");
                return inner;
            }
            case LEFT_BRACKET -> {
                SubqueryClause clause = SubqueryParser.parse(tokens);
                return new Expression.Subquery(clause, clause.span());
            }
            case IDENTIFIER -> {
                return identifier(token);
            }
            default -> throw tokens.unexpected("an expression");
        }
    }

    private Expression identifier(Token token) {
        if (token.isKeyword("lookupContains") && tokens.peek().is(TokenType.LEFT_PARENTHESIS)) {
            return lookupContains(token);
        }
        tokens.advance();
        if (tokens.at(TokenType.LEFT_PARENTHESIS)) {
            tokens.advance();
            List<Expression> arguments = new ArrayList<>();
            if (!tokens.at(TokenType.RIGHT_PARENTHESIS)) {
                arguments.add(argument());
                while (tokens.accept(TokenType.COMMA)) {
                    arguments.add(argument());
                }
            }
            tokens.expect(TokenType.RIGHT_PARENTHESIS, "',' or ')' in the arguments of " + token.text() + "()");
            return new Expression.Call(token.text(), tokens.span(token), arguments, tokens.spanFrom(token.start()));
        }
        if (token.isKeyword("true") || token.isKeyword("false")) {
            return new Expression.BooleanLiteral(token.isKeyword("true"), tokens.span(token));
        }
        if (token.isKeyword("null")) {
            return new Expression.NullLiteral(tokens.span(token));
        }
        return new Expression.FieldReference(token.text(), tokens.span(token));
    }

    /** {@code lookupContains(path://"...", f=col [AND f2=col2])} (spec §2.8). */
    private Expression lookupContains(Token name) {
        tokens.advance();
        Token open = tokens.advance();
        int tableStart = tokens.lexer().skipTrivia(open.end());
        String table = RawText.tableReference(tokens, tableStart, "a lookup table (path://\"...\")");
        SourceSpan tableSpan = tokens.spanFrom(tableStart);
        List<Expression.FieldReference> fields = new ArrayList<>();
        List<Expression.FieldReference> columns = new ArrayList<>();
        tokens.expect(TokenType.COMMA, "',' after the lookup table");
        do {
            fields.add(fieldName("an event field"));
            tokens.expect(TokenType.EQUAL, "'=' between the event field and the table column");
            columns.add(fieldName("a table column"));
        } while (tokens.acceptKeyword("and") || tokens.accept(TokenType.AND_AND) || tokens.accept(TokenType.COMMA));
        tokens.expect(TokenType.RIGHT_PARENTHESIS, "')' closing lookupContains(");
        return new Expression.LookupContains(table, tableSpan, fields, columns, tokens.spanFrom(name.start()));
    }

    private Expression.FieldReference fieldName(String what) {
        Token token = tokens.current();
        if (!token.is(TokenType.IDENTIFIER) && !token.is(TokenType.ESCAPED_FIELD)) {
            throw tokens.unexpected(what);
        }
        tokens.advance();
        return new Expression.FieldReference(token.text(), tokens.span(token));
    }

    private Expression argument() {
        if (tokens.at(TokenType.STAR) && (tokens.peek().is(TokenType.RIGHT_PARENTHESIS))) {
            Token star = tokens.advance();
            return new Expression.FieldReference("*", tokens.span(star));
        }
        return parse();
    }

    private Expression regex() {
        Token regex = tokens.advanceRegex();
        return new Expression.RegexLiteral(regex.text(), tokens.span(regex));
    }

    private Expression comparison(ComparisonOperator operator, Expression left) {
        Expression right = binary(ADDITIVE);
        return new Expression.Comparison(operator, left, right, left.span().to(right.span()));
    }

    private static Expression logical(LogicalOperator operator, Expression left, Expression right) {
        return new Expression.Logical(operator, left, right, left.span().to(right.span()));
    }

    private static Expression arithmetic(ArithmeticOperator operator, Expression left, Expression right) {
        return new Expression.Arithmetic(operator, left, right, left.span().to(right.span()));
    }
}
