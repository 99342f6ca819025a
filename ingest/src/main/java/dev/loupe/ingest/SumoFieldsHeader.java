package dev.loupe.ingest;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the {@code X-Sumo-Fields} header: {@code k1=v1,k2=v2}.
 *
 * <p>Keys and values are trimmed; a value may contain {@code =} (the pair splits at the first one) and may be
 * empty; empty segments (as from a trailing comma) are skipped; a later duplicate key replaces the earlier value
 * but keeps its position. A segment without {@code =} or with an empty key is rejected. Stateless and thread-safe.
 */
public final class SumoFieldsHeader {
    private SumoFieldsHeader() {}

    /**
     * @param header the header value, or null (no fields)
     * @return the fields in header order, unmodifiable; empty for a null or blank header
     * @throws LoupeException {@code INVALID_INPUT} naming the first malformed pair
     */
    public static Map<String, String> parse(String header) {
        return parse(header, "X-Sumo-Fields");
    }

    /**
     * Parses another header of the same {@code k1=v1,k2=v2} form ({@code X-Sumo-Dimensions},
     * {@code X-Sumo-Metadata}).
     *
     * @param headerName how errors name the header
     * @return the pairs in header order, unmodifiable; empty for a null or blank header
     * @throws LoupeException {@code INVALID_INPUT} naming the header and its first malformed pair
     */
    public static Map<String, String> parse(String header, String headerName) {
        if (header == null || header.isBlank()) {
            return Map.of();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String segment : header.split(",", -1)) {
            String pair = segment.strip();
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new LoupeException(ErrorCode.INVALID_INPUT,
                        headerName + " pair '" + pair + "' is not of the form key=value");
            }
            String key = pair.substring(0, equals).strip();
            if (key.isEmpty()) {
                throw new LoupeException(ErrorCode.INVALID_INPUT, headerName + " pair '" + pair + "' has an empty key");
            }
            fields.put(key, pair.substring(equals + 1).strip());
        }
        return Collections.unmodifiableMap(fields);
    }
}
