package dev.loupe.query.metrics;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.LoupeException;
import dev.loupe.store.spi.metrics.MetricStore;
import java.util.List;

/**
 * Runs metrics queries (spec §4) against a {@link MetricStore}. Thread-safe and stateless between calls: one engine
 * can serve every request of a server.
 *
 * <p>A query is a list of rows; each row is either a selector pipeline ({@code Namespace=AWS/ApiGateway metric=Count
 * statistic=Sum | quantize using sum | sum by apiname}) or an expression over other rows ({@code #A + #B along
 * apiname}, {@code #A | timeshift 1d}). Rows are evaluated in dependency order; a reference cycle or a missing row
 * is an error. Every error is a {@link LoupeException}; errors in a query text start with {@code line L, col C: }.
 */
public final class MetricsQueryEngine {
    private final MetricStore store;

    /** An engine reading from {@code store}; the caller keeps ownership of the store (closing it). */
    public MetricsQueryEngine(MetricStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /**
     * Parses and checks one row's query text without reading any data: syntax, operator arguments, {@code
     * {{var}}} placeholders left unsubstituted ({@code QUERY_PARAMETER_NOT_SUBSTITUTED}).
     *
     * @throws LoupeException {@code QUERY_SYNTAX}, {@code QUERY_INVALID}, {@code QUERY_UNSUPPORTED} or {@code
     *     QUERY_PARAMETER_NOT_SUBSTITUTED}, with the span of the offending text
     */
    public void check(String query) {
        requireNonNull(query, "query is null");
        MetricsParser.parse(query);
    }

    /**
     * Runs {@code rows} over {@code context.range()}.
     *
     * @return one result per row, in the order of {@code rows}
     * @throws LoupeException a query error (see {@link #check}; the message names the row), {@code INVALID_INPUT}
     *     for duplicate row ids, unknown or cyclic row references, {@code QUERY_LIMIT_EXCEEDED} past the context's
     *     series limits, or a storage failure
     */
    public MetricsQueryResult execute(List<MetricsQueryRow> rows, MetricsQueryContext context) {
        requireNonNull(rows, "rows is null");
        requireNonNull(context, "context is null");
        return new RowEvaluator(store, context).evaluate(rows);
    }
}
