package dev.loupe.query.parser;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.SourceSpan;
import dev.loupe.query.ast.AnalyticsOperator;
import dev.loupe.query.ast.AnalyticsOperator.SessionPattern;
import dev.loupe.query.ast.AnalyticsOperator.TraceDirection;
import dev.loupe.query.ast.AnalyticsOperator.TransactionResults;
import dev.loupe.query.ast.AnalyticsOperator.TransactionState;
import dev.loupe.query.ast.Expression;
import dev.loupe.query.ast.Expression.FieldReference;
import dev.loupe.query.ast.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses transaction analytics, behaviour insights and {@code save} (spec §2.8, §2.17) for {@link OperatorParser}.
 *
 * <p>{@code logreduce ... | details <id>} is read as one {@link AnalyticsOperator.Details} over the logreduce's
 * field: Sumo shows the messages of that signature, so the logreduce itself is not run.
 */
final class AnalyticsParser {
    private final TokenStream tokens;
    private final OperatorParser operators;
    private final ExpressionParser expressions;

    AnalyticsParser(TokenStream tokens, OperatorParser operators, ExpressionParser expressions) {
        this.tokens = tokens;
        this.operators = operators;
        this.expressions = expressions;
    }

    /** The operator starting at the current token, whose lower-case name is {@code name}. */
    Operator parse(String name) {
        Token first = tokens.current();
        AnalyticsOperator operator = switch (name) {
            case "transaction" -> transaction(first);
            case "sessionize" -> sessionize(first);
            case "trace" -> trace(first);
            case "save" -> save(first);
            case "threatlookup" -> threatLookup(first);
            case "logreduce", "summarize" -> logReduce(first);
            case "logcompare" -> logCompare(first);
            case "logexplain" -> logExplain(first);
            case "details" -> details(first, null);
            default -> throw new IllegalStateException("not an analytics operator: " + name);
        };
        return new Operator.Analytics(operator);
    }

    private AnalyticsOperator.Transaction transaction(Token first) {
        tokens.advance();
        tokens.expectKeyword("on");
        List<FieldReference> keys = operators.fieldList();
        long fringe = -1;
        if (tokens.atKeyword("fringe") && tokens.peek().is(TokenType.EQUAL)) {
            tokens.advance();
            tokens.advance();
            Token value = tokens.current();
            if (!value.is(TokenType.NUMBER) || !(value.number() instanceof Long millis) || millis <= 0) {
                throw tokens.unexpected("a duration after 'fringe=' (e.g. 10m)");
            }
            tokens.advance();
            fringe = millis;
        }
        List<TransactionState> states = new ArrayList<>();
        do {
            int start = tokens.current().start();
            tokens.expectKeyword("with");
            if (tokens.acceptKeyword("states")) {
                List<Token> names = new ArrayList<>();
                do {
                    Token state = tokens.current();
                    if (!state.is(TokenType.IDENTIFIER) && !state.is(TokenType.STRING)) {
                        throw tokens.unexpected("a state name after 'with states'");
                    }
                    tokens.advance();
                    names.add(state);
                } while (tokens.accept(TokenType.COMMA));
                tokens.expectKeyword("in");
                FieldReference field = operators.field("the field holding the states after 'in'");
                for (Token state : names) {
                    states.add(new TransactionState(state.text(), true, field, state.text(), tokens.span(state)));
                }
            } else {
                Token match = tokens.expect(TokenType.STRING, "a quoted match text after 'with'");
                FieldReference field = tokens.acceptKeyword("in") ? operators.field("a field name after 'in'") : null;
                tokens.expectKeyword("as");
                FieldReference name = operators.field("a state name after 'as'");
                states.add(new TransactionState(match.text(), false, field, name.name(), tokens.spanFrom(start)));
            }
        } while (tokens.accept(TokenType.COMMA) || tokens.atKeyword("with"));
        TransactionResults results = TransactionResults.TRANSACTIONS;
        if (tokens.acceptKeyword("results")) {
            tokens.expectKeyword("by");
            if (tokens.acceptKeyword("transactions")) {
                results = TransactionResults.TRANSACTIONS;
            } else if (tokens.acceptKeyword("states")) {
                results = TransactionResults.STATES;
            } else if (tokens.acceptKeyword("flow")) {
                results = TransactionResults.FLOW;
            } else {
                throw tokens.unexpected("transactions, states or flow after 'results by'");
            }
        }
        if (tokens.atKeyword("showing")) {
            throw tokens.error(tokens.span(tokens.current()), ErrorCode.QUERY_UNSUPPORTED,
                    "transaction ... showing is not supported yet; compute the columns with later operators");
        }
        return new AnalyticsOperator.Transaction(keys, fringe, states, results, tokens.spanFrom(first.start()));
    }

