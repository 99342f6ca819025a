package dev.loupe.query.parser;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.SourceSpan;
import dev.loupe.query.ast.CompositeOperator;
import dev.loupe.query.ast.CompositeOperator.JoinCondition;
import dev.loupe.query.ast.CompositeOperator.JoinTable;
import dev.loupe.query.ast.CompositeOperator.MergeField;
import dev.loupe.query.ast.CompositeOperator.MergeMode;
import dev.loupe.query.ast.Expression.FieldReference;
import dev.loupe.query.ast.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the operators that run sub-pipelines or reduce groups (spec §2.8, §2.14, §2.15, §2.17) for
 * {@link OperatorParser}: join, filter, merge, transactionize, cat.
 *
 * <p>A parenthesised sub-pipeline may start with a scope ({@code (error | parse ...)}): the scope is skipped, as
 * join ignores scopes inside its tables (spec §2.14).
 */
final class CompositeParser {
    private final TokenStream tokens;
    private final OperatorParser operators;

    CompositeParser(TokenStream tokens, OperatorParser operators) {
        this.tokens = tokens;
        this.operators = operators;
    }

    /** The operator starting at the current token, whose lower-case name is {@code name}. */
    Operator parse(String name) {
        Token first = tokens.current();
        CompositeOperator operator = switch (name) {
            case "join" -> join(first);
            case "filter" -> filter(first);
            case "merge" -> merge(first);
            case "transactionize" -> transactionize(first);
            case "cat" -> cat(first);
            default -> throw new IllegalStateException("not a composite operator: " + name);
        };
        return new Operator.Composite(operator);
    }

    private CompositeOperator.Join join(Token first) {
        tokens.advance();
        List<JoinTable> tables = new ArrayList<>();
        do {
            int start = tokens.current().start();
            List<Operator> pipeline = subPipeline("'(' starting a join table");
            tokens.expectKeyword("as");
            FieldReference name = operators.field("a table name after 'as'");
            tables.add(new JoinTable(pipeline, name, tokens.spanFrom(start)));
        } while (tokens.accept(TokenType.COMMA));
        tokens.expectKeyword("on");
        List<JoinCondition> conditions = new ArrayList<>();
        do {
            int start = tokens.current().start();
            FieldReference left = operators.field("<table>.<field> in the join condition");
            if (!tokens.accept(TokenType.EQUAL) && !tokens.accept(TokenType.DOUBLE_EQUAL)) {
                throw tokens.unexpected("'=': join conditions are equalities joined by 'and'");
            }
            FieldReference right = operators.field("<table>.<field> after '='");
            conditions.add(condition(left, right, tokens.spanFrom(start)));
        } while (tokens.acceptKeyword("and"));
        long timeWindow = -1;
        if (tokens.acceptKeyword("timewindow")) {
            Token duration = tokens.current();
            if (!duration.is(TokenType.NUMBER) || !(duration.number() instanceof Long millis) || millis < 0) {
                throw tokens.unexpected("a duration after 'timewindow' (e.g. 10m)");
            }
            tokens.advance();
            timeWindow = millis;
        }
        if (tables.size() < 2) {
            throw tokens.error(tokens.spanFrom(first.start()), ErrorCode.QUERY_INVALID, "join needs at least two tables");
        }
        return new CompositeOperator.Join(tables, conditions, timeWindow, tokens.spanFrom(first.start()));
    }

    private JoinCondition condition(FieldReference left, FieldReference right, SourceSpan span) {
        int leftDot = left.name().indexOf('.');
        int rightDot = right.name().indexOf('.');
        if (leftDot <= 0 || rightDot <= 0 || leftDot == left.name().length() - 1
                || rightDot == right.name().length() - 1) {
            throw tokens.error(span, ErrorCode.QUERY_SYNTAX,
                    "join conditions compare <table>.<field> with <table>.<field>, e.g. t1.a = t2.b");
        }
        return new JoinCondition(left.name().substring(0, leftDot), left.name().substring(leftDot + 1),
                right.name().substring(0, rightDot), right.name().substring(rightDot + 1), span);
    }

    private CompositeOperator.FilterIn filter(Token first) {
        tokens.advance();
        List<FieldReference> keys = operators.fieldList();
        tokens.expectKeyword("in");
        List<Operator> pipeline = subPipeline("'(' starting the filter's operators");
        return new CompositeOperator.FilterIn(keys, pipeline, tokens.spanFrom(first.start()));
    }

