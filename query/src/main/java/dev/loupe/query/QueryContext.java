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
 */
public record QueryContext(TimeRange range, ZoneId zone, boolean byReceiptTime, long nowMillis) {
    public QueryContext {
        requireNonNull(range, "range is null");
        requireNonNull(zone, "zone is null");
    }
}
