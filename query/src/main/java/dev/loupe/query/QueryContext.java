package dev.loupe.query;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.TimeRange;
import java.time.ZoneId;

/**
 * Everything a log query needs besides its text.
 *
 * @param range the half-open time range searched
 * @param zone the time zone for {@code timeslice} alignment, {@code formatDate} and the like
 * @param byReceiptTime search by {@code _receipttime} instead of {@code _messagetime}
 * @param nowMillis "now" for {@code now()} and relative times, fixed for the whole query
 * @param autoParse Sumo's {@code AutoParse} mode: JSON fields of every message are extracted at search time (as
 *     {@code json auto} at the head of the query), and {@code field=value} terms of the scope that name no
 *     built-in field also match a JSON field of that name
 * @param keepMatchedMessages for an aggregate query: keep the newest {@value
 *     dev.loupe.query.execution.QueryExecutor#MAX_MESSAGES} messages that reached the first aggregate, in
 *     {@link QueryResult#matchedMessages()} (what the Search Job API's {@code /messages} pages show); costs their
 *     memory, so only callers that show them ask for it
 */
public record QueryContext(TimeRange range, ZoneId zone, boolean byReceiptTime, long nowMillis, boolean autoParse,
        boolean keepMatchedMessages) {
    public QueryContext {
        requireNonNull(range, "range is null");
        requireNonNull(zone, "zone is null");
    }

    /** A context with {@code Manual} parsing that keeps no matched messages of aggregate queries. */
    public QueryContext(TimeRange range, ZoneId zone, boolean byReceiptTime, long nowMillis) {
        this(range, zone, byReceiptTime, nowMillis, false, false);
    }
}
