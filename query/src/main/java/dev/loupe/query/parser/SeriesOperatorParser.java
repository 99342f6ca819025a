package dev.loupe.query.parser;

import dev.loupe.core.ErrorCode;
import dev.loupe.query.ast.Expression;
import dev.loupe.query.ast.Expression.FieldReference;
import dev.loupe.query.ast.Operator;
import dev.loupe.query.ast.SeriesOperator;
import dev.loupe.query.ast.SeriesOperator.FillGenerator;
import dev.loupe.query.ast.SeriesOperator.TimesliceSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the aggregates-and-time-series operators (spec §2.5–2.7, §2.9–2.11) for {@link OperatorParser}: the
 * current token is the operator keyword; parsing stops before the next {@code |}.
 */
final class SeriesOperatorParser {
    /** The keywords this parser handles. */
    static final Set<String> KEYWORDS = Set.of("timeslice", "withtime", "transpose", "topk", "fillmissing",
            "compare", "total", "accum", "diff", "backshift", "smooth", "rollingstd", "outlier", "predict");

    private static final Set<String> TIME_UNITS = Set.of("ms", "s", "m", "h", "d", "w");

    private final TokenStream tokens;
    private final ExpressionParser expressions;

    SeriesOperatorParser(TokenStream tokens, ExpressionParser expressions) {
        this.tokens = tokens;
        this.expressions = expressions;
    }

    Operator parse(String keyword) {
        Token first = tokens.advance();
        int start = first.start();
        SeriesOperator operator = switch (keyword) {
            case "timeslice" -> timeslice(start);
            case "withtime" -> new SeriesOperator.Withtime(field("a field after 'withtime'"), tokens.spanFrom(start));
            case "transpose" -> transpose(start);
            case "topk" -> topk(start);
            case "fillmissing" -> fillmissing(start);
            case "compare" -> compare(start);
            case "total" -> window(SeriesOperator.WindowKind.TOTAL, start);
            case "accum" -> window(SeriesOperator.WindowKind.ACCUM, start);
            case "diff" -> window(SeriesOperator.WindowKind.DIFF, start);
            case "backshift" -> window(SeriesOperator.WindowKind.BACKSHIFT, start);
            case "smooth" -> window(SeriesOperator.WindowKind.SMOOTH, start);
            case "rollingstd" -> window(SeriesOperator.WindowKind.ROLLINGSTD, start);
            case "outlier" -> outlier(start);
            case "predict" -> predict(start);
            default -> throw new IllegalArgumentException("not a time-series operator: " + keyword);
        };
        return new Operator.TimeSeries(operator);
    }

    private SeriesOperator timeslice(int start) {
        tokens.acceptKeyword("by");
        TimesliceSize size = new TimesliceSize.WholeRange();
        if (tokens.at(TokenType.NUMBER)) {
            Token number = tokens.current();
            if (isDuration(number)) {
                tokens.advance();
                size = new TimesliceSize.FixedLength(durationMillis(number));
            } else {
                long buckets = positiveWholeNumber("a duration like 5m or a bucket count");
                tokens.expectKeyword("buckets");
                size = new TimesliceSize.BucketCount(buckets);
            }
        }
        FieldReference alias = tokens.acceptKeyword("as") ? field("a field name after 'as'") : null;
        return new SeriesOperator.Timeslice(size, alias, tokens.spanFrom(start));
    }

    private SeriesOperator transpose(int start) {
        tokens.expectKeyword("row");
        List<FieldReference> rows = fieldList();
        tokens.expectKeyword("column");
        List<FieldReference> columns = fieldList();
        List<FieldReference> aliases = new ArrayList<>();
        boolean includeRest = true;
        if (tokens.acceptKeyword("as")) {
            includeRest = false;
            boolean parenthesised = tokens.accept(TokenType.LEFT_PARENTHESIS);
            do {
                if (tokens.accept(TokenType.STAR)) {
                    includeRest = true;
                } else {
                    aliases.add(field("a column name or '*'"));
                }
            } while (tokens.accept(TokenType.COMMA));
            if (parenthesised) {
                tokens.expect(TokenType.RIGHT_PARENTHESIS, "')' closing the column list");
            }
        }
        return new SeriesOperator.Transpose(rows, columns, aliases, includeRest, tokens.spanFrom(start));
    }

    private SeriesOperator topk(int start) {
        tokens.expect(TokenType.LEFT_PARENTHESIS, "'(' after topk");
        long count = positiveWholeNumber("the number of rows to keep");
        tokens.expect(TokenType.COMMA, "',' and the field to rank by");
        List<FieldReference> rankBy = fieldList();
        tokens.expect(TokenType.RIGHT_PARENTHESIS, "')' closing topk");
        List<FieldReference> groupBy = byClause();
        return new SeriesOperator.TopK(count, rankBy, groupBy, tokens.spanFrom(start));
    }

