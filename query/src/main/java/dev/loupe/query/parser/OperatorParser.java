package dev.loupe.query.parser;

import dev.loupe.core.ErrorCode;
import dev.loupe.query.ast.Expression;
import dev.loupe.query.ast.Expression.FieldReference;
import dev.loupe.query.ast.Expression.StringLiteral;
import dev.loupe.query.ast.Operator;
import dev.loupe.query.ast.Operator.AggregateFunction;
import dev.loupe.query.ast.Operator.SortDirection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses one operator after a pipe (spec §1.4, §2): dispatches on the operator keyword. */
final class OperatorParser {
    private final TokenStream tokens;
    private final ExpressionParser expressions;
    private final EnrichParser enrich;
    private final SeriesOperatorParser series;
    private final CompositeParser composite;
    private final AnalyticsParser analytics;

    OperatorParser(TokenStream tokens) {
        this.tokens = tokens;
        this.expressions = new ExpressionParser(tokens);
        this.enrich = new EnrichParser(tokens, this);
        this.series = new SeriesOperatorParser(tokens, expressions);
        this.composite = new CompositeParser(tokens, this);
        this.analytics = new AnalyticsParser(tokens, this, expressions);
    }

    Operator parse() {
        Token first = tokens.current();
        switch (first.type()) {
            case IDENTIFIER -> {
                return keywordOperator(first);
            }
            case STRING, NUMBER, ESCAPED_FIELD, LEFT_PARENTHESIS, BANG, MINUS -> {
                return assignment();
            }
            default -> throw tokens.unexpected("an operator after '|'");
        }
    }

    private Operator keywordOperator(Token first) {
        String name = first.text().toLowerCase(Locale.ROOT);
        switch (name) {
            case "json" -> {
                return json();
            }
            case "parse" -> {
                return parse(false);
            }
            case "extract" -> {
                return parse(true);
            }
            case "where" -> {
                tokens.advance();
                Expression condition = expressions.parse();
                return new Operator.Where(condition, tokens.spanFrom(first.start()));
            }
            case "fields" -> {
                return fields();
            }
            case "sort", "order" -> {
                tokens.advance();
                tokens.acceptKeyword("by");
                return new Operator.Sort(sortKeys(), tokens.spanFrom(first.start()));
            }
            case "limit" -> {
                tokens.advance();
                long count = positiveCount("limit");
                return new Operator.Limit(count, tokens.spanFrom(first.start()));
            }
            case "top" -> {
                return top();
            }
            case "count", "count_distinct", "sum", "avg", "stddev", "pct", "pct_sampling", "median", "first", "last",
                    "most_recent", "least_recent", "values" -> {
                return aggregate();
            }
            case "count_frequent" -> {
                return countFrequent();
            }
            case "min", "max" -> {
                return isTwoArgumentCall() ? assignment() : aggregate();
            }
            case "lookup", "geoip", "threatip", "csv", "split", "kv", "keyvalue", "dedup", "bin" -> {
                Token next = tokens.peek();
                if (startsExpressionStatement(next) && !next.is(TokenType.LEFT_PARENTHESIS)
                        && !next.is(TokenType.STAR)) {
                    return assignment();
                }
                return enrich.parse(name);
            }
            case "join", "filter", "merge", "transactionize", "cat" -> {
                Token next = tokens.peek();
                if (startsExpressionStatement(next) && !next.is(TokenType.LEFT_PARENTHESIS)) {
                    return assignment();
                }
                return composite.parse(name);
            }
            case "transaction", "sessionize", "trace", "save", "threatlookup", "logreduce", "summarize", "logcompare",
                    "logexplain", "details" -> {
                Token next = tokens.peek();
                boolean traceDirection = name.equals("trace") && (next.is(TokenType.PLUS) || next.is(TokenType.MINUS));
                if (startsExpressionStatement(next) && !next.is(TokenType.LEFT_PARENTHESIS) && !traceDirection) {
                    return assignment();
                }
                return analytics.parse(name);
            }
            default -> {
                Token next = tokens.peek();
                if (startsExpressionStatement(next) && !next.is(TokenType.LEFT_PARENTHESIS)) {
                    return assignment();
                }
                if (SeriesOperatorParser.KEYWORDS.contains(name)) {
                    return series.parse(name);
                }
                if (OperatorCatalog.UNSUPPORTED.contains(name)) {
                    throw tokens.error(tokens.span(first), ErrorCode.QUERY_UNSUPPORTED,
                            "operator '" + name + "' is not supported yet");
                }
                if (startsExpressionStatement(next)) {
                    return assignment();
                }
                throw tokens.error(first, "unknown operator '" + first.text() + "'"
                        + Suggestions.didYouMean(first.text(), OperatorCatalog.ALL));
            }
        }
    }

