package dev.loupe.query.metrics;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.metrics.Expression.BinaryOperator;
import dev.loupe.query.metrics.Expression.MathFunction;
import dev.loupe.query.metrics.Expression.Reducer;
import dev.loupe.query.metrics.MetricsOperator.AggregateFunction;
import dev.loupe.query.metrics.MetricsOperator.CounterMode;
import dev.loupe.query.metrics.MetricsQuery.RowExpressionSource;
import dev.loupe.query.metrics.MetricsQuery.SelectorSource;
import dev.loupe.store.spi.metrics.SeriesSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses one row's metrics query text into a {@link MetricsQuery}: recursive descent for the selector and the
 * operators, precedence climbing for expressions. Not thread-safe; one instance per text.
 */
final class MetricsParser {
    private final Lexer lexer;
    private final OperatorParser operators;

    private MetricsParser(String text) {
        this.lexer = new Lexer(text);
        this.operators = new OperatorParser(lexer, this);
    }

    /**
     * Parses {@code text}.
     *
     * @throws LoupeException {@code QUERY_SYNTAX}, {@code QUERY_INVALID}, {@code QUERY_UNSUPPORTED} or {@code
     *     QUERY_PARAMETER_NOT_SUBSTITUTED}, with a span
     */
    static MetricsQuery parse(String text) {
        int placeholder = text.indexOf("{{");
        if (placeholder >= 0) {
            int close = text.indexOf("}}", placeholder);
            int end = close < 0 ? text.length() : close + 2;
            throw new LoupeException(ErrorCode.QUERY_PARAMETER_NOT_SUBSTITUTED, "the parameter '" + text.substring(placeholder, end)
                    + "' was not substituted: replace it with a value, or * for all", new Lexer(text).span(placeholder, end));
        }
        return new MetricsParser(text).query();
    }

    private MetricsQuery query() {
        int start = lexer.skipSpace();
        if (start >= lexer.text().length()) {
            throw lexer.error("the query is empty", start, start);
        }
        MetricsQuery.Source source = startsWithRowReference() ? rowExpressionSource() : selectorSource();
        List<MetricsOperator> parsed = new ArrayList<>();
        while (true) {
            Token token = peekExpression();
            if (token.kind() == Token.Kind.END) {
                break;
            }
            if (token.kind() != Token.Kind.PIPE) {
                throw lexer.error("expected '|' or the end of the query, found '" + token.text() + "'", token.start(), token.end());
            }
            nextExpression();
            parsed.add(operators.operator());
        }
        return new MetricsQuery(source, parsed);
    }

    private boolean startsWithRowReference() {
        int start = lexer.skipSpace();
        String text = lexer.text();
        for (int index = start; index < text.length() && text.charAt(index) != '|'; index++) {
            if (text.charAt(index) == '#') {
                return true;
            }
        }
        return false;
    }

    // ---- row expressions -------------------------------------------------------------------------------------

    private RowExpressionSource rowExpressionSource() {
        int start = lexer.skipSpace();
        Expression expression = null;
        List<String> along = List.of();
        String alias = null;
        expression = expression(true);
        while (true) {
            Token token = peekExpression();
            if (token.isWord("along") && along.isEmpty()) {
                nextExpression();
                along = operators.nameList();
            } else if (token.isWord("as") && alias == null) {
                nextExpression();
                alias = operators.name("a metric name after 'as'");
            } else {
                break;
            }
        }
        return new RowExpressionSource(expression, along, alias, lexer.span(start, lexer.position()));
    }

    // ---- selector ----------------------------------------------------------------------------------------------

    private SelectorSource selectorSource() {
        int start = lexer.skipSpace();
        SeriesSelector selector = selectorOr();
        MetricsOperator.Quantize rollupSelector = null;
        Token token = peekSelector();
        if (token.kind() == Token.Kind.LEFT_BRACKET) {
            nextSelector();
            rollupSelector = operators.rollupSelector(token.start());
            token = peekSelector();
        }
        if (token.kind() != Token.Kind.END && token.kind() != Token.Kind.PIPE) {
            throw lexer.error("unexpected '" + token.text() + "' in the selector", token.start(), token.end());
        }
        return new SelectorSource(selector, rollupSelector, lexer.span(start, lexer.position()));
    }

