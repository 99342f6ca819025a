package dev.loupe.query.ast;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.SourceSpan;
import dev.loupe.query.ast.Expression.FieldReference;
import java.util.List;

/**
 * {@code [subquery [from=(...)] [to=(...)]: <child query> | compose f1[, f2] [maxresults=N] [keywords]]} (spec
 * §2.16): a child query run before its parent, whose rows become a disjunction of conjunctions.
 *
 * @param child the child query, without its {@code compose} clause
 * @param from the child's start time as written (relative, epoch ms or a date), or null for the parent's start
 * @param to the child's end time as written, or null for the parent's end
 * @param composeFields the fields whose values are composed, in order
 * @param maxResults the maximum number of distinct child rows used (default 2,500, at most 10,000)
 * @param keywords whether only the values are composed ({@code keywords}), not {@code field="value"} pairs
 * @param span the whole bracket
 */
public record SubqueryClause(Query child, String from, String to, List<FieldReference> composeFields,
        int maxResults, boolean keywords, SourceSpan span) {
    /** Sumo's default for {@code maxresults}. */
    public static final int DEFAULT_MAX_RESULTS = 2_500;
    /** Sumo's maximum for {@code maxresults}. */
    public static final int MAX_RESULTS = 10_000;

    public SubqueryClause {
        requireNonNull(child, "child is null");
        composeFields = List.copyOf(composeFields);
        requireNonNull(span, "span is null");
    }
}