    private static boolean startsExpressionStatement(Token next) {
        return switch (next.type()) {
            case LEFT_PARENTHESIS, EQUAL, DOUBLE_EQUAL, NOT_EQUAL, LESS_GREATER, LESS, LESS_OR_EQUAL, GREATER,
                    GREATER_OR_EQUAL, PLUS, MINUS, STAR, SLASH, PERCENT, AND_AND, OR_OR, QUESTION -> true;
            case IDENTIFIER -> next.isKeyword("as") || next.isKeyword("and") || next.isKeyword("or")
                    || next.isKeyword("matches") || next.isKeyword("contains") || next.isKeyword("in");
            default -> false;
        };
    }

    private boolean isTwoArgumentCall() {
        long mark = tokens.mark();
        try {
            tokens.advance();
            if (!tokens.at(TokenType.LEFT_PARENTHESIS)) {
                return false;
            }
            tokens.advance();
            expressions.parse();
            return tokens.at(TokenType.COMMA);
        } catch (RuntimeException notACall) {
            return false;
        } finally {
            tokens.reset(mark);
        }
    }

    private Operator assignment() {
        int start = tokens.current().start();
        Expression value = expressions.parse();
        FieldReference target = null;
        if (tokens.acceptKeyword("as")) {
            target = field("a field name after 'as'");
        } else if (!(value instanceof Expression.Call call && !call.arguments().isEmpty()
                && call.arguments().get(0) instanceof FieldReference)) {
            throw tokens.error(value.span(), ErrorCode.QUERY_SYNTAX,
                    "missing alias: add 'as <field>' after the expression");
        }
        return new Operator.Assign(value, target, tokens.spanFrom(start));
    }

    private Operator json() {
        Token first = tokens.advance();
        FieldReference field = null;
        boolean nodrop = false;
        while (true) {
            if (atFieldOption()) {
                field = fieldOption();
            } else if (tokens.acceptKeyword("nodrop")) {
                nodrop = true;
            } else if (tokens.atKeyword("auto") || tokens.atKeyword("keys")) {
                return enrich.jsonAuto(first, field, nodrop);
            } else {
                break;
            }
        }
        List<StringLiteral> keys = strings("a quoted key after 'json'");
        List<FieldReference> aliases = aliases();
        while (true) {
            if (tokens.acceptKeyword("nodrop")) {
                nodrop = true;
            } else if (atFieldOption()) {
                field = fieldOption();
            } else {
                break;
            }
        }
        return new Operator.Json(field, keys, aliases, nodrop, tokens.spanFrom(first.start()));
    }

    private Operator parse(boolean regex) {
        Token first = tokens.advance();
        boolean isRegex = regex;
        FieldReference field = null;
        boolean nodrop = false;
        boolean multi = false;
        while (true) {
            if (atFieldOption()) {
                field = fieldOption();
            } else if (tokens.acceptKeyword("nodrop")) {
                nodrop = true;
            } else if (tokens.acceptKeyword("multi")) {
                multi = true;
            } else if (!isRegex && tokens.acceptKeyword("regex")) {
                isRegex = true;
            } else if (!regex && !isRegex && !multi && tokens.atKeyword("xml")) {
                return enrich.parseXml(first, field, nodrop);
            } else {
                break;
            }
        }
        List<StringLiteral> patterns = strings("a quoted pattern");
        List<FieldReference> aliases = List.of();
        if (!isRegex) {
            if (!tokens.atKeyword("as")) {
                throw tokens.unexpected("'as' followed by one field name per '*' of the pattern");
            }
            aliases = aliases();
        }
        while (true) {
            if (tokens.acceptKeyword("nodrop")) {
                nodrop = true;
            } else if (isRegex && tokens.acceptKeyword("multi")) {
                multi = true;
            } else if (atFieldOption()) {
                field = fieldOption();
            } else {
                break;
            }
        }
        if (multi && !isRegex) {
            throw tokens.error(tokens.spanFrom(first.start()), ErrorCode.QUERY_SYNTAX,
                    "'multi' is only allowed with parse regex");
        }
        return isRegex
                ? new Operator.ParseRegex(field, patterns, multi, nodrop, tokens.spanFrom(first.start()))
                : new Operator.ParseAnchor(field, patterns, aliases, nodrop, tokens.spanFrom(first.start()));
    }