    private SeriesSelector selectorOr() {
        List<SeriesSelector> operands = new ArrayList<>();
        operands.add(selectorAnd());
        while (peekSelector().isWord("or")) {
            nextSelector();
            operands.add(selectorAnd());
        }
        return operands.size() == 1 ? operands.getFirst() : new SeriesSelector.Or(operands);
    }

    private SeriesSelector selectorAnd() {
        List<SeriesSelector> operands = new ArrayList<>();
        operands.add(selectorNot());
        while (true) {
            Token token = peekSelector();
            if (token.isWord("and")) {
                nextSelector();
                operands.add(selectorNot());
            } else if (startsTerm(token)) {
                operands.add(selectorNot());
            } else {
                break;
            }
        }
        return operands.size() == 1 ? operands.getFirst() : new SeriesSelector.And(operands);
    }

    private static boolean startsTerm(Token token) {
        return switch (token.kind()) {
            case WORD -> !token.isWord("or");
            case STRING, LEFT_PAREN, BANG -> true;
            default -> false;
        };
    }

    private SeriesSelector selectorNot() {
        Token token = peekSelector();
        if (token.kind() == Token.Kind.BANG || token.isWord("not")) {
            nextSelector();
            return new SeriesSelector.Not(selectorNot());
        }
        return selectorTerm();
    }

    private SeriesSelector selectorTerm() {
        Token token = nextSelector();
        switch (token.kind()) {
            case LEFT_PAREN -> {
                SeriesSelector inner = selectorOr();
                expectSelector(Token.Kind.RIGHT_PAREN, "')'");
                return inner;
            }
            case STRING -> {
                return new SeriesSelector.AnyTagValue(token.text());
            }
            case WORD -> {
                Token operator = peekSelector();
                if (operator.kind() == Token.Kind.EQUALS || operator.kind() == Token.Kind.NOT_EQUALS) {
                    nextSelector();
                    SeriesSelector match = tagValues(token.text());
                    return operator.kind() == Token.Kind.EQUALS ? match : new SeriesSelector.Not(match);
                }
                return new SeriesSelector.AnyTagValue(token.text());
            }
            default -> throw lexer.error(token.kind() == Token.Kind.END ? "expected a selector term at the end of the query"
                    : "expected a selector term such as metric=CPU_Idle, found '" + token.text() + "'", token.start(), token.end());
        }
    }

    private SeriesSelector tagValues(String key) {
        Token value = nextSelector();
        if (value.kind() == Token.Kind.LEFT_PAREN) {
            List<SeriesSelector> alternatives = new ArrayList<>();
            do {
                Token item = nextSelector();
                if (item.kind() != Token.Kind.WORD && item.kind() != Token.Kind.STRING) {
                    throw lexer.error("expected a value in the list of values of '" + key + "'", item.start(), item.end());
                }
                alternatives.add(new SeriesSelector.TagMatch(key, item.text()));
            } while (acceptSelector(Token.Kind.COMMA));
            expectSelector(Token.Kind.RIGHT_PAREN, "')' or ','");
            return alternatives.size() == 1 ? alternatives.getFirst() : new SeriesSelector.Or(alternatives);
        }
        if (value.kind() != Token.Kind.WORD && value.kind() != Token.Kind.STRING) {
            throw lexer.error("expected a value after '" + key + "='", value.start(), value.end());
        }
        return new SeriesSelector.TagMatch(key, value.text());
    }

    // ---- expressions -------------------------------------------------------------------------------------------

    /** Parses an expression; {@code rows} allows {@code #A} references. */
    Expression expression(boolean rows) {
        return binary(0, rows);
    }

    private static int precedence(Token token) {
        if (token.isWord("or")) {
            return 1;
        }
        if (token.isWord("and")) {
            return 2;
        }
        return switch (token.kind()) {
            case EQUALS, DOUBLE_EQUALS, NOT_EQUALS, LESS, LESS_EQUALS, GREATER, GREATER_EQUALS -> 3;
            case PLUS, MINUS -> 4;
            case STAR, SLASH -> 5;
            default -> -1;
        };
    }

