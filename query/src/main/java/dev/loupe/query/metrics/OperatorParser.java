package dev.loupe.query.metrics;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.SourceSpan;
import dev.loupe.query.metrics.MetricsOperator.AggregateFunction;
import dev.loupe.query.metrics.MetricsOperator.CounterMode;
import dev.loupe.query.metrics.MetricsOperator.Direction;
import dev.loupe.query.metrics.MetricsOperator.FillMode;
import dev.loupe.query.metrics.MetricsOperator.Qualifier;
import dev.loupe.query.metrics.MetricsOperator.QualifierKind;
import dev.loupe.query.parser.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses the operators after a {@code |}, one method per operator. Works on the parser's lexer. */
final class OperatorParser {
    private static final List<String> OPERATORS = List.of("quantize", "avg", "sum", "min", "max", "count", "pct", "stddev",
            "rate", "delta", "accum", "eval", "where", "filter", "topk", "bottomk", "fillmissing", "timeshift", "outlier",
            "ewma", "parse", "sort", "timeslice", "predict", "histogram_quantile");

    private final Lexer lexer;
    private final MetricsParser parser;

    OperatorParser(Lexer lexer, MetricsParser parser) {
        this.lexer = lexer;
        this.parser = parser;
    }

    MetricsOperator operator() {
        Token name = parser.nextExpression();
        if (name.kind() != Token.Kind.WORD) {
            throw lexer.error("expected an operator after '|', found " + MetricsParser.describe(name), name.start(), name.end());
        }
        String lower = name.text().toLowerCase(Locale.ROOT);
        AggregateFunction aggregate = MetricsParser.aggregateFunction(lower);
        if (aggregate != null) {
            return aggregate(aggregate, name);
        }
        return switch (lower) {
            case "quantize" -> quantize(name);
            case "timeslice" -> timeslice(name);
            case "rate" -> rate(name);
            case "delta" -> new MetricsOperator.Delta(counterMode(), spanFrom(name));
            case "accum" -> new MetricsOperator.Accumulate(spanFrom(name));
            case "eval" -> new MetricsOperator.Eval(parser.expression(false), spanFrom(name));
            case "where", "filter" -> where(name);
            case "topk", "bottomk" -> rank(name, lower.equals("topk"));
            case "fillmissing" -> fillMissing(name);
            case "timeshift" -> new MetricsOperator.Timeshift(duration("a duration such as 1d after 'timeshift'"), spanFrom(name));
            case "outlier" -> outlier(name);
            case "ewma" -> movingAverage(name);
            case "parse" -> parse(name);
            case "sort" -> sort(name);
            case "predict" -> predict(name);
            case "histogram_quantile" -> histogramQuantile(name);
            default -> throw new LoupeException(ErrorCode.QUERY_SYNTAX, "unknown metrics operator '" + name.text() + "'"
                    + Suggestions.didYouMean(lower, OPERATORS), lexer.span(name.start(), name.end()));
        };
    }

    private SourceSpan spanFrom(Token start) {
        return lexer.span(start.start(), Math.max(start.end(), lexer.position()));
    }

    private MetricsOperator aggregate(AggregateFunction function, Token name) {
        double percentile = 0;
        if (function == AggregateFunction.PCT) {
            parser.expectExpression(Token.Kind.LEFT_PAREN, "'(' and a percentile after 'pct'");
            Token number = parser.expectExpression(Token.Kind.NUMBER, "a percentile between 0 and 100");
            percentile = parser.number(number);
            if (percentile < 0 || percentile > 100) {
                throw new LoupeException(ErrorCode.QUERY_INVALID, "a percentile is between 0 and 100, not " + number.text(),
                        lexer.span(number.start(), number.end()));
            }
            parser.expectExpression(Token.Kind.RIGHT_PAREN, "')'");
        }
        List<String> by = List.of();
        if (parser.peekExpression().isWord("by")) {
            parser.nextExpression();
            by = nameList();
        }
        return new MetricsOperator.Aggregate(function, percentile, by, spanFrom(name));
    }