    private AnalyticsOperator.Sessionize sessionize(Token first) {
        tokens.advance();
        List<SessionPattern> patterns = new ArrayList<>();
        do {
            Token pattern = tokens.expect(TokenType.STRING, "a quoted pattern");
            tokens.expectKeyword("as");
            List<FieldReference> aliases = new ArrayList<>();
            if (tokens.accept(TokenType.LEFT_PARENTHESIS)) {
                aliases.addAll(operators.fieldList());
                tokens.expect(TokenType.RIGHT_PARENTHESIS, "')' closing the field names");
            } else {
                aliases.add(operators.field("a field name after 'as'"));
                while (tokens.at(TokenType.COMMA) && !tokens.peek().is(TokenType.STRING)) {
                    tokens.advance();
                    aliases.add(operators.field("a field name"));
                }
            }
            patterns.add(new SessionPattern(pattern.text(), aliases, tokens.spanFrom(pattern.start())));
        } while (tokens.accept(TokenType.COMMA));
        return new AnalyticsOperator.Sessionize(patterns, tokens.spanFrom(first.start()));
    }

    private AnalyticsOperator.Trace trace(Token first) {
        tokens.advance();
        TraceDirection direction = TraceDirection.BOTH;
        if (tokens.accept(TokenType.PLUS)) {
            direction = TraceDirection.FORWARD;
        } else if (tokens.accept(TokenType.MINUS)) {
            direction = TraceDirection.BACKWARD;
        }
        Token regex = tokens.expect(TokenType.STRING, "a quoted regex with one capturing group");
        Token start = tokens.expect(TokenType.STRING, "the quoted value the trace starts from");
        return new AnalyticsOperator.Trace(direction, regex.text(), tokens.span(regex), start.text(),
                tokens.spanFrom(first.start()));
    }

    private AnalyticsOperator.Save save(Token first) {
        String text = tokens.lexer().text();
        int start = tokens.lexer().skipTrivia(first.end());
        boolean append = false;
        if (text.regionMatches(true, start, "append", 0, "append".length()) && start + 6 < text.length()
                && Character.isWhitespace(text.charAt(start + 6))) {
            append = true;
            start = tokens.lexer().skipTrivia(start + 6);
        }
        String table = RawText.tableReference(tokens, start, "a lookup table after 'save' (path://\"...\")");
        SourceSpan tableSpan = tokens.lexer().span(start, start + table.length());
        return new AnalyticsOperator.Save(table, append, tableSpan, tokens.spanFrom(first.start()));
    }

    private AnalyticsOperator.ThreatLookup threatLookup(Token first) {
        tokens.advance();
        boolean single = false;
        String source = null;
        String include = null;
        while (true) {
            if (tokens.atKeyword("singleIndicator")) {
                tokens.advance();
                single = true;
            } else if (tokens.atKeyword("source") && tokens.peek().is(TokenType.EQUAL)) {
                tokens.advance();
                tokens.advance();
                source = tokens.expect(TokenType.STRING, "a quoted source after 'source='").text();
            } else if (tokens.atKeyword("include") && tokens.peek().is(TokenType.EQUAL)) {
                tokens.advance();
                tokens.advance();
                Token value = tokens.current();
                if (!value.is(TokenType.STRING) && !value.is(TokenType.IDENTIFIER)) {
                    throw tokens.unexpected("a value after 'include='");
                }
                tokens.advance();
                include = value.text();
            } else {
                break;
            }
            tokens.accept(TokenType.COMMA);
        }
        List<FieldReference> fields = operators.fieldList();
        return new AnalyticsOperator.ThreatLookup(fields, single, source, include, tokens.spanFrom(first.start()));
    }