    private CompositeOperator.Merge merge(Token first) {
        tokens.advance();
        List<MergeField> fields = new ArrayList<>();
        if (tokens.at(TokenType.IDENTIFIER) || tokens.at(TokenType.ESCAPED_FIELD)) {
            do {
                int start = tokens.current().start();
                FieldReference field = operators.field("a field to merge");
                MergeMode mode = MergeMode.JOIN;
                String separator = "\n";
                if (tokens.acceptKeyword("takeFirst")) {
                    mode = MergeMode.TAKE_FIRST;
                } else if (tokens.acceptKeyword("takeLast")) {
                    mode = MergeMode.TAKE_LAST;
                } else if (tokens.acceptKeyword("takeDistinct")) {
                    mode = MergeMode.TAKE_DISTINCT;
                } else if (tokens.acceptKeyword("join")) {
                    tokens.expectKeyword("with");
                    separator = tokens.expect(TokenType.STRING, "a quoted separator after 'join with'").text();
                }
                FieldReference alias = tokens.acceptKeyword("as") ? operators.field("a field name after 'as'") : null;
                fields.add(new MergeField(field, mode, separator, alias, tokens.spanFrom(start)));
            } while (tokens.accept(TokenType.COMMA));
        }
        return new CompositeOperator.Merge(fields, tokens.spanFrom(first.start()));
    }

    private CompositeOperator.Transactionize transactionize(Token first) {
        tokens.advance();
        List<FieldReference> fields = operators.fieldList();
        FieldReference alias = tokens.acceptKeyword("as") ? operators.field("a field name after 'as'") : null;
        long maxSpan = -1;
        long maxPause = -1;
        long maxLogs = -1;
        String startsWith = null;
        String endsWith = null;
        boolean keepOrphans = false;
        while (tokens.at(TokenType.IDENTIFIER) && tokens.peek().is(TokenType.EQUAL)) {
            Token option = tokens.advance();
            tokens.advance();
            switch (option.text().toLowerCase(Locale.ROOT)) {
                case "maxspan" -> maxSpan = number(option);
                case "maxpause" -> maxPause = number(option);
                case "maxlogs" -> maxLogs = number(option);
                case "startswith" -> startsWith = tokens.expect(TokenType.STRING, "a quoted text").text();
                case "endswith" -> endsWith = tokens.expect(TokenType.STRING, "a quoted text").text();
                case "keeporphans" -> {
                    Token value = tokens.current();
                    if (!value.isKeyword("true") && !value.isKeyword("false")) {
                        throw tokens.unexpected("true or false after keepOrphans=");
                    }
                    tokens.advance();
                    keepOrphans = value.isKeyword("true");
                }
                default -> throw tokens.error(option, "unknown transactionize option '" + option.text()
                        + "' (maxSpan, maxPause, maxLogs, startsWith, endsWith, keepOrphans)");
            }
            tokens.accept(TokenType.COMMA);
        }
        List<Operator> pipeline = tokens.at(TokenType.LEFT_PARENTHESIS)
                ? subPipeline("'(' starting the per-group operators") : List.of();
        return new CompositeOperator.Transactionize(fields, alias, maxSpan, maxPause, maxLogs, startsWith, endsWith,
                keepOrphans, pipeline, tokens.spanFrom(first.start()));
    }

    private long number(Token option) {
        Token value = tokens.current();
        if (!value.is(TokenType.NUMBER) || !(value.number() instanceof Long number) || number < 0) {
            throw tokens.unexpected("a whole number or duration after " + option.text() + "=");
        }
        tokens.advance();
        return number;
    }

    private CompositeOperator.Cat cat(Token first) {
        int tableStart = tokens.lexer().skipTrivia(first.end());
        String table = RawText.tableReference(tokens, tableStart, "a lookup table after 'cat' (path://\"...\")");
        SourceSpan tableSpan = tokens.lexer().span(tableStart, tableStart + table.length());
        return new CompositeOperator.Cat(table, tableSpan, tokens.spanFrom(first.start()));
    }

    /** A parenthesised pipeline at the current token; a leading scope is skipped. */
    private List<Operator> subPipeline(String what) {
        if (!tokens.at(TokenType.LEFT_PARENTHESIS)) {
            throw tokens.unexpected(what);
        }
        Token open = tokens.current();
        int close = RawText.closing(tokens, open.start());
        String text = tokens.lexer().text();
        int start = tokens.lexer().skipTrivia(open.end());
        if (!startsWithOperator(text, start)) {
            List<Integer> pipes = RawText.topLevelPipes(tokens, start, close);
            RawText.moveTo(tokens, pipes.isEmpty() ? close : pipes.get(0) + 1);
        } else {
            RawText.moveTo(tokens, start);
        }
        List<Operator> pipeline = new ArrayList<>();
        if (tokens.current().start() < close) {
            pipeline.add(operators.parse());
            while (tokens.accept(TokenType.PIPE)) {
                pipeline.add(operators.parse());
            }
        }
        tokens.expect(TokenType.RIGHT_PARENTHESIS, "'|' or ')' closing the sub-pipeline");
        return pipeline;
    }

    private static boolean startsWithOperator(String text, int start) {
        int end = start;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        if (end == start) {
            return false;
        }
        String word = text.substring(start, end).toLowerCase(Locale.ROOT);
        int next = end;
        while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
            next++;
        }
        boolean fieldMatch = next < text.length() && text.charAt(next) == '=';
        return !fieldMatch && (OperatorCatalog.SUPPORTED.contains(word) || OperatorCatalog.UNSUPPORTED.contains(word));
    }
}
