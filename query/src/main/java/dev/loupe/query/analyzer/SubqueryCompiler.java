package dev.loupe.query.analyzer;

import dev.loupe.query.ast.Expression.ComparisonOperator;
import dev.loupe.query.ast.SubqueryClause;
import dev.loupe.query.plan.FieldLayout;
import dev.loupe.query.plan.PlanExpression;
import dev.loupe.store.spi.KeywordExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a subquery's child rows (from the {@link SubqueryRunner}) into the disjunctive normal form that replaces
 * the bracket (spec §2.16): {@code ((f1="v1" AND f2="v2") OR ...)}, or with {@code keywords}
 * {@code (("v1" AND "v2") OR ...)}. No child rows give a condition that matches nothing.
 *
 * <p>In the scope, {@code f="v"} is a field match (metadata or custom fields) and a keyword value is a phrase
 * search in the message. In {@code where}/{@code if}, {@code f="v"} is the comparison {@code f = "v"}, and a
 * keyword value tests that {@code _raw} contains the value, ignoring case (a keyword search on the row).
 */
final class SubqueryCompiler {
    private final SubqueryRunner runner;
    private final FieldTable fields;

    SubqueryCompiler(SubqueryRunner runner, FieldTable fields) {
        this.runner = runner;
        this.fields = fields;
    }

    KeywordExpression scope(SubqueryClause clause) {
        List<List<String>> rows = runner.run(clause);
        if (rows.isEmpty()) {
            return new KeywordExpression.Not(new KeywordExpression.MatchAll());
        }
        List<KeywordExpression> disjuncts = new ArrayList<>();
        for (List<String> row : rows) {
            List<KeywordExpression> conjuncts = new ArrayList<>();
            for (int index = 0; index < row.size(); index++) {
                conjuncts.add(clause.keywords() ? new KeywordExpression.Keyword(row.get(index), true)
                        : new KeywordExpression.FieldMatch(clause.composeFields().get(index).name(), row.get(index)));
            }
            disjuncts.add(conjuncts.size() == 1 ? conjuncts.get(0) : new KeywordExpression.And(conjuncts));
        }
        return disjuncts.size() == 1 ? disjuncts.get(0) : new KeywordExpression.Or(disjuncts);
    }

    PlanExpression condition(SubqueryClause clause) {
        List<List<String>> rows = runner.run(clause);
        List<PlanExpression> disjuncts = new ArrayList<>();
        for (List<String> row : rows) {
            PlanExpression conjunction = null;
            for (int index = 0; index < row.size(); index++) {
                PlanExpression test = clause.keywords()
                        ? new PlanExpression.MatchPattern(new PlanExpression.Slot(FieldLayout.RAW),
                                Pattern.compile(Pattern.quote(row.get(index)),
                                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), true)
                        : new PlanExpression.Compare(ComparisonOperator.EQUAL,
                                new PlanExpression.Slot(fields.slot(clause.composeFields().get(index).name())),
                                new PlanExpression.Constant(row.get(index)));
                conjunction = conjunction == null ? test : new PlanExpression.And(conjunction, test);
            }
            disjuncts.add(conjunction);
        }
        return disjuncts.isEmpty() ? new PlanExpression.Constant(false) : balancedOr(disjuncts, 0, disjuncts.size());
    }

    /** A balanced tree of ORs, so that 10,000 rows evaluate at a recursion depth of about 14. */
    private static PlanExpression balancedOr(List<PlanExpression> operands, int from, int to) {
        if (to - from == 1) {
            return operands.get(from);
        }
        int middle = (from + to) >>> 1;
        return new PlanExpression.Or(balancedOr(operands, from, middle), balancedOr(operands, middle, to));
    }
}