    private static BinaryOperator binaryOperator(Token token) {
        if (token.isWord("or")) {
            return BinaryOperator.OR;
        }
        if (token.isWord("and")) {
            return BinaryOperator.AND;
        }
        return switch (token.kind()) {
            case EQUALS, DOUBLE_EQUALS -> BinaryOperator.EQUALS;
            case NOT_EQUALS -> BinaryOperator.NOT_EQUALS;
            case LESS -> BinaryOperator.LESS;
            case LESS_EQUALS -> BinaryOperator.LESS_EQUALS;
            case GREATER -> BinaryOperator.GREATER;
            case GREATER_EQUALS -> BinaryOperator.GREATER_EQUALS;
            case PLUS -> BinaryOperator.ADD;
            case MINUS -> BinaryOperator.SUBTRACT;
            case STAR -> BinaryOperator.MULTIPLY;
            case SLASH -> BinaryOperator.DIVIDE;
            default -> throw new IllegalStateException("not a binary operator: " + token);
        };
    }

    private Expression binary(int minimumPrecedence, boolean rows) {
        Expression left = unary(rows);
        while (true) {
            Token token = peekExpression();
            int precedence = precedence(token);
            if (precedence < 0 || precedence < minimumPrecedence) {
                return left;
            }
            nextExpression();
            Expression right = binary(precedence + 1, rows);
            left = new Expression.Binary(binaryOperator(token), left, right, left.span().to(right.span()));
        }
    }

    private Expression unary(boolean rows) {
        Token token = nextExpression();
        switch (token.kind()) {
            case MINUS -> {
                Expression operand = unary(rows);
                return new Expression.Negate(operand, lexer.span(token.start(), operand.span().end()));
            }
            case PLUS -> {
                return unary(rows);
            }
            case BANG -> {
                Expression operand = unary(rows);
                return new Expression.Not(operand, lexer.span(token.start(), operand.span().end()));
            }
            case NUMBER -> {
                return new Expression.NumberLiteral(number(token), lexer.span(token.start(), token.end()));
            }
            case LEFT_PAREN -> {
                Expression inner = binary(0, rows);
                expectExpression(Token.Kind.RIGHT_PAREN, "')'");
                return inner;
            }
            case ROW_REFERENCE -> {
                if (!rows) {
                    throw lexer.error("a row reference such as #" + token.text() + " is only allowed at the start of a row",
                            token.start(), token.end());
                }
                return new Expression.RowReference(token.text(), lexer.span(token.start(), token.end()));
            }
            case WORD -> {
                return word(token, rows);
            }
            default -> throw lexer.error(token.kind() == Token.Kind.END ? "expected an expression at the end of the query"
                    : "expected an expression, found '" + token.text() + "'", token.start(), token.end());
        }
    }

