package dev.loupe.query.ast;

import dev.loupe.query.ast.Expression.FieldReference;
import dev.loupe.query.ast.Expression.StringLiteral;
import java.util.List;

/**
 * Renders a syntax tree as one compact line of s-expressions, e.g.
 * {@code (query (and (kw error) (field _sourceCategory "a*")) (where (= status "404")))}. Spans are not
 * printed. Stable output: golden tests depend on it.
 */
public final class AstPrinter {
    private final StringBuilder output = new StringBuilder();

    private AstPrinter() {}

    /** The compact rendering of a whole query. */
    public static String print(Query query) {
        AstPrinter printer = new AstPrinter();
        printer.output.append("(query ");
        printer.scope(query.scope());
        for (Operator operator : query.operators()) {
            printer.output.append(' ');
            printer.operator(operator);
        }
        printer.output.append(')');
        return printer.output.toString();
    }

    /** The compact rendering of one expression. */
    public static String print(Expression expression) {
        AstPrinter printer = new AstPrinter();
        printer.expression(expression);
        return printer.output.toString();
    }

    private void scope(ScopeExpression scope) {
        switch (scope) {
            case ScopeExpression.All all -> output.append("*");
            case ScopeExpression.Keyword keyword -> {
                output.append(keyword.quoted() ? "(phrase " : "(kw ");
                quoted(keyword.text(), keyword.quoted());
                output.append(')');
            }
            case ScopeExpression.FieldMatch match -> {
                output.append("(field ").append(match.field()).append(' ');
                quoted(match.pattern(), true);
                output.append(')');
            }
            case ScopeExpression.And and -> scopeList("and", and.operands());
            case ScopeExpression.Or or -> scopeList("or", or.operands());
            case ScopeExpression.Not not -> {
                output.append("(not ");
                scope(not.operand());
                output.append(')');
            }
            case ScopeExpression.Subquery subquery -> output.append("(subquery ").append(subquery.clause()).append(')');
        }
    }

    private void scopeList(String name, List<ScopeExpression> operands) {
        output.append('(').append(name);
        for (ScopeExpression operand : operands) {
            output.append(' ');
            scope(operand);
        }
        output.append(')');
    }

    private void operator(Operator operator) {
        switch (operator) {
            case Operator.Json json -> {
                output.append("(json");
                fieldOption(json.field());
                strings(json.keys());
                aliases(json.aliases());
                flag(json.nodrop(), "nodrop");
                output.append(')');
            }
            case Operator.ParseAnchor parse -> {
                output.append("(parse");
                fieldOption(parse.field());
                strings(parse.patterns());
                aliases(parse.aliases());
                flag(parse.nodrop(), "nodrop");
                output.append(')');
            }
            case Operator.ParseRegex parse -> {
                output.append("(parse-regex");
                fieldOption(parse.field());
                strings(parse.patterns());
                flag(parse.multi(), "multi");
                flag(parse.nodrop(), "nodrop");
                output.append(')');
            }
            case Operator.Where where -> {
                output.append("(where ");
                expression(where.condition());
                output.append(')');
            }
            case Operator.Fields fields -> {
                output.append(fields.mode() == Operator.FieldsMode.KEEP ? "(fields" : "(fields-drop");
                for (FieldReference field : fields.fields()) {
                    output.append(' ').append(field.name());
                }
                output.append(')');
            }
            case Operator.Aggregate aggregate -> aggregate(aggregate);
            case Operator.Sort sort -> {
                output.append("(sort");
                sortKeys(sort.keys());
                output.append(')');
            }
            case Operator.Limit limit -> output.append("(limit ").append(limit.count()).append(')');
            case Operator.Top top -> {
                output.append("(top ").append(top.count());
                for (FieldReference field : top.fields()) {
                    output.append(' ').append(field.name());
                }
                if (!top.rankBy().isEmpty()) {
                    output.append(" (by");
                    sortKeys(top.rankBy());
                    output.append(')');
                }
                output.append(')');
            }
            case Operator.TimeSeries series -> output.append('(').append(series.operator().keyword()).append(')');
            case Operator.Assign assign -> {
                output.append("(assign ");
                expression(assign.value());
                if (assign.target() != null) {
                    output.append(" as ").append(assign.target().name());
                }
                output.append(')');
            }
            case Operator.Enrich enrich -> output.append("(enrich ").append(enrich.operator()).append(')');
            case Operator.Composite composite -> output.append("(composite ").append(composite.operator()).append(')');
            case Operator.Analytics analytics -> output.append("(analytics ").append(analytics.operator()).append(')');
        }
    }

