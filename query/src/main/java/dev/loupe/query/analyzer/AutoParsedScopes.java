package dev.loupe.query.analyzer;

import dev.loupe.store.spi.KeywordExpression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scope of an {@code AutoParse} query. A {@code field=value} term on a field that is no built-in one
 * ({@code _sourceCategory} and the like start with {@code _}) may name a JSON field, which the store does not
 * index as a field. The store is therefore asked for a wider scope, where such a term also lets through messages
 * whose text holds the value as a keyword (a JSON value is always in the text), and the exact scope is checked
 * after {@code json auto} ran ({@link dev.loupe.query.plan.EnrichNode.AutoParsedScope}).
 */
final class AutoParsedScopes {
    private AutoParsedScopes() {}

    /** The custom fields the scope's {@code field=value} terms name, first spelling kept, no duplicates. */
    static List<String> customFieldNames(KeywordExpression scope) {
        Map<String, String> names = new LinkedHashMap<>();
        collect(scope, names);
        return new ArrayList<>(names.values());
    }

    private static void collect(KeywordExpression scope, Map<String, String> names) {
        switch (scope) {
            case KeywordExpression.FieldMatch match -> {
                if (isCustom(match.field())) {
                    names.putIfAbsent(match.field().toLowerCase(Locale.ROOT), match.field());
                }
            }
            case KeywordExpression.And and -> and.operands().forEach(operand -> collect(operand, names));
            case KeywordExpression.Or or -> or.operands().forEach(operand -> collect(operand, names));
            case KeywordExpression.Not not -> collect(not.operand(), names);
            case KeywordExpression.Keyword keyword -> { }
            case KeywordExpression.MatchAll all -> { }
        }
    }

    /**
     * A scope that matches at least what the exact scope matches once JSON fields count: a custom field term
     * becomes "the custom field matches, or the text holds the value"; a negation over such a term matches all
     * (negating a wider set would narrow it).
     */
    static KeywordExpression widen(KeywordExpression scope) {
        return switch (scope) {
            case KeywordExpression.FieldMatch match -> isCustom(match.field())
                    ? new KeywordExpression.Or(List.of(match, new KeywordExpression.Keyword(match.pattern(), true)))
                    : match;
            case KeywordExpression.And and -> new KeywordExpression.And(and.operands().stream()
                    .map(AutoParsedScopes::widen).toList());
            case KeywordExpression.Or or -> new KeywordExpression.Or(or.operands().stream()
                    .map(AutoParsedScopes::widen).toList());
            case KeywordExpression.Not not -> customFieldNames(not.operand()).isEmpty() ? not
                    : new KeywordExpression.MatchAll();
            case KeywordExpression.Keyword keyword -> keyword;
            case KeywordExpression.MatchAll all -> all;
        };
    }

    private static boolean isCustom(String field) {
        return !field.startsWith("_");
    }
}