    private SeriesOperator fillmissing(int start) {
        List<FillGenerator> generators = new ArrayList<>();
        do {
            generators.add(generator());
        } while (tokens.accept(TokenType.COMMA));
        List<SeriesOperator.FillDefault> defaults = new ArrayList<>();
        if (tokens.acceptKeyword("with")) {
            do {
                Expression value = expressions.parse();
                tokens.expectKeyword("for");
                defaults.add(new SeriesOperator.FillDefault(value, field("a field after 'for'")));
            } while (tokens.accept(TokenType.COMMA));
        }
        boolean takeLast = tokens.acceptKeyword("takelast");
        return new SeriesOperator.FillMissing(generators, defaults, takeLast, tokens.spanFrom(start));
    }

    private FillGenerator generator() {
        if (tokens.acceptKeyword("timeslice")) {
            Long millis = null;
            if (tokens.accept(TokenType.LEFT_PARENTHESIS)) {
                Token duration = tokens.current();
                if (!isDuration(duration)) {
                    throw tokens.unexpected("a duration like 15m");
                }
                tokens.advance();
                millis = durationMillis(duration);
                tokens.expect(TokenType.RIGHT_PARENTHESIS, "')' after the duration");
            }
            FieldReference field = tokens.acceptKeyword("in") ? field("a field after 'in'") : null;
            return new FillGenerator.Timeslices(millis, field);
        }
        if (!tokens.acceptKeyword("values")) {
            throw tokens.unexpected("'timeslice' or 'values' in fillmissing");
        }
        if (tokens.acceptKeyword("all")) {
            tokens.expectKeyword("in");
            return new FillGenerator.AllValues(field("a field after 'in'"));
        }
        tokens.expect(TokenType.LEFT_PARENTHESIS, "'(' or 'all' after 'values'");
        List<Expression> values = new ArrayList<>();
        do {
            values.add(expressions.parse());
        } while (tokens.accept(TokenType.COMMA));
        tokens.expect(TokenType.RIGHT_PARENTHESIS, "')' closing the values");
        tokens.expectKeyword("in");
        return new FillGenerator.ListedValues(values, field("a field after 'in'"));
    }

    private SeriesOperator compare(int start) {
        tokens.acceptKeyword("with");
        List<SeriesOperator.Shift> shifts = new ArrayList<>();
        do {
            int shiftStart = tokens.current().start();
            tokens.expectKeyword("timeshift");
            Token duration = tokens.current();
            if (!isDuration(duration) || duration.text().endsWith("ms")) {
                throw tokens.unexpected("a shift like 1d (units s, m, h, d, w)");
            }
            tokens.advance();
            String text = duration.text();
            String unit = text.substring(text.length() - 1);
            long amount;
            try {
                amount = Long.parseLong(text.substring(0, text.length() - 1));
            } catch (NumberFormatException fractional) {
                throw tokens.error(tokens.span(duration), ErrorCode.QUERY_SYNTAX, "the shift must be a whole number");
            }
            long periods = 1;
            if (tokens.at(TokenType.NUMBER) && !isDuration(tokens.current())) {
                periods = positiveWholeNumber("the number of periods");
            }
            SeriesOperator.ShiftFunction function = SeriesOperator.ShiftFunction.NONE;
            if (tokens.acceptKeyword("avg")) {
                function = SeriesOperator.ShiftFunction.AVG;
            } else if (tokens.acceptKeyword("min")) {
                function = SeriesOperator.ShiftFunction.MIN;
            } else if (tokens.acceptKeyword("max")) {
                function = SeriesOperator.ShiftFunction.MAX;
            }
            String alias = tokens.acceptKeyword("as") ? field("an alias after 'as'").name() : null;
            shifts.add(new SeriesOperator.Shift(amount, unit, periods, function, alias, tokens.spanFrom(shiftStart)));
        } while (tokens.accept(TokenType.COMMA));
        return new SeriesOperator.Compare(shifts, tokens.spanFrom(start));
    }

    private SeriesOperator window(SeriesOperator.WindowKind kind, int start) {
        FieldReference field = field("a field after '" + kind.keyword() + "'");
        Long size = null;
        if (kind.defaultSize() > 0 && tokens.accept(TokenType.COMMA)) {
            size = positiveWholeNumber("a window size");
        }
        FieldReference alias = tokens.acceptKeyword("as") ? field("a field name after 'as'") : null;
        List<FieldReference> groupBy = byClause();
        return new SeriesOperator.Window(kind, field, size, alias, groupBy, tokens.spanFrom(start));
    }

