package dev.loupe.server.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.TimeRange;
import dev.loupe.server.ApiException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses a create request body the lenient way real clients need (apis-and-clients.md §2.3): {@code from} and
 * {@code to} as ISO local date-times (in {@code timeZone}), ISO with an offset, or epoch ms as number or string;
 * {@code timeZone} optional (default UTC) with the alias {@code timezone}; {@code byReceiptTime} as boolean,
 * {@code "true"}/{@code "False"} or null (so is {@code requiresRawMessages}); {@code autoParsingMode} as
 * {@link AutoParsingMode} names it. Relative times ({@code -1h}, {@code now}) are rejected, as in Sumo.
 *
 * <p>Every failure is a 400 {@link ApiException} with a {@code searchjob.*} code.
 */
final class SearchJobRequestParser {
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,19}");

    private SearchJobRequestParser() {}

    static SearchJobRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("searchjob.generic", "the request body must be a JSON object");
        }
        JsonNode queryNode = body.get("query");
        if (queryNode == null || queryNode.isNull() || !queryNode.isTextual() || queryNode.asText().isBlank()) {
            throw invalid("searchjob.no.query", "the 'query' field is missing or empty");
        }
        ZoneId zone = zone(body.has("timeZone") ? body.get("timeZone") : body.get("timezone"));
        long from = time(body.get("from"), zone, "from");
        long to = time(body.get("to"), zone, "to");
        if (to < from) {
            throw invalid("searchjob.to.smaller.than.from",
                    "the 'to' time (" + to + ") is before the 'from' time (" + from + ")");
        }
        boolean byReceiptTime = flag(body.get("byReceiptTime"), "byReceiptTime", false);
        boolean requiresRawMessages = flag(body.get("requiresRawMessages"), "requiresRawMessages", true);
        return new SearchJobRequest(queryNode.asText(), new TimeRange(from, to), zone, byReceiptTime,
                autoParsingMode(body.get("autoParsingMode")), requiresRawMessages);
    }

    private static AutoParsingMode autoParsingMode(JsonNode node) {
        if (node == null || node.isNull() || node.asText().isBlank()) {
            return AutoParsingMode.MANUAL;
        }
        return AutoParsingMode.of(node.asText()).orElseThrow(() -> invalid("searchjob.generic",
                "'autoParsingMode' must be AutoParse or Manual (or performance, intelligent, verbose), not '"
                        + node.asText() + "'"));
    }

    private static ZoneId zone(JsonNode node) {
        if (node == null || node.isNull()) {
            return ZoneId.of("UTC");
        }
        String text = node.asText().trim();
        if (text.isEmpty()) {
            throw invalid("searchjob.empty.timezone", "the 'timeZone' field is empty");
        }
        try {
            return ZoneId.of(text, ZoneId.SHORT_IDS);
        } catch (DateTimeException exact) {
            try {
                return ZoneId.of(text.toUpperCase(Locale.ROOT), ZoneId.SHORT_IDS);
            } catch (DateTimeException upperCase) {
                throw invalid("searchjob.unknown.timezone", "unknown time zone '" + text
                        + "'; use an IANA name like UTC or America/Los_Angeles");
            }
        }
    }

    private static long time(JsonNode node, ZoneId zone, String field) {
        String code = "searchjob.invalid.timestamp." + field;
        if (node == null || node.isNull()) {
            throw invalid(code, "the '" + field + "' field is missing");
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        String text = node.asText().trim();
        if (EPOCH_MILLIS.matcher(text).matches()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException exception) {
                throw invalid(code, "the '" + field + "' time '" + text + "' is out of range");
            }
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant().toEpochMilli();
            } catch (DateTimeParseException exception) {
                throw invalid(code, "the '" + field + "' time '" + text + "' is not epoch milliseconds or an ISO-8601 "
                        + "date-time like 2019-06-25T10:14:31 (relative times are not supported)");
            }
        }
    }

    private static boolean flag(JsonNode node, String name, boolean absent) {
        if (node == null || node.isNull()) {
            return absent;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String text = node.asText().trim();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        if (text.isEmpty()) {
            return absent;
        }
        throw invalid("searchjob.generic", "'" + name + "' must be true or false, not '" + text + "'");
    }

    private static ApiException invalid(String code, String message) {
        return new ApiException(ErrorCode.INVALID_INPUT, 400, code, message);
    }
}
