package dev.loupe.server.search;

import dev.loupe.core.ErrorCode;
import dev.loupe.server.ApiException;

/**
 * A validated {@code offset}/{@code limit} pair for the messages and records pages.
 *
 * <p>Both are required. A {@code limit} above {@value #MAX_LIMIT} is clamped rather than rejected: the API
 * allows a page to hold fewer rows than asked for, and clients advance by the rows they got.
 */
public record PageRequest(int offset, int limit) {
    public static final int MAX_LIMIT = 10_000;

    /**
     * @throws ApiException 400 {@code offset.missing}, {@code offset.negative}, {@code offset.invalid},
     *     {@code limit.missing}, {@code limit.zero}, {@code limit.negative} or {@code limit.invalid}
     */
    public static PageRequest parse(String offsetText, String limitText) {
        long offset = number(offsetText, "offset");
        if (offset < 0) {
            throw invalid("offset.negative", "'offset' must not be negative: " + offset);
        }
        long limit = number(limitText, "limit");
        if (limit == 0) {
            throw invalid("limit.zero", "'limit' must be greater than zero");
        }
        if (limit < 0) {
            throw invalid("limit.negative", "'limit' must not be negative: " + limit);
        }
        return new PageRequest((int) Math.min(offset, Integer.MAX_VALUE), (int) Math.min(limit, MAX_LIMIT));
    }

    private static long number(String text, String name) {
        if (text == null || text.isBlank()) {
            throw invalid(name + ".missing", "the '" + name + "' query parameter is required");
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException exception) {
            throw invalid(name + ".invalid", "'" + name + "' must be a whole number, not '" + text + "'");
        }
    }

    private static ApiException invalid(String code, String message) {
        return new ApiException(ErrorCode.INVALID_INPUT, 400, code, message);
    }
}