    /** {@code a, b, c}: dimension names (identifiers or quoted). */
    List<String> nameList() {
        List<String> names = new ArrayList<>();
        do {
            names.add(name("a dimension name"));
        } while (parser.acceptExpression(Token.Kind.COMMA));
        return names;
    }

    String name(String what) {
        Token token = parser.nextExpression();
        if (token.kind() != Token.Kind.WORD && token.kind() != Token.Kind.STRING) {
            throw lexer.error("expected " + what + ", found " + MetricsParser.describe(token), token.start(), token.end());
        }
        return token.text();
    }

    private MetricsOperator quantize(Token name) {
        long interval = 0;
        Rollup rollup = null;
        boolean dropLast = false;
        boolean any = false;
        if (parser.peekExpression().isWord("to")) {
            parser.nextExpression();
            interval = duration("an interval such as 1m after 'to'");
            any = true;
        } else if (parser.peekExpression().kind() == Token.Kind.DURATION) {
            interval = duration("an interval");
            any = true;
        }
        if (parser.peekExpression().isWord("using")) {
            parser.nextExpression();
            rollup = rollupName();
            any = true;
        }
        if (parser.peekExpression().isWord("drop")) {
            Token drop = parser.nextExpression();
            Token last = parser.nextExpression();
            if (!last.isWord("last")) {
                throw lexer.error("expected 'drop last'", drop.start(), last.end());
            }
            dropLast = true;
        }
        if (!any) {
            throw lexer.error("quantize needs 'to <interval>' or 'using <rollup>' (e.g. quantize to 1m using sum)", name.start(), name.end());
        }
        return new MetricsOperator.Quantize(interval, rollup, dropLast, spanFrom(name));
    }

    /** {@code timeslice <rollup> over <d>}: a re-quantization. */
    private MetricsOperator timeslice(Token name) {
        Rollup rollup = rollupName();
        Token over = parser.nextExpression();
        if (!over.isWord("over")) {
            throw lexer.error("expected 'over <interval>' after the rollup", over.start(), over.end());
        }
        return new MetricsOperator.Quantize(duration("an interval"), rollup, false, spanFrom(name));
    }

    /** {@code [sum over 5m]} after the selector; the '[' is already read. */
    MetricsOperator.Quantize rollupSelector(int start) {
        Rollup rollup = rollupName();
        Token over = parser.nextExpression();
        if (!over.isWord("over")) {
            throw lexer.error("expected 'over <interval>' in the rollup selector", over.start(), over.end());
        }
        long interval = duration("an interval such as 5m");
        parser.expectExpression(Token.Kind.RIGHT_BRACKET, "']'");
        return new MetricsOperator.Quantize(interval, rollup, false, lexer.span(start, lexer.position()));
    }

    private Rollup rollupName() {
        Token token = parser.nextExpression();
        try {
            return Rollup.parse(token.text());
        } catch (LoupeException unknown) {
            throw new LoupeException(ErrorCode.QUERY_SYNTAX, unknown.detail(), lexer.span(token.start(), token.end()), unknown);
        }
    }

    private MetricsOperator rate(Token name) {
        CounterMode mode = counterMode();
        long over = 0;
        Token next = parser.peekExpression();
        if (next.isWord("over")) {
            parser.nextExpression();
            over = duration("a window such as 5m after 'over'");
        } else if (next.kind() == Token.Kind.DURATION) {
            over = duration("a window");
        }
        return new MetricsOperator.Rate(mode, over, spanFrom(name));
    }

    private CounterMode counterMode() {
        CounterMode mode = MetricsParser.counterMode(parser.peekExpression());
        if (mode == null) {
            return CounterMode.PLAIN;
        }
        parser.nextExpression();
        return mode;
    }

