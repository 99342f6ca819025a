package dev.loupe.server.library;

import dev.loupe.core.ErrorCode;
import dev.loupe.server.ApiException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The id of a library item: a positive 64-bit number written as 16 upper-case hex digits ({@code 000000000C1C17C6}),
 * the form Sumo's content ids take and Terraform formats with {@code %x}.
 *
 * @param value the number, never negative
 */
public record ContentId(long value) implements Comparable<ContentId> {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The text a missing item's error carries: the Python SDK and Terraform match on it. */
    public static final String DOES_NOT_EXIST = "Content with the given ID does not exist.";

    public ContentId {
        if (value < 0) {
            throw new IllegalArgumentException("a content id is not negative: " + value);
        }
    }

    /** A new random id (63 random bits). */
    public static ContentId random() {
        return new ContentId(RANDOM.nextLong() >>> 1);
    }

    /**
     * Parses 1 to 16 hex digits, in either case.
     *
     * @throws ApiException 404 {@link #DOES_NOT_EXIST} when the text is not a content id: nothing can have it
     */
    public static ContentId parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 16 || !text.chars().allMatch(ContentId::isHexDigit)) {
            throw notFound();
        }
        long value = Long.parseUnsignedLong(text, 16);
        if (value < 0) {
            throw notFound();
        }
        return new ContentId(value);
    }

    /** The 404 answered for an item that does not exist (or an id that cannot be one). */
    public static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, 404, "content:not_found", DOES_NOT_EXIST);
    }

    private static boolean isHexDigit(int character) {
        return Character.digit(character, 16) >= 0 && character < 128;
    }

    @Override
    public int compareTo(ContentId other) {
        return Long.compare(value, other.value);
    }

    /** The 16 upper-case hex digits. */
    @Override
    public String toString() {
        return HexFormat.of().withUpperCase().toHexDigits(value);
    }
}
