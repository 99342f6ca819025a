package dev.loupe.query.analyzer;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.FieldType;
import dev.loupe.query.ast.Expression;
import dev.loupe.query.ast.Expression.ArithmeticOperator;
import dev.loupe.query.lookup.LookupTable;
import dev.loupe.query.lookup.LookupTables;
import dev.loupe.query.lookup.TableReference;
import dev.loupe.query.parser.Suggestions;
import dev.loupe.query.plan.Function;
import dev.loupe.query.plan.PlanExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Resolves expressions: fields to slots, calls to {@link Function}s, literal patterns compiled. */
final class ExpressionCompiler {
    /** Documented functions of the language (spec §2.1) that the engine does not evaluate yet. */
    private static final Set<String> UNSUPPORTED_FUNCTIONS = Set.of("count", "count_distinct",
            "sum", "avg", "pct", "first", "last", "values", "stddev");

    private final FieldTable fields;
    private final SubqueryCompiler subqueries;
    private final LookupTables lookupTables;

    ExpressionCompiler(FieldTable fields, SubqueryCompiler subqueries, LookupTables lookupTables) {
        this.fields = fields;
        this.subqueries = subqueries;
        this.lookupTables = lookupTables;
    }

    PlanExpression compile(Expression expression) {
        return switch (expression) {
            case Expression.StringLiteral string -> new PlanExpression.Constant(string.value());
            case Expression.NumberLiteral number -> new PlanExpression.Constant(number.value());
            case Expression.BooleanLiteral bool -> new PlanExpression.Constant(bool.value());
            case Expression.NullLiteral nullLiteral -> new PlanExpression.Constant(null);
            case Expression.RegexLiteral regex -> throw new LoupeException(ErrorCode.QUERY_INVALID,
                    "a regex literal is only allowed after 'matches' or as the pattern of replace()", regex.span());
            case Expression.FieldReference field -> field(field);
            case Expression.Unary unary -> unary.operator() == Expression.UnaryOperator.NOT
                    ? new PlanExpression.Not(compile(unary.operand()))
                    : new PlanExpression.Negate(compile(unary.operand()));
            case Expression.Arithmetic arithmetic -> new PlanExpression.Arithmetic(arithmetic.operator(),
                    compile(arithmetic.left()), compile(arithmetic.right()));
            case Expression.Logical logical -> logical.operator() == Expression.LogicalOperator.AND
                    ? new PlanExpression.And(compile(logical.left()), compile(logical.right()))
                    : new PlanExpression.Or(compile(logical.left()), compile(logical.right()));
            case Expression.Comparison comparison -> new PlanExpression.Compare(comparison.operator(),
                    compile(comparison.left()), compile(comparison.right()));
            case Expression.Matches matches -> matches(matches.value(), matches.pattern());
            case Expression.Contains contains ->
                    new PlanExpression.ContainsText(compile(contains.text()), compile(contains.part()));
            case Expression.InList in -> new PlanExpression.InValues(compile(in.value()), compileAll(in.candidates()),
                    in.negated());
            case Expression.Conditional conditional -> new PlanExpression.Conditional(compile(conditional.condition()),
                    compile(conditional.whenTrue()), compile(conditional.whenFalse()));
            case Expression.Call call -> call(call);
            case Expression.Subquery subquery -> subqueries.condition(subquery.clause());
            case Expression.LookupContains contains -> lookupContains(contains);
        };
    }

    private PlanExpression lookupContains(Expression.LookupContains contains) {
        TableReference reference;
        try {
            reference = TableReference.parse(contains.table());
        } catch (IllegalArgumentException invalid) {
            throw new LoupeException(ErrorCode.QUERY_INVALID, invalid.getMessage(), contains.tableSpan());
        }
        LookupTable table = lookupTables.resolve(reference).orElseThrow(() -> new LoupeException(
                ErrorCode.QUERY_INVALID, "lookup table " + reference.display() + " is not available",
                contains.tableSpan()));
        List<String> keyColumns = new ArrayList<>();
        for (String column : table.keyColumns()) {
            keyColumns.add(column.toLowerCase(Locale.ROOT));
        }
        int[] keySlots = new int[keyColumns.size()];
        boolean[] joined = new boolean[keyColumns.size()];
        for (int index = 0; index < contains.columns().size(); index++) {
            Expression.FieldReference column = contains.columns().get(index);
            int key = keyColumns.indexOf(column.name().toLowerCase(Locale.ROOT));
            if (key < 0 || joined[key]) {
                throw new LoupeException(ErrorCode.QUERY_INVALID, "'" + column.name() + "' is not a key column of "
                        + reference.display() + " named once; its key columns are " + table.keyColumns(),
                        column.span());
            }
            joined[key] = true;
            keySlots[key] = fields.slot(contains.fields().get(index).name());
        }
        for (int key = 0; key < joined.length; key++) {
            if (!joined[key]) {
                throw new LoupeException(ErrorCode.QUERY_INVALID, "lookupContains must name every key column of "
                        + reference.display() + "; add '<field>=" + table.keyColumns().get(key) + "'",
                        contains.span());
            }
        }
        return new PlanExpression.LookupContains(table, keySlots);
    }

    /** The function a call names, or a {@code QUERY_INVALID}/{@code QUERY_UNSUPPORTED} error at its name. */
    static Function resolve(Expression.Call call) {
        Function function = Function.byName(call.name());
        if (function != null) {
            return function;
        }
        String lower = call.name().toLowerCase(Locale.ROOT);
        if (UNSUPPORTED_FUNCTIONS.contains(lower)) {
            throw new LoupeException(ErrorCode.QUERY_UNSUPPORTED, "function '" + call.name()
                    + "' is not supported yet", call.nameSpan());
        }
        List<String> names = new ArrayList<>();
        for (Function candidate : Function.values()) {
            names.add(candidate.displayName());
        }
        throw new LoupeException(ErrorCode.QUERY_INVALID, "unknown function '" + call.name() + "'"
                + Suggestions.didYouMean(call.name(), names), call.nameSpan());
    }