    private Expression word(Token token, boolean rows) {
        String name = token.text().toLowerCase(Locale.ROOT);
        if (name.equals("not")) {
            Expression operand = unary(rows);
            return new Expression.Not(operand, lexer.span(token.start(), operand.span().end()));
        }
        if (name.equals("_value")) {
            return new Expression.PointValue(lexer.span(token.start(), token.end()));
        }
        if (name.equals("_granularity")) {
            return new Expression.Granularity(lexer.span(token.start(), token.end()));
        }
        boolean call = peekExpression().kind() == Token.Kind.LEFT_PAREN;
        if (call) {
            nextExpression();
            List<Expression> arguments = new ArrayList<>();
            if (!acceptExpression(Token.Kind.RIGHT_PAREN)) {
                do {
                    arguments.add(binary(0, rows));
                } while (acceptExpression(Token.Kind.COMMA));
                expectExpression(Token.Kind.RIGHT_PAREN, "')' or ','");
            }
            int end = lexer.position();
            if (name.equals("pct")) {
                if (arguments.size() != 1 || !(arguments.getFirst() instanceof Expression.NumberLiteral percentile)) {
                    throw new LoupeException(ErrorCode.QUERY_INVALID, "pct takes one number, the percentile: pct(95)", lexer.span(token.start(), end));
                }
                return new Expression.SeriesReducer(Reducer.PCT, percentile.value(), lexer.span(token.start(), end));
            }
            if (arguments.isEmpty() && reducer(name) != null) {
                return new Expression.SeriesReducer(reducer(name), 0, lexer.span(token.start(), end));
            }
            MathFunction function = mathFunction(name);
            if (function == null) {
                throw new LoupeException(ErrorCode.QUERY_INVALID, "unknown function '" + token.text()
                        + "': expected one of sin, cos, tan, abs, log, round, ceil, floor, exp, sqrt, min, max", lexer.span(token.start(), token.end()));
            }
            if (arguments.size() != function.arity) {
                throw new LoupeException(ErrorCode.QUERY_INVALID, name + " takes " + function.arity + " argument"
                        + (function.arity == 1 ? "" : "s") + ", not " + arguments.size(), lexer.span(token.start(), end));
            }
            return new Expression.FunctionCall(function, arguments, lexer.span(token.start(), end));
        }
        Reducer reducer = reducer(name);
        if (reducer == null || reducer == Reducer.PCT) {
            throw new LoupeException(ErrorCode.QUERY_INVALID, "unknown name '" + token.text()
                    + "': expected _value, _granularity or a series reducer (avg, min, max, sum, count, latest, stddev, pct(n))",
                    lexer.span(token.start(), token.end()));
        }
        return new Expression.SeriesReducer(reducer, 0, lexer.span(token.start(), token.end()));
    }

    private static Reducer reducer(String name) {
        for (Reducer reducer : Reducer.values()) {
            if (reducer.name().equalsIgnoreCase(name)) {
                return reducer;
            }
        }
        return null;
    }

    private static MathFunction mathFunction(String name) {
        for (MathFunction function : MathFunction.values()) {
            if (function.name().equalsIgnoreCase(name)) {
                return function;
            }
        }
        return null;
    }

    double number(Token token) {
        try {
            return Double.parseDouble(token.text());
        } catch (NumberFormatException invalid) {
            throw lexer.error("invalid number '" + token.text() + "'", token.start(), token.end());
        }
    }

    // ---- token helpers -----------------------------------------------------------------------------------------

    Token peekSelector() {
        int saved = lexer.position();
        Token token = lexer.nextSelectorToken();
        lexer.reset(saved);
        return token;
    }

    private Token nextSelector() {
        return lexer.nextSelectorToken();
    }

    private boolean acceptSelector(Token.Kind kind) {
        if (peekSelector().kind() == kind) {
            nextSelector();
            return true;
        }
        return false;
    }

    private void expectSelector(Token.Kind kind, String what) {
        Token token = nextSelector();
        if (token.kind() != kind) {
            throw lexer.error("expected " + what + ", found " + describe(token), token.start(), token.end());
        }
    }

    Token peekExpression() {
        int saved = lexer.position();
        Token token = lexer.nextExpressionToken();
        lexer.reset(saved);
        return token;
    }

    Token nextExpression() {
        return lexer.nextExpressionToken();
    }

    boolean acceptExpression(Token.Kind kind) {
        if (peekExpression().kind() == kind) {
            nextExpression();
            return true;
        }
        return false;
    }

    Token expectExpression(Token.Kind kind, String what) {
        Token token = nextExpression();
        if (token.kind() != kind) {
            throw lexer.error("expected " + what + ", found " + describe(token), token.start(), token.end());
        }
        return token;
    }

    static String describe(Token token) {
        return token.kind() == Token.Kind.END ? "the end of the query" : "'" + token.text() + "'";
    }

    static AggregateFunction aggregateFunction(String name) {
        for (AggregateFunction function : AggregateFunction.values()) {
            if (function.name().equalsIgnoreCase(name)) {
                return function;
            }
        }
        return null;
    }

    static CounterMode counterMode(Token token) {
        for (CounterMode mode : CounterMode.values()) {
            if (mode != CounterMode.PLAIN && token.isWord(mode.name())) {
                return mode;
            }
        }
        return null;
    }
}