    private void aggregate(Operator.Aggregate aggregate) {
        output.append("(aggregate");
        for (Operator.AggregateCall call : aggregate.calls()) {
            output.append(" (").append(call.function().keyword());
            if (call.argument() != null) {
                output.append(' ');
                expression(call.argument());
            }
            if (call.alias() != null) {
                output.append(" as ").append(call.alias().name());
            }
            output.append(')');
        }
        if (!aggregate.groupBy().isEmpty()) {
            output.append(" (by");
            for (FieldReference field : aggregate.groupBy()) {
                output.append(' ').append(field.name());
            }
            output.append(')');
        }
        output.append(')');
    }

    private void sortKeys(List<Operator.SortKey> keys) {
        for (Operator.SortKey key : keys) {
            output.append(key.direction() == Operator.SortDirection.ASCENDING ? " +" : " -").append(key.field().name());
        }
    }

    private void fieldOption(FieldReference field) {
        if (field != null) {
            output.append(" field=").append(field.name());
        }
    }

    private void strings(List<StringLiteral> strings) {
        for (StringLiteral string : strings) {
            output.append(' ');
            quoted(string.value(), true);
        }
    }

    private void aliases(List<FieldReference> aliases) {
        if (!aliases.isEmpty()) {
            output.append(" as");
            for (FieldReference alias : aliases) {
                output.append(' ').append(alias.name());
            }
        }
    }

    private void flag(boolean set, String name) {
        if (set) {
            output.append(' ').append(name);
        }
    }

    private void quoted(String text, boolean quote) {
        if (!quote) {
            output.append(text);
            return;
        }
        output.append('"');
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            switch (character) {
                case '"' -> output.append("\\\"");
                case '\\' -> output.append("\\\\");
                case '\n' -> output.append("\\n");
                case '\t' -> output.append("\\t");
                case '\r' -> output.append("\\r");
                default -> output.append(character);
            }
        }
        output.append('"');
    }

    private void expression(Expression expression) {
        switch (expression) {
            case Expression.StringLiteral string -> quoted(string.value(), true);
            case Expression.NumberLiteral number -> output.append(number.value());
            case Expression.BooleanLiteral bool -> output.append(bool.value());
            case Expression.NullLiteral nullLiteral -> output.append("null");
            case Expression.RegexLiteral regex -> output.append('/').append(regex.pattern()).append('/');
            case Expression.FieldReference field -> output.append(field.name());
            case Expression.Unary unary -> {
                output.append(unary.operator() == Expression.UnaryOperator.NOT ? "(! " : "(neg ");
                expression(unary.operand());
                output.append(')');
            }
            case Expression.Arithmetic arithmetic ->
                    binary(arithmetic.operator().symbol(), arithmetic.left(), arithmetic.right());
            case Expression.Logical logical ->
                    binary(logical.operator() == Expression.LogicalOperator.AND ? "and" : "or", logical.left(),
                            logical.right());
            case Expression.Comparison comparison ->
                    binary(comparison.operator().symbol(), comparison.left(), comparison.right());
            case Expression.Matches matches -> binary("matches", matches.value(), matches.pattern());
            case Expression.Contains contains -> binary("contains", contains.text(), contains.part());
            case Expression.InList in -> {
                output.append(in.negated() ? "(not-in " : "(in ");
                expression(in.value());
                for (Expression candidate : in.candidates()) {
                    output.append(' ');
                    expression(candidate);
                }
                output.append(')');
            }
            case Expression.Conditional conditional -> {
                output.append("(? ");
                expression(conditional.condition());
                output.append(' ');
                expression(conditional.whenTrue());
                output.append(' ');
                expression(conditional.whenFalse());
                output.append(')');
            }
            case Expression.Subquery subquery -> output.append("(subquery ").append(subquery.clause()).append(')');
            case Expression.LookupContains contains -> output.append("(lookupContains ").append(contains.table())
                    .append(' ').append(contains.fields()).append(' ').append(contains.columns()).append(')');
            case Expression.Call call -> {
                output.append('(').append(call.name()).append("()");
                for (Expression argument : call.arguments()) {
                    output.append(' ');
                    expression(argument);
                }
                output.append(')');
            }
        }
    }

    private void binary(String symbol, Expression left, Expression right) {
        output.append('(').append(symbol).append(' ');
        expression(left);
        output.append(' ');
        expression(right);
        output.append(')');
    }
}