    private Operator fields() {
        Token first = tokens.advance();
        Operator.FieldsMode mode = Operator.FieldsMode.KEEP;
        if (tokens.accept(TokenType.MINUS)) {
            mode = Operator.FieldsMode.DROP;
        } else {
            tokens.accept(TokenType.PLUS);
        }
        List<FieldReference> fields = fieldList();
        return new Operator.Fields(mode, fields, tokens.spanFrom(first.start()));
    }

    private Operator top() {
        Token first = tokens.advance();
        long count = positiveCount("top");
        List<FieldReference> fields = fieldList();
        List<Operator.SortKey> rankBy = List.of();
        if (tokens.acceptKeyword("by")) {
            rankBy = sortKeys();
        }
        return new Operator.Top(count, fields, rankBy, tokens.spanFrom(first.start()));
    }

    private Operator aggregate() {
        int start = tokens.current().start();
        List<Operator.AggregateCall> calls = new ArrayList<>();
        List<FieldReference> groupBy = List.of();
        while (true) {
            Token name = tokens.current();
            AggregateFunction function = aggregateFunction(name);
            tokens.advance();
            Expression argument = null;
            List<Double> percentiles = new ArrayList<>();
            if (function == AggregateFunction.COUNT && !tokens.at(TokenType.LEFT_PARENTHESIS)) {
                if ((tokens.at(TokenType.IDENTIFIER) || tokens.at(TokenType.ESCAPED_FIELD)) && !tokens.atKeyword("as")
                        && !tokens.atKeyword("by") && !tokens.atKeyword("group") && calls.isEmpty()) {
                    groupBy = fieldList();
                    calls.add(new Operator.AggregateCall(function, null, null, tokens.spanFrom(name.start())));
                    return new Operator.Aggregate(calls, groupBy, tokens.spanFrom(start));
                }
            } else {
                tokens.expect(TokenType.LEFT_PARENTHESIS, "'(' after " + name.text());
                if (function == AggregateFunction.COUNT && tokens.at(TokenType.STAR)) {
                    tokens.advance();
                } else if (function != AggregateFunction.COUNT || !tokens.at(TokenType.RIGHT_PARENTHESIS)) {
                    argument = expressions.parse();
                }
                while ((function == AggregateFunction.PCT || function == AggregateFunction.PCT_SAMPLING)
                        && tokens.accept(TokenType.COMMA)) {
                    percentiles.add(percentile());
                }
                tokens.expect(TokenType.RIGHT_PARENTHESIS, "')' after the argument of " + name.text());
                if ((function == AggregateFunction.PCT || function == AggregateFunction.PCT_SAMPLING)
                        && percentiles.isEmpty()) {
                    percentiles.add(95.0);
                }
            }
            FieldReference alias = tokens.acceptKeyword("as") ? field("a field name after 'as'") : null;
            calls.add(new Operator.AggregateCall(function, argument, alias, tokens.spanFrom(name.start()),
                    percentiles));
            if (!tokens.accept(TokenType.COMMA)) {
                break;
            }
        }
        if (tokens.acceptKeyword("group")) {
            tokens.expectKeyword("by");
            groupBy = fieldList();
        } else if (tokens.acceptKeyword("by")) {
            groupBy = fieldList();
        }
        return new Operator.Aggregate(calls, groupBy, tokens.spanFrom(start));
    }