    private MetricsOperator where(Token name) {
        Expression condition = parser.expression(false);
        Qualifier qualifier = null;
        Token next = parser.peekExpression();
        if (next.isWord("all") || next.isWord("any")) {
            parser.nextExpression();
            qualifier = new Qualifier(next.isWord("all") ? QualifierKind.ALL : QualifierKind.ANY, 0, 0);
        } else if (next.isWord("atleast")) {
            parser.nextExpression();
            Token count = parser.expectExpression(Token.Kind.NUMBER, "a number of points after 'atleast'");
            qualifier = new Qualifier(QualifierKind.AT_LEAST, (int) parser.number(count), 0);
        } else if (next.isWord("last") || next.isWord("first")) {
            parser.nextExpression();
            qualifier = new Qualifier(next.isWord("last") ? QualifierKind.LAST : QualifierKind.FIRST, 0, duration("a duration"));
        }
        return new MetricsOperator.Where(condition, qualifier, spanFrom(name));
    }

    private MetricsOperator rank(Token name, boolean top) {
        parser.expectExpression(Token.Kind.LEFT_PAREN, "'(' after '" + name.text() + "'");
        Token count = parser.expectExpression(Token.Kind.NUMBER, "the number of series to keep");
        int keep = (int) parser.number(count);
        if (keep <= 0) {
            throw new LoupeException(ErrorCode.QUERY_INVALID, "the number of series to keep must be positive", lexer.span(count.start(), count.end()));
        }
        parser.expectExpression(Token.Kind.COMMA, "',' and a ranking expression such as max");
        Expression ranking = parser.expression(false);
        parser.expectExpression(Token.Kind.RIGHT_PAREN, "')'");
        List<String> by = List.of();
        if (parser.peekExpression().isWord("by")) {
            parser.nextExpression();
            by = nameList();
        }
        return new MetricsOperator.Rank(top, keep, ranking, by, spanFrom(name));
    }

    private MetricsOperator fillMissing(Token name) {
        if (parser.peekExpression().isWord("using")) {
            parser.nextExpression();
        }
        Token token = parser.nextExpression();
        boolean negative = token.kind() == Token.Kind.MINUS;
        if (negative) {
            token = parser.nextExpression();
        }
        if (token.kind() == Token.Kind.NUMBER) {
            double value = parser.number(token);
            return new MetricsOperator.FillMissing(FillMode.CONSTANT, negative ? -value : value, spanFrom(name));
        }
        for (FillMode mode : FillMode.values()) {
            if (mode != FillMode.CONSTANT && token.isWord(mode.name())) {
                return new MetricsOperator.FillMissing(mode, 0, spanFrom(name));
            }
        }
        throw lexer.error("expected empty, interpolation, last or a number after 'fillmissing'", token.start(), token.end());
    }

    private MetricsOperator outlier(Token name) {
        long windowMillis = 300_000L;
        int windowPoints = 0;
        double threshold = 3;
        Direction direction = Direction.BOTH;
        while (parser.peekExpression().kind() == Token.Kind.WORD) {
            Token key = parser.nextExpression();
            parser.expectExpression(Token.Kind.EQUALS, "'=' after '" + key.text() + "'");
            if (key.isWord("window")) {
                Token value = parser.nextExpression();
                if (value.kind() == Token.Kind.DURATION) {
                    windowMillis = durationMillis(value);
                } else if (value.kind() == Token.Kind.NUMBER) {
                    windowPoints = (int) parser.number(value);
                    windowMillis = 0;
                } else {
                    throw lexer.error("expected a duration or a number of points for window", value.start(), value.end());
                }
            } else if (key.isWord("threshold")) {
                threshold = parser.number(parser.expectExpression(Token.Kind.NUMBER, "a number for threshold"));
            } else if (key.isWord("direction")) {
                direction = direction();
            } else {
                throw lexer.error("unknown outlier option '" + key.text() + "': expected window, threshold or direction", key.start(), key.end());
            }
            parser.acceptExpression(Token.Kind.COMMA);
        }
        return new MetricsOperator.Outlier(windowMillis, windowPoints, threshold, direction, spanFrom(name));
    }

