package dev.loupe.server;

import dev.loupe.core.ErrorCode;

/**
 * The {@code limit} and {@code token} of a Sumo v2-style list ({@code GET /api/v2/dashboards},
 * {@code GET /api/v1/extractionRules}): the token is the opaque text of the previous page's {@code next}, here the
 * position of the first item to show.
 *
 * @param limit how many items at most, at least 1
 * @param offset the position of the first item, at least 0
 */
public record TokenPaging(int limit, int offset) {
    /**
     * @param limitText the {@code limit} parameter, or null for {@code defaultLimit}
     * @param token the {@code token} parameter, or null for the first page
     * @param apiCode the error code of a bad parameter in this API
     * @throws ApiException 400 {@code apiCode} when the limit is not a number from 1 to {@code maxLimit} or the
     *     token is not one {@link #next} gives out
     */
    public static TokenPaging parse(String limitText, String token, int defaultLimit, int maxLimit, String apiCode) {
        int limit = defaultLimit;
        if (limitText != null && !limitText.isBlank()) {
            limit = number(limitText);
            if (limit < 1 || limit > maxLimit) {
                throw new ApiException(ErrorCode.INVALID_INPUT, 400, apiCode, "limit must be a number from 1 to "
                        + maxLimit + ", not '" + limitText + "'");
            }
        }
        int offset = token == null || token.isBlank() ? 0 : number(token);
        if (offset < 0) {
            throw new ApiException(ErrorCode.INVALID_INPUT, 400, apiCode, "token '" + token
                    + "' is not one this server gave out");
        }
        return new TokenPaging(limit, offset);
    }

    /** The token of the page after this one when {@code more} items follow it, else null. */
    public String next(boolean more) {
        return more ? Integer.toString(offset + limit) : null;
    }

    /* A whole number, or -1 (invalid either way for the callers). */
    private static int number(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException exception) {
            return -1;
        }
    }
}