    private AggregateFunction aggregateFunction(Token name) {
        if (name.is(TokenType.IDENTIFIER)) {
            String lower = name.text().toLowerCase(Locale.ROOT);
            for (AggregateFunction function : AggregateFunction.values()) {
                if (function.keyword().equals(lower)) {
                    return function;
                }
            }
            if (OperatorCatalog.UNSUPPORTED.contains(lower)) {
                throw tokens.error(tokens.span(name), ErrorCode.QUERY_UNSUPPORTED,
                        "aggregate '" + lower + "' is not supported yet");
            }
        }
        throw tokens.unexpected("an aggregate function (count, count_distinct, sum, avg, min, max, stddev, pct, "
                + "median, first, last, most_recent, least_recent, values)");
    }

    private double percentile() {
        Token token = tokens.current();
        if (!token.is(TokenType.NUMBER) || token.number().doubleValue() <= 0 || token.number().doubleValue() >= 100) {
            throw tokens.unexpected("a percentile between 0 and 100 (exclusive)");
        }
        tokens.advance();
        return token.number().doubleValue();
    }

    private Operator countFrequent() {
        Token first = tokens.advance();
        List<FieldReference> fields = fieldList();
        List<Operator.AggregateCall> calls = List.of(new Operator.AggregateCall(AggregateFunction.COUNT_FREQUENT,
                null, null, tokens.span(first)));
        return new Operator.Aggregate(calls, fields, tokens.spanFrom(first.start()));
    }

    private List<Operator.SortKey> sortKeys() {
        List<Operator.SortKey> keys = new ArrayList<>();
        do {
            int start = tokens.current().start();
            SortDirection direction = SortDirection.DESCENDING;
            if (tokens.accept(TokenType.PLUS)) {
                direction = SortDirection.ASCENDING;
            } else if (tokens.accept(TokenType.MINUS)) {
                direction = SortDirection.DESCENDING;
            }
            FieldReference field = field("a field to sort by");
            if (tokens.acceptKeyword("asc")) {
                direction = SortDirection.ASCENDING;
            } else if (tokens.acceptKeyword("desc")) {
                direction = SortDirection.DESCENDING;
            }
            keys.add(new Operator.SortKey(field, direction, tokens.spanFrom(start)));
        } while (tokens.accept(TokenType.COMMA));
        return keys;
    }

    long positiveCount(String operator) {
        Token token = tokens.current();
        if (!token.is(TokenType.NUMBER) || !(token.number() instanceof Long count) || count <= 0) {
            throw tokens.unexpected("a positive whole number after '" + operator + "'");
        }
        tokens.advance();
        return count;
    }

    boolean atFieldOption() {
        return tokens.atKeyword("field") && tokens.peek().is(TokenType.EQUAL);
    }

    FieldReference fieldOption() {
        tokens.advance();
        tokens.advance();
        return field("a field name after 'field='");
    }

    List<StringLiteral> strings(String what) {
        List<StringLiteral> strings = new ArrayList<>();
        do {
            Token token = tokens.expect(TokenType.STRING, what);
            strings.add(new StringLiteral(token.text(), tokens.span(token)));
        } while (tokens.accept(TokenType.COMMA));
        return strings;
    }

    List<FieldReference> aliases() {
        if (!tokens.acceptKeyword("as")) {
            return List.of();
        }
        if (tokens.accept(TokenType.LEFT_PARENTHESIS)) {
            List<FieldReference> aliases = fieldList();
            tokens.expect(TokenType.RIGHT_PARENTHESIS, "')' closing the alias list");
            return aliases;
        }
        return fieldList();
    }

    List<FieldReference> fieldList() {
        List<FieldReference> fields = new ArrayList<>();
        do {
            fields.add(field("a field name"));
        } while (tokens.accept(TokenType.COMMA));
        return fields;
    }

    FieldReference field(String what) {
        Token token = tokens.current();
        if (!token.is(TokenType.IDENTIFIER) && !token.is(TokenType.ESCAPED_FIELD)) {
            throw tokens.unexpected(what);
        }
        tokens.advance();
        return new FieldReference(token.text(), tokens.span(token));
    }
}