    private Direction direction() {
        Token first = parser.nextExpression();
        if (first.kind() == Token.Kind.PLUS) {
            if (parser.peekExpression().kind() == Token.Kind.MINUS && parser.peekExpression().start() == first.end()) {
                parser.nextExpression();
                return Direction.BOTH;
            }
            return Direction.UP;
        }
        if (first.kind() == Token.Kind.MINUS) {
            return Direction.DOWN;
        }
        throw lexer.error("expected +-, + or - for direction", first.start(), first.end());
    }

    private MetricsOperator movingAverage(Token name) {
        double alpha = 0.5;
        if (parser.peekExpression().kind() == Token.Kind.WORD) {
            Token key = parser.nextExpression();
            parser.expectExpression(Token.Kind.EQUALS, "'='");
            double value = parser.number(parser.expectExpression(Token.Kind.NUMBER, "a number"));
            if (key.isWord("alpha")) {
                alpha = value;
            } else if (key.isWord("span")) {
                alpha = 2 / (value + 1);
            } else {
                throw lexer.error("expected alpha= or span=", key.start(), key.end());
            }
            if (!(alpha > 0 && alpha <= 1)) {
                throw new LoupeException(ErrorCode.QUERY_INVALID, "alpha must be in (0, 1]", lexer.span(key.start(), lexer.position()));
            }
        }
        return new MetricsOperator.MovingAverage(alpha, spanFrom(name));
    }

    /** {@code predict [model=linear|ar] [forecast=N|<d>] [ar.window=N]}, options in any order, commas optional. */
    private MetricsOperator predict(Token name) {
        boolean autoregressive = false;
        int forecastPoints = 3;
        long forecastMillis = 0;
        int arWindow = 3;
        while (parser.peekExpression().kind() == Token.Kind.WORD) {
            Token key = parser.nextExpression();
            parser.expectExpression(Token.Kind.EQUALS, "'=' after '" + key.text() + "'");
            if (key.isWord("model")) {
                Token model = parser.nextExpression();
                if (!model.isWord("linear") && !model.isWord("ar")) {
                    throw lexer.error("expected linear or ar for model, found " + MetricsParser.describe(model), model.start(), model.end());
                }
                autoregressive = model.isWord("ar");
            } else if (key.isWord("forecast")) {
                Token value = parser.nextExpression();
                if (value.kind() == Token.Kind.DURATION) {
                    forecastMillis = durationMillis(value);
                } else if (value.kind() == Token.Kind.NUMBER) {
                    forecastPoints = wholeNumber(value, 1, MetricsOperator.Predict.MAX_FORECAST_POINTS, "forecast");
                    forecastMillis = 0;
                } else {
                    throw lexer.error("expected a number of points or a duration for forecast", value.start(), value.end());
                }
            } else if (key.isWord("ar.window")) {
                arWindow = wholeNumber(parser.expectExpression(Token.Kind.NUMBER, "a number of points for ar.window"), 1, 100, "ar.window");
            } else {
                throw lexer.error("unknown predict option '" + key.text() + "': expected model, forecast or ar.window", key.start(), key.end());
            }
            parser.acceptExpression(Token.Kind.COMMA);
        }
        return new MetricsOperator.Predict(autoregressive, forecastPoints, forecastMillis, arWindow, spanFrom(name));
    }

    private int wholeNumber(Token token, int min, int max, String option) {
        double value = parser.number(token);
        if (value != Math.rint(value) || value < min || value > max) {
            throw new LoupeException(ErrorCode.QUERY_INVALID, option + " must be a whole number from " + min + " to " + max + ", not " + token.text(),
                    lexer.span(token.start(), token.end()));
        }
        return (int) value;
    }

    /** {@code histogram_quantile(q)}, {@code q} from 0 to 1. */
    private MetricsOperator histogramQuantile(Token name) {
        parser.expectExpression(Token.Kind.LEFT_PAREN, "'(' and a quantile after 'histogram_quantile'");
        Token number = parser.expectExpression(Token.Kind.NUMBER, "a quantile between 0 and 1");
        double quantile = parser.number(number);
        if (quantile < 0 || quantile > 1) {
            throw new LoupeException(ErrorCode.QUERY_INVALID, "a histogram quantile is between 0 and 1, not " + number.text(),
                    lexer.span(number.start(), number.end()));
        }
        parser.expectExpression(Token.Kind.RIGHT_PAREN, "')'");
        return new MetricsOperator.HistogramQuantile(quantile, spanFrom(name));
    }

