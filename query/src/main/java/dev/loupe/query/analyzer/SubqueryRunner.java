package dev.loupe.query.analyzer;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.ast.SubqueryClause;
import java.util.List;

/**
 * Runs the child query of a subquery (spec §2.16) for the {@link Analyzer}, which turns the rows into the
 * disjunction that replaces the bracket. The analyzer never sees the store: {@link dev.loupe.query.LogQueryEngine}
 * supplies the implementation, which runs the child through the engine over the child's own time range.
 * Called once per subquery, in query order, on the analyzing thread.
 */
@FunctionalInterface
public interface SubqueryRunner {

    /**
     * Runs {@code clause.child()}.
     *
     * @return the distinct combinations of the compose fields' values (one list per child row, aligned with
     *     {@code clause.composeFields()}, no null element), in the child's result order, at most
     *     {@code clause.maxResults()}; empty when the child has no rows (the subquery then matches nothing)
     * @throws LoupeException for an invalid child query or a compose field the child's result lacks
     */
    List<List<String>> run(SubqueryClause clause);

    /** For analysis without an engine: every subquery is {@code QUERY_UNSUPPORTED}. */
    static SubqueryRunner unavailable() {
        return clause -> {
            throw new LoupeException(ErrorCode.QUERY_UNSUPPORTED, "subqueries need a LogQueryEngine to run",
                    clause.span());
        };
    }
}
