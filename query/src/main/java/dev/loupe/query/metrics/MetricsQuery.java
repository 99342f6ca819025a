package dev.loupe.query.metrics;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.SourceSpan;
import dev.loupe.store.spi.metrics.SeriesSelector;
import java.util.List;

/**
 * A parsed row: where its series come from, then its operators.
 *
 * @param source the selector or the row expression
 * @param operators the operators after the first {@code |}, in order
 */
record MetricsQuery(Source source, List<MetricsOperator> operators) {
    MetricsQuery {
        requireNonNull(source, "source is null");
        operators = List.copyOf(operators);
    }

    sealed interface Source {
        SourceSpan span();
    }

    /**
     * {@code Namespace=AWS/ApiGateway metric=Count [sum over 5m]}.
     *
     * @param rollupSelector the {@code [r over d]} selector, or null
     */
    record SelectorSource(SeriesSelector selector, MetricsOperator.Quantize rollupSelector, SourceSpan span) implements Source {}

    /**
     * {@code #A + #B along apiname as total}.
     *
     * @param along the join dimensions; empty for a cross join
     * @param alias the {@code as} name for the result's {@code metric}, or null
     */
    record RowExpressionSource(Expression expression, List<String> along, String alias, SourceSpan span) implements Source {
        RowExpressionSource {
            along = List.copyOf(along);
        }
    }
}