    private SeriesOperator outlier(int start) {
        FieldReference field = field("a field after 'outlier'");
        List<FieldReference> groupBy = byClause();
        long window = 10;
        double threshold = 3.0;
        long consecutive = 1;
        SeriesOperator.Direction direction = SeriesOperator.Direction.BOTH;
        while (tokens.at(TokenType.IDENTIFIER) && tokens.peek().is(TokenType.EQUAL)) {
            Token option = tokens.advance();
            tokens.advance();
            switch (option.text().toLowerCase(Locale.ROOT)) {
                case "window" -> window = positiveWholeNumber("a window size");
                case "threshold" -> threshold = positiveNumber("a threshold");
                case "consecutive" -> consecutive = positiveWholeNumber("a count of consecutive points");
                case "direction" -> direction = direction();
                default -> throw tokens.error(option, "unknown outlier option '" + option.text()
                        + "' (window, threshold, consecutive, direction)");
            }
            tokens.accept(TokenType.COMMA);
        }
        return new SeriesOperator.Outlier(field, groupBy, window, threshold, consecutive, direction,
                tokens.spanFrom(start));
    }

    private SeriesOperator.Direction direction() {
        if (tokens.accept(TokenType.PLUS)) {
            return tokens.accept(TokenType.MINUS) ? SeriesOperator.Direction.BOTH : SeriesOperator.Direction.ABOVE;
        }
        if (tokens.accept(TokenType.MINUS)) {
            return tokens.accept(TokenType.PLUS) ? SeriesOperator.Direction.BOTH : SeriesOperator.Direction.BELOW;
        }
        throw tokens.unexpected("'+-', '+' or '-'");
    }

    private SeriesOperator predict(int start) {
        FieldReference field = field("a field after 'predict'");
        tokens.expectKeyword("by");
        Token interval = tokens.current();
        if (!isDuration(interval)) {
            throw tokens.unexpected("the timeslice interval, like 1m");
        }
        tokens.advance();
        long intervalMillis = durationMillis(interval);
        boolean autoregressive = false;
        long arWindow = 0;
        long forecast = 3;
        while (tokens.at(TokenType.IDENTIFIER) && tokens.peek().is(TokenType.EQUAL)) {
            Token option = tokens.advance();
            tokens.advance();
            switch (option.text().toLowerCase(Locale.ROOT)) {
                case "model" -> {
                    Token model = tokens.expect(TokenType.IDENTIFIER, "'ar' or 'linear'");
                    autoregressive = model.isKeyword("ar");
                    if (!autoregressive && !model.isKeyword("linear")) {
                        throw tokens.error(model, "unknown model '" + model.text() + "' (linear, ar)");
                    }
                }
                case "ar.window" -> arWindow = positiveWholeNumber("the AR window");
                case "forecast" -> {
                    Token amount = tokens.current();
                    forecast = isDuration(amount) ? Math.max(1, durationMillis(amount) / intervalMillis)
                            : positiveWholeNumber("a number of points or a duration");
                    if (isDuration(amount)) {
                        tokens.advance();
                    }
                }
                default -> throw tokens.error(option, "unknown predict option '" + option.text()
                        + "' (model, ar.window, forecast)");
            }
            tokens.accept(TokenType.COMMA);
        }
        return new SeriesOperator.Predict(field, intervalMillis, autoregressive, arWindow, forecast,
                tokens.spanFrom(start));
    }

    private List<FieldReference> byClause() {
        if (tokens.acceptKeyword("group")) {
            tokens.expectKeyword("by");
            return fieldList();
        }
        return tokens.acceptKeyword("by") ? fieldList() : List.of();
    }

    private static boolean isDuration(Token token) {
        if (!token.is(TokenType.NUMBER)) {
            return false;
        }
        String text = token.text();
        int index = text.length();
        while (index > 0 && Character.isLetter(text.charAt(index - 1))) {
            index--;
        }
        return TIME_UNITS.contains(text.substring(index));
    }

    private long durationMillis(Token token) {
        long millis = token.number().longValue();
        if (millis <= 0) {
            throw tokens.error(token, "the duration must be positive");
        }
        return millis;
    }

    private long positiveWholeNumber(String what) {
        Token token = tokens.current();
        if (!token.is(TokenType.NUMBER) || !(token.number() instanceof Long count) || count <= 0) {
            throw tokens.unexpected(what + " (a positive whole number)");
        }
        tokens.advance();
        return count;
    }

    private double positiveNumber(String what) {
        Token token = tokens.current();
        if (!token.is(TokenType.NUMBER) || token.number().doubleValue() <= 0) {
            throw tokens.unexpected(what + " (a positive number)");
        }
        tokens.advance();
        return token.number().doubleValue();
    }

    private List<FieldReference> fieldList() {
        List<FieldReference> fields = new ArrayList<>();
        do {
            fields.add(field("a field name"));
        } while (tokens.accept(TokenType.COMMA));
        return fields;
    }

    private FieldReference field(String what) {
        Token token = tokens.current();
        if (!token.is(TokenType.IDENTIFIER) && !token.is(TokenType.ESCAPED_FIELD)) {
            throw tokens.unexpected(what);
        }
        tokens.advance();
        return new FieldReference(token.text(), tokens.span(token));
    }
}
