package dev.loupe.server.search;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.TimeRange;
import java.time.ZoneId;

/**
 * A validated search job create request.
 *
 * @param query the query text
 * @param range the half-open time range
 * @param zone the time zone for local times and timeslices
 * @param byReceiptTime search {@code _receipttime} instead of {@code _messagetime}
 * @param autoParsingMode whether JSON fields are extracted at search time ({@code Manual} when absent)
 * @param requiresRawMessages false when the caller only wants records: an aggregate query then keeps no messages
 *     for {@code /messages} (true when absent)
 */
public record SearchJobRequest(String query, TimeRange range, ZoneId zone, boolean byReceiptTime,
        AutoParsingMode autoParsingMode, boolean requiresRawMessages) {
    public SearchJobRequest {
        requireNonNull(query, "query is null");
        requireNonNull(range, "range is null");
        requireNonNull(zone, "zone is null");
        requireNonNull(autoParsingMode, "autoParsingMode is null");
    }
}
