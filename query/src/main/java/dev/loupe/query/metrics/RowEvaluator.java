package dev.loupe.query.metrics;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.store.spi.metrics.MetricStore;
import java.util.List;

/** Evaluates the rows of one metrics query. One instance per query. */
final class RowEvaluator {
    private final MetricStore store;
    private final MetricsQueryContext context;

    RowEvaluator(MetricStore store, MetricsQueryContext context) {
        this.store = store;
        this.context = context;
    }

    MetricsQueryResult evaluate(List<MetricsQueryRow> rows) {
        throw new LoupeException(ErrorCode.INTERNAL, "not implemented yet " + store + context + rows);
    }
}
