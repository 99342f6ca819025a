package dev.loupe.query.analyzer;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.ast.ScopeExpression;
import dev.loupe.store.spi.KeywordExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Translates the scope syntax tree into the store's {@link KeywordExpression}, simplifying trivial nodes. */
final class ScopeCompiler {
    private ScopeCompiler() {}

    static KeywordExpression compile(ScopeExpression scope, SubqueryCompiler subqueries) {
        return switch (scope) {
            case ScopeExpression.All all -> new KeywordExpression.MatchAll();
            case ScopeExpression.Keyword keyword -> new KeywordExpression.Keyword(keyword.text(), keyword.quoted());
            case ScopeExpression.FieldMatch match -> fieldMatch(match);
            case ScopeExpression.And and -> and(and.operands(), subqueries);
            case ScopeExpression.Or or -> or(or.operands(), subqueries);
            case ScopeExpression.Not not -> new KeywordExpression.Not(compile(not.operand(), subqueries));
            case ScopeExpression.Subquery subquery -> subqueries.scope(subquery.clause());
        };
    }

    private static KeywordExpression fieldMatch(ScopeExpression.FieldMatch match) {
        String field = match.field().toLowerCase(Locale.ROOT);
        if (field.equals("_index") || field.equals("_view")) {
            throw new LoupeException(ErrorCode.QUERY_UNSUPPORTED,
                    "searching a partition or scheduled view (" + match.field() + ") is not supported yet", match.span());
        }
        if (field.equals("_datatier")) {
            return new KeywordExpression.MatchAll();
        }
        return new KeywordExpression.FieldMatch(match.field(), match.pattern());
    }

    private static KeywordExpression and(List<ScopeExpression> operands, SubqueryCompiler subqueries) {
        List<KeywordExpression> compiled = new ArrayList<>();
        for (ScopeExpression operand : operands) {
            KeywordExpression expression = compile(operand, subqueries);
            if (!(expression instanceof KeywordExpression.MatchAll)) {
                compiled.add(expression);
            }
        }
        return switch (compiled.size()) {
            case 0 -> new KeywordExpression.MatchAll();
            case 1 -> compiled.get(0);
            default -> new KeywordExpression.And(compiled);
        };
    }

    private static KeywordExpression or(List<ScopeExpression> operands, SubqueryCompiler subqueries) {
        List<KeywordExpression> compiled = new ArrayList<>();
        for (ScopeExpression operand : operands) {
            KeywordExpression expression = compile(operand, subqueries);
            if (expression instanceof KeywordExpression.MatchAll) {
                return expression;
            }
            compiled.add(expression);
        }
        return compiled.size() == 1 ? compiled.get(0) : new KeywordExpression.Or(compiled);
    }
}
