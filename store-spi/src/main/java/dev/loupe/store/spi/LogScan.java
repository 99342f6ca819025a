package dev.loupe.store.spi;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.TimeRange;

/**
 * What a query asks of a log store: the messages in a time range that match a keyword expression.
 *
 * @param range the half-open time range, applied to {@code timeField}
 * @param timeField which timestamp the range applies to
 * @param filter the scope expression; {@link KeywordExpression.MatchAll} for everything
 * @param order the order of the returned messages
 * @param projection what of each message the consumer reads (a store may leave the rest out)
 */
public record LogScan(TimeRange range, TimeField timeField, KeywordExpression filter, ScanOrder order,
        ScanProjection projection) {
    public LogScan {
        requireNonNull(range, "range is null");
        requireNonNull(timeField, "timeField is null");
        requireNonNull(filter, "filter is null");
        requireNonNull(order, "order is null");
        requireNonNull(projection, "projection is null");
    }

    /** A scan returning whole messages. */
    public LogScan(TimeRange range, TimeField timeField, KeywordExpression filter, ScanOrder order) {
        this(range, timeField, filter, order, ScanProjection.WHOLE_MESSAGE);
    }
}