    private AnalyticsOperator logReduce(Token first) {
        tokens.advance();
        if (tokens.acceptKeyword("keys")) {
            FieldReference field = null;
            long limit = -1;
            while (true) {
                if (operators.atFieldOption()) {
                    field = operators.fieldOption();
                } else if (atOption("limit") || atOption("top")) {
                    limit = countOption();
                } else {
                    break;
                }
                tokens.accept(TokenType.COMMA);
            }
            return new AnalyticsOperator.LogReduceKeys(field, limit, tokens.spanFrom(first.start()));
        }
        if (tokens.acceptKeyword("values")) {
            tokens.expectKeyword("on");
            List<FieldReference> fields = operators.fieldList();
            long limit = atOption("limit") ? countOption() : -1;
            return new AnalyticsOperator.LogReduceValues(fields, limit, tokens.spanFrom(first.start()));
        }
        FieldReference field = null;
        List<FieldReference> groupBy = List.of();
        long limit = -1;
        boolean leastCommon = false;
        boolean optimize = false;
        while (true) {
            if (operators.atFieldOption()) {
                field = operators.fieldOption();
            } else if (tokens.acceptKeyword("by")) {
                groupBy = operators.fieldList();
            } else if (atOption("limit")) {
                limit = countOption();
            } else if (atOption("criteria")) {
                tokens.advance();
                tokens.advance();
                if (tokens.acceptKeyword("leastcommon")) {
                    leastCommon = true;
                } else if (!tokens.acceptKeyword("mostcommon")) {
                    throw tokens.unexpected("mostcommon or leastcommon after 'criteria='");
                }
            } else if (tokens.acceptKeyword("optimize")) {
                optimize = true;
            } else if (!tokens.accept(TokenType.COMMA)) {
                break;
            }
        }
        SourceSpan span = tokens.spanFrom(first.start());
        if (tokens.at(TokenType.PIPE) && tokens.peek().isKeyword("details")) {
            tokens.advance();
            return details(tokens.current(), field);
        }
        return new AnalyticsOperator.LogReduce(field, groupBy, limit, leastCommon, optimize, span);
    }

    private AnalyticsOperator.LogCompare logCompare(Token first) {
        tokens.advance();
        tokens.expectKeyword("timeshift");
        tokens.accept(TokenType.MINUS);
        Token shift = tokens.current();
        if (!shift.is(TokenType.NUMBER) || !(shift.number() instanceof Long millis) || millis <= 0) {
            throw tokens.unexpected("a duration after 'timeshift' (e.g. -24h)");
        }
        tokens.advance();
        if (tokens.atKeyword("baseline")) {
            throw tokens.error(tokens.span(tokens.current()), ErrorCode.QUERY_UNSUPPORTED,
                    "logcompare baseline queries are not supported yet; the baseline is this query over the shifted range");
        }
        return new AnalyticsOperator.LogCompare(millis, tokens.spanFrom(first.start()));
    }

    private AnalyticsOperator.LogExplain logExplain(Token first) {
        tokens.advance();
        if (atOption("maxCombos")) {
            countOption();
        }
        Expression test = expressions.parse();
        Expression control = tokens.acceptKeyword("against") ? expressions.parse() : null;
        tokens.expectKeyword("on");
        List<FieldReference> fields = operators.fieldList();
        return new AnalyticsOperator.LogExplain(test, control, fields, tokens.spanFrom(first.start()));
    }

    private AnalyticsOperator.Details details(Token first, FieldReference field) {
        tokens.advance();
        Token id = tokens.current();
        long signature;
        if (id.is(TokenType.NUMBER) && id.number() instanceof Long number && number >= 0) {
            signature = number;
        } else if (id.is(TokenType.STRING) && id.text().strip().matches("\\d{1,18}")) {
            signature = Long.parseLong(id.text().strip());
        } else {
            throw tokens.unexpected("a signature id (a _signature_id value of logreduce) after 'details'");
        }
        tokens.advance();
        return new AnalyticsOperator.Details(signature, field, tokens.spanFrom(first.start()));
    }

    private boolean atOption(String name) {
        return tokens.current().is(TokenType.IDENTIFIER)
                && tokens.current().text().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
                && tokens.peek().is(TokenType.EQUAL);
    }

    private long countOption() {
        Token option = tokens.advance();
        tokens.advance();
        return operators.positiveCount(option.text() + "=");
    }
}