    private MetricsOperator parse(Token name) {
        String field = "metric";
        int saved = lexer.position();
        Token key = parser.nextExpression();
        if (key.isWord("field") && parser.peekExpression().kind() == Token.Kind.EQUALS) {
            parser.nextExpression();
            field = name("a dimension name after 'field='");
        } else {
            lexer.reset(saved);
        }
        Token pattern = lexer.rawUntilAs();
        String text = pattern.text();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        parser.nextExpression();
        List<String> names = nameList();
        int wildcards = (int) text.replace("**", "*").chars().filter(character -> character == '*').count();
        if (wildcards != names.size()) {
            throw new LoupeException(ErrorCode.QUERY_INVALID, "the pattern has " + wildcards + " wildcard" + (wildcards == 1 ? "" : "s")
                    + " but " + names.size() + " name" + (names.size() == 1 ? "" : "s") + " follow 'as'", lexer.span(pattern.start(), pattern.end()));
        }
        return new MetricsOperator.Parse(field, text, names, spanFrom(name));
    }

    private MetricsOperator sort(Token name) {
        if (parser.peekExpression().isWord("by")) {
            parser.nextExpression();
        }
        String dimension = null;
        Expression ranking = null;
        int saved = lexer.position();
        Token first = parser.nextExpression();
        Token after = parser.peekExpression();
        boolean plainName = first.kind() == Token.Kind.WORD && (after.kind() == Token.Kind.END || after.kind() == Token.Kind.PIPE
                || after.isWord("asc") || after.isWord("desc"));
        if (plainName && !isReducerName(first.text())) {
            dimension = first.text();
        } else {
            lexer.reset(saved);
            ranking = parser.expression(false);
        }
        boolean ascending = false;
        if (parser.peekExpression().isWord("asc") || parser.peekExpression().isWord("desc")) {
            ascending = parser.nextExpression().isWord("asc");
        }
        return new MetricsOperator.Sort(dimension, ranking, ascending, spanFrom(name));
    }

    private static boolean isReducerName(String name) {
        for (Expression.Reducer reducer : Expression.Reducer.values()) {
            if (reducer.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private long duration(String what) {
        Token token = parser.nextExpression();
        if (token.kind() != Token.Kind.DURATION) {
            throw lexer.error("expected " + what + ", found " + MetricsParser.describe(token), token.start(), token.end());
        }
        return durationMillis(token);
    }

    /** {@code 100ms}, {@code 15s}, {@code 5m}, {@code 1h}, {@code 7d}, {@code 2w}. */
    long durationMillis(Token token) {
        String text = token.text().toLowerCase(Locale.ROOT);
        int unitStart = 0;
        while (unitStart < text.length() && (Character.isDigit(text.charAt(unitStart)) || text.charAt(unitStart) == '.')) {
            unitStart++;
        }
        double amount;
        try {
            amount = Double.parseDouble(text.substring(0, unitStart));
        } catch (NumberFormatException notANumber) {
            // the lexer takes any run of digits and points before a unit (found by fuzzing: "forecast=.6660.666.6h")
            throw lexer.error("'" + token.text() + "' is not a duration: expected a number and a unit such as 15m",
                    token.start(), token.end());
        }
        long unit = switch (text.substring(unitStart)) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            case "w" -> 604_800_000L;
            default -> throw lexer.error("unknown time unit in '" + token.text() + "': expected ms, s, m, h, d or w", token.start(), token.end());
        };
        long millis = Math.round(amount * unit);
        if (millis <= 0) {
            throw lexer.error("a duration must be positive: '" + token.text() + "'", token.start(), token.end());
        }
        return millis;
    }
}
