package dev.loupe.query.ast;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.SourceSpan;
import java.util.List;

/**
 * A parsed log query: the keyword scope and the pipeline of operators that follow it.
 *
 * @param scope the keyword search before the first {@code |}; {@link ScopeExpression.All} when empty or {@code *}
 * @param operators the operators in pipeline order
 * @param span the whole query text
 */
public record Query(ScopeExpression scope, List<Operator> operators, SourceSpan span) {
    public Query {
        requireNonNull(scope, "scope is null");
        operators = List.copyOf(operators);
        requireNonNull(span, "span is null");
    }
}
