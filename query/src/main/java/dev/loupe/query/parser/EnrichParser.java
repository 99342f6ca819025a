package dev.loupe.query.parser;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.SourceSpan;
import dev.loupe.query.ast.EnrichOperator;
import dev.loupe.query.ast.EnrichOperator.ExtractItem;
import dev.loupe.query.ast.EnrichOperator.KeyValueMode;
import dev.loupe.query.ast.EnrichOperator.LookupColumn;
import dev.loupe.query.ast.EnrichOperator.LookupJoin;
import dev.loupe.query.ast.Expression.FieldReference;
import dev.loupe.query.ast.Expression.StringLiteral;
import dev.loupe.query.ast.Operator;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the parse and lookup family (spec §2.2, §2.8, §2.12, §2.13) for {@link OperatorParser}: csv, split, kv,
 * json auto/keys, parse xml, lookup, geoip, threatip, dedup, bin. Table references ({@code geo://location},
 * {@code path://"..."}) and one-character options ({@code delim=':'}) are read from the raw text, since they are
 * not tokens of the expression language.
 */
final class EnrichParser {
    /** The columns {@code geoip f} returns (spec §2.8). */
    static final List<String> GEOIP_COLUMNS = List.of("latitude", "longitude", "country_code", "country_name",
            "city", "state");

    private final TokenStream tokens;
    private final OperatorParser operators;

    EnrichParser(TokenStream tokens, OperatorParser operators) {
        this.tokens = tokens;
        this.operators = operators;
    }

    /** The operator starting at the current token, whose lower-case name is {@code name}. */
    Operator parse(String name) {
        Token first = tokens.current();
        EnrichOperator operator = switch (name) {
            case "lookup" -> lookup(first);
            case "geoip" -> geoip(first);
            case "threatip" -> threatip(first);
            case "csv" -> split(first, ',');
            case "split" -> split(first, ',');
            case "kv", "keyvalue" -> keyValue(first);
            case "dedup" -> dedup(first);
            case "bin" -> bin(first);
            default -> throw new IllegalStateException("not an operator of the enrich family: " + name);
        };
        return new Operator.Enrich(operator);
    }

    private EnrichOperator.Lookup lookup(Token first) {
        tokens.advance();
        List<LookupColumn> columns = new ArrayList<>();
        if (!tokens.accept(TokenType.STAR)) {
            do {
                FieldReference column = operators.field("a column name after 'lookup' (or '*')");
                FieldReference alias = tokens.acceptKeyword("as") ? operators.field("a field name after 'as'") : null;
                columns.add(new LookupColumn(column.name(), alias, tokens.spanFrom(column.span().start())));
            } while (tokens.accept(TokenType.COMMA));
        }
        tokens.expectKeyword("from");
        int tableStart = tokens.current().start();
        String table = rawTableReference(tableStart);
        SourceSpan tableSpan = tokens.spanFrom(tableStart);
        tokens.expectKeyword("on");
        List<LookupJoin> joins = new ArrayList<>();
        do {
            int start = tokens.current().start();
            FieldReference left = operators.field("a field name in the 'on' clause");
            FieldReference right = null;
            if (tokens.accept(TokenType.EQUAL) || tokens.accept(TokenType.DOUBLE_EQUAL)) {
                right = operators.field("a field name after '='");
            }
            joins.add(new LookupJoin(left, right, tokens.spanFrom(start)));
        } while (tokens.accept(TokenType.COMMA) || tokens.acceptKeyword("and"));
        return new EnrichOperator.Lookup(columns, table, tableSpan, joins, tokens.spanFrom(first.start()));
    }

    /** Reads a table reference from the raw text at {@code start} and moves the token stream past it. */
    private String rawTableReference(int start) {
        String text = tokens.lexer().text();
        int index = start;
        while (index < text.length() && !Character.isWhitespace(text.charAt(index)) && text.charAt(index) != '|') {
            if (text.charAt(index) == '"') {
                index = closingQuote(text, index);
            }
            index++;
        }
        if (index == start) {
            throw tokens.unexpected("a lookup table after 'from' (path://\"...\", geo://location, ...)");
        }
        tokens.reset(((long) index << 32) | index);
        return text.substring(start, index);
    }

    private int closingQuote(String text, int open) {
        int index = open + 1;
        while (index < text.length() && text.charAt(index) != '"') {
            index += text.charAt(index) == '\\' ? 2 : 1;
        }
        if (index >= text.length()) {
            throw tokens.lexer().error(open, text.length(), "unterminated string: '\"' has no closing quote");
        }
        return index;
    }

    private EnrichOperator.Lookup geoip(Token first) {
        tokens.advance();
        FieldReference field = operators.field("the IP address field after 'geoip'");
        List<LookupColumn> columns = new ArrayList<>();
        for (String column : GEOIP_COLUMNS) {
            columns.add(new LookupColumn(column, null, field.span()));
        }
        SourceSpan span = tokens.spanFrom(first.start());
        return new EnrichOperator.Lookup(columns, "geo://location", span,
                List.of(new LookupJoin(new FieldReference("ip", field.span()), field, field.span())), span);
    }

    private EnrichOperator.Lookup threatip(Token first) {
        tokens.advance();
        FieldReference field = operators.field("the IP address field after 'threatip'");
        SourceSpan at = field.span();
        List<LookupColumn> columns = List.of(new LookupColumn("type", null, at), new LookupColumn("actor", null, at),
                new LookupColumn("raw", new FieldReference("raw_threat", at), at),
                new LookupColumn("threatlevel", new FieldReference("malicious_confidence", at), at));
        SourceSpan span = tokens.spanFrom(first.start());
        return new EnrichOperator.Lookup(columns, "sumo://threat/cs", span,
                List.of(new LookupJoin(new FieldReference("threat", at), field, at)), span);
    }

    private EnrichOperator.Split split(Token first, char defaultDelimiter) {
        boolean isSplit = first.text().equalsIgnoreCase("split");
        tokens.advance();
        FieldReference field = operators.field("the field to split after '" + first.text() + "' (e.g. _raw)");
        char delimiter = defaultDelimiter;
        char quote = '"';
        char escape = '\\';
        while (true) {
            tokens.accept(TokenType.COMMA);
            if (tokens.atKeyword("delim") || tokens.atKeyword("delimiter")) {
                if (!isSplit) {
                    throw tokens.error(tokens.current(), "csv always splits on ','; use split with delim=");
                }
                delimiter = characterOption();
            } else if (tokens.atKeyword("quote")) {
                quote = characterOption();
            } else if (tokens.atKeyword("escape")) {
                escape = characterOption();
            } else {
                break;
            }
        }
        if (delimiter == quote || delimiter == escape || quote == escape) {
            throw tokens.error(tokens.spanFrom(first.start()), ErrorCode.QUERY_INVALID,
                    "delimiter, quote and escape must be three different characters");
        }
        if (tokens.atKeyword("nodrop")) {
            throw tokens.error(tokens.current(), "nodrop is not supported by " + first.text().toLowerCase(java.util.Locale.ROOT)
                    + " (spec: csv and split never drop messages)");
        }
        tokens.expectKeyword("extract");
        List<ExtractItem> items = new ArrayList<>();
        int position = 0;
        do {
            int start = tokens.current().start();
            if (tokens.at(TokenType.NUMBER)) {
                position = (int) operators.positiveCount("extract");
                tokens.expectKeyword("as");
                items.add(new ExtractItem(position, operators.field("a field name after 'as'"), tokens.spanFrom(start)));
            } else {
                position++;
                FieldReference alias = operators.field("a position or field name after 'extract'");
                items.add(new ExtractItem(position, alias.name().equals("_") ? null : alias, tokens.spanFrom(start)));
            }
        } while (tokens.accept(TokenType.COMMA));
        return new EnrichOperator.Split(field, delimiter, quote, escape, items, tokens.spanFrom(first.start()));
    }

    /** Reads {@code name='c'} or {@code name="c"} from the raw text at the current option name. */
    private char characterOption() {
        Token name = tokens.current();
        String text = tokens.lexer().text();
        int index = tokens.lexer().skipTrivia(name.end());
        if (index >= text.length() || text.charAt(index) != '=') {
            throw tokens.error(name, "expected '=' and a quoted character after '" + name.text() + "'");
        }
        index = tokens.lexer().skipTrivia(index + 1);
        char open = index < text.length() ? text.charAt(index) : '\0';
        if ((open != '\'' && open != '"') || index + 2 >= text.length() || text.charAt(index + 2) != open) {
            throw tokens.lexer().error(name.start(), Math.min(text.length(), index + 3), name.text()
                    + " takes one character in quotes, e.g. " + name.text() + "=':'");
        }
        char value = text.charAt(index + 1);
        int end = index + 3;
        tokens.reset(((long) end << 32) | end);
        return value;
    }

    private EnrichOperator.KeyValue keyValue(Token first) {
        tokens.advance();
        KeyValueMode mode = KeyValueMode.INFER;
        FieldReference field = null;
        StringLiteral regex = null;
        String delimiter = null;
        List<StringLiteral> keys = List.of();
        List<FieldReference> aliases = List.of();
        boolean refonly = false;
        boolean nodrop = false;
        while (true) {
            if (operators.atFieldOption()) {
                field = operators.fieldOption();
            } else if (tokens.acceptKeyword("nodrop")) {
                nodrop = true;
            } else if (tokens.acceptKeyword("infer")) {
                mode = KeyValueMode.INFER;
            } else if (tokens.acceptKeyword("auto")) {
                mode = KeyValueMode.AUTO;
            } else if (tokens.acceptKeyword("regex")) {
                mode = KeyValueMode.REGEX;
                Token pattern = tokens.expect(TokenType.STRING, "a quoted regex after 'regex'");
                regex = new StringLiteral(pattern.text(), tokens.span(pattern));
            } else if (tokens.acceptKeyword("delim") || tokens.acceptKeyword("delimiter")) {
                Token value = tokens.expect(TokenType.STRING, "a quoted delimiter after 'delim'");
                if (value.text().isEmpty()) {
                    throw tokens.error(value, "the kv delimiter cannot be empty");
                }
                delimiter = value.text();
            } else if (tokens.acceptKeyword("keys") || tokens.at(TokenType.STRING)) {
                keys = operators.strings("a quoted key");
                aliases = operators.aliases();
            } else if (tokens.acceptKeyword("refonly")) {
                refonly = true;
            } else {
                break;
            }
        }
        SourceSpan span = tokens.spanFrom(first.start());
        if (mode != KeyValueMode.AUTO && keys.isEmpty()) {
            throw tokens.error(span, ErrorCode.QUERY_SYNTAX, "kv needs the keys to extract, e.g. kv \"user\", \"ip\""
                    + " (or kv auto for every pair)");
        }
        if (refonly && keys.isEmpty()) {
            throw tokens.error(span, ErrorCode.QUERY_SYNTAX, "refonly needs a keys list");
        }
        return new EnrichOperator.KeyValue(mode, field, regex, keys, aliases, delimiter, refonly, nodrop, span);
    }

    /** {@code json auto ...} or {@code json keys ...}; the current token is {@code auto} or {@code keys}. */
    Operator jsonAuto(Token first, FieldReference initialField, boolean initialNodrop) {
        FieldReference field = initialField;
        boolean nodrop = initialNodrop;
        boolean keysOnly = tokens.atKeyword("keys");
        if (!keysOnly) {
            tokens.expectKeyword("auto");
        }
        int maxDepth = 0;
        boolean extractArrays = false;
        boolean refonly = keysOnly;
        List<StringLiteral> keys = List.of();
        List<FieldReference> aliases = List.of();
        while (true) {
            if (operators.atFieldOption()) {
                field = operators.fieldOption();
            } else if (tokens.acceptKeyword("nodrop")) {
                nodrop = true;
            } else if (tokens.acceptKeyword("maxdepth")) {
                maxDepth = (int) Math.min(Integer.MAX_VALUE, operators.positiveCount("maxdepth"));
            } else if (tokens.acceptKeyword("extractarrays")) {
                extractArrays = true;
            } else if (tokens.acceptKeyword("refonly")) {
                refonly = true;
            } else if (tokens.acceptKeyword("keys") || tokens.at(TokenType.STRING)) {
                keys = operators.strings("a quoted key");
                aliases = operators.aliases();
            } else {
                break;
            }
        }
        SourceSpan span = tokens.spanFrom(first.start());
        if (keysOnly && keys.isEmpty()) {
            throw tokens.unexpected("quoted keys after 'json keys'");
        }
        if (refonly && keys.isEmpty()) {
            throw tokens.error(span, ErrorCode.QUERY_SYNTAX, "refonly needs a keys list");
        }
        return new Operator.Enrich(new EnrichOperator.JsonAuto(field, maxDepth, extractArrays, keys, aliases,
                refonly, nodrop, span));
    }

    /** {@code parse xml ...}; the current token is {@code xml}. */
    Operator parseXml(Token first, FieldReference initialField, boolean initialNodrop) {
        tokens.expectKeyword("xml");
        FieldReference field = initialField;
        boolean nodrop = initialNodrop;
        while (operators.atFieldOption() || tokens.atKeyword("nodrop")) {
            if (tokens.acceptKeyword("nodrop")) {
                nodrop = true;
            } else {
                field = operators.fieldOption();
            }
        }
        List<StringLiteral> paths = operators.strings("a quoted XPath such as \"/a/b/text()\"");
        List<FieldReference> aliases = operators.aliases();
        while (operators.atFieldOption() || tokens.atKeyword("nodrop")) {
            if (tokens.acceptKeyword("nodrop")) {
                nodrop = true;
            } else {
                field = operators.fieldOption();
            }
        }
        return new Operator.Enrich(new EnrichOperator.ParseXml(field, paths, aliases, nodrop,
                tokens.spanFrom(first.start())));
    }

    private EnrichOperator.Dedup dedup(Token first) {
        tokens.advance();
        boolean consecutive = tokens.acceptKeyword("consecutive");
        long count = tokens.at(TokenType.NUMBER) ? operators.positiveCount("dedup") : 1;
        List<FieldReference> by = List.of();
        if (tokens.acceptKeyword("by")) {
            by = operators.fieldList();
        }
        return new EnrichOperator.Dedup(consecutive, count, by, tokens.spanFrom(first.start()));
    }

    private EnrichOperator.Bin bin(Token first) {
        tokens.advance();
        FieldReference field = operators.field("the field to bin after 'bin'");
        Double width = null;
        Double min = null;
        Double max = null;
        while (tokens.at(TokenType.IDENTIFIER) || tokens.at(TokenType.COMMA)) {
            tokens.accept(TokenType.COMMA);
            Token option = tokens.current();
            if (tokens.acceptKeyword("width")) {
                width = numberOption(option);
            } else if (tokens.acceptKeyword("min")) {
                min = numberOption(option);
            } else if (tokens.acceptKeyword("max")) {
                max = numberOption(option);
            } else {
                break;
            }
        }
        SourceSpan span = tokens.spanFrom(first.start());
        if (width == null || !(width > 0)) {
            throw tokens.error(span, ErrorCode.QUERY_SYNTAX, "bin needs a positive width, e.g. bin size width=100");
        }
        if (min != null && max != null && max <= min) {
            throw tokens.error(span, ErrorCode.QUERY_INVALID, "bin max must be greater than min");
        }
        return new EnrichOperator.Bin(field, width, min, max, span);
    }

    private double numberOption(Token option) {
        tokens.expect(TokenType.EQUAL, "'=' after '" + option.text() + "'");
        boolean negative = tokens.accept(TokenType.MINUS);
        Token number = tokens.expect(TokenType.NUMBER, "a number after '" + option.text() + "='");
        double value = number.number().doubleValue();
        return negative ? -value : value;
    }
}