    /** The static type of a compiled expression, for result columns. */
    FieldType typeOf(PlanExpression expression) {
        return switch (expression) {
            case PlanExpression.Constant constant -> switch (constant.value()) {
                case Long value -> FieldType.LONG;
                case Double value -> FieldType.DOUBLE;
                case Boolean value -> FieldType.BOOLEAN;
                case null, default -> FieldType.STRING;
            };
            case PlanExpression.Slot slot -> fields.type(slot.slot());
            case PlanExpression.Arithmetic arithmetic -> arithmetic.operator() != ArithmeticOperator.DIVIDE
                    && typeOf(arithmetic.left()) == FieldType.LONG && typeOf(arithmetic.right()) == FieldType.LONG
                    ? FieldType.LONG : FieldType.DOUBLE;
            case PlanExpression.Negate negate -> typeOf(negate.operand()) == FieldType.LONG ? FieldType.LONG
                    : FieldType.DOUBLE;
            case PlanExpression.Compare compare -> FieldType.BOOLEAN;
            case PlanExpression.And and -> FieldType.BOOLEAN;
            case PlanExpression.Or or -> FieldType.BOOLEAN;
            case PlanExpression.Not not -> FieldType.BOOLEAN;
            case PlanExpression.MatchPattern match -> FieldType.BOOLEAN;
            case PlanExpression.MatchDynamic match -> FieldType.BOOLEAN;
            case PlanExpression.ContainsText contains -> FieldType.BOOLEAN;
            case PlanExpression.InValues in -> FieldType.BOOLEAN;
            case PlanExpression.LookupContains contains -> FieldType.BOOLEAN;
            case PlanExpression.Conditional conditional -> {
                FieldType whenTrue = typeOf(conditional.whenTrue());
                yield whenTrue == typeOf(conditional.whenFalse()) ? whenTrue : FieldType.STRING;
            }
            case PlanExpression.Call call -> switch (call.function()) {
                case ROUND -> call.arguments().size() == 1 ? FieldType.LONG : FieldType.DOUBLE;
                case ABS, MIN, MAX -> {
                    boolean allLong = true;
                    for (PlanExpression argument : call.arguments()) {
                        allLong &= typeOf(argument) == FieldType.LONG;
                    }
                    yield allLong ? FieldType.LONG : FieldType.DOUBLE;
                }
                default -> call.function().resultType();
            };
        };
    }

    private PlanExpression field(Expression.FieldReference field) {
        if (field.name().equals("*")) {
            throw new LoupeException(ErrorCode.QUERY_INVALID, "'*' is only allowed in count(*)", field.span());
        }
        return new PlanExpression.Slot(fields.slot(field.name()));
    }

    private List<PlanExpression> compileAll(List<Expression> expressions) {
        List<PlanExpression> compiled = new ArrayList<>(expressions.size());
        for (Expression expression : expressions) {
            compiled.add(compile(expression));
        }
        return compiled;
    }

    private PlanExpression matches(Expression value, Expression pattern) {
        PlanExpression compiledValue = compile(value);
        if (pattern instanceof Expression.StringLiteral string) {
            return new PlanExpression.MatchPattern(compiledValue, Patterns.wildcard(string.value()), false);
        }
        if (pattern instanceof Expression.RegexLiteral regex) {
            return new PlanExpression.MatchPattern(compiledValue, regex(regex), true);
        }
        return new PlanExpression.MatchDynamic(compiledValue, compile(pattern));
    }

    private static Pattern regex(Expression.RegexLiteral regex) {
        try {
            return Pattern.compile(regex.pattern());
        } catch (PatternSyntaxException invalid) {
            throw new LoupeException(ErrorCode.QUERY_INVALID, "invalid regex /" + regex.pattern() + "/: "
                    + invalid.getDescription(), regex.span());
        }
    }

    private PlanExpression call(Expression.Call call) {
        Function function = resolve(call);
        int count = call.arguments().size();
        if (count < function.minimumArguments() || count > function.maximumArguments()) {
            String expected = function.minimumArguments() == function.maximumArguments()
                    ? String.valueOf(function.minimumArguments())
                    : function.minimumArguments() + " to " + function.maximumArguments();
            throw new LoupeException(ErrorCode.QUERY_INVALID, "function '" + function.displayName() + "' takes "
                    + expected + " argument" + (expected.equals("1") ? "" : "s") + " but got " + count, call.span());
        }
        List<Expression> arguments = call.arguments();
        return switch (function) {
            case IF -> new PlanExpression.Conditional(compile(arguments.get(0)), compile(arguments.get(1)),
                    compile(arguments.get(2)));
            case MATCHES -> matches(arguments.get(0), arguments.get(1));
            case CONTAINS -> new PlanExpression.ContainsText(compile(arguments.get(0)), compile(arguments.get(1)));
            case REPLACE -> {
                PlanExpression find = arguments.get(1) instanceof Expression.RegexLiteral regex
                        ? new PlanExpression.Constant(regex(regex)) : compile(arguments.get(1));
                yield new PlanExpression.Call(function, List.of(compile(arguments.get(0)), find,
                        compile(arguments.get(2))));
            }
            default -> new PlanExpression.Call(function, compileAll(arguments));
        };
    }
}
