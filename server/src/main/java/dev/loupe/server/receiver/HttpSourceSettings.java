package dev.loupe.server.receiver;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What a new HTTP source is made of, before it has an id and a token. Null optional values mean "not set".
 *
 * @param name the source name, required
 * @param category the default {@code _sourceCategory}, required
 * @param host the default {@code _sourceHost}, or null
 * @param fields default custom fields
 * @param timeZone IANA zone id for timestamps without a zone, or null
 * @param timestampFormat a {@link java.time.format.DateTimeFormatter} pattern, or null
 */
public record HttpSourceSettings(String name, String category, String host, Map<String, String> fields,
        String timeZone, String timestampFormat) {
    public HttpSourceSettings {
        requireNonNull(name, "name is null");
        requireNonNull(category, "category is null");
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    /** A source with a name and a category and nothing else. */
    public static HttpSourceSettings of(String name, String category) {
        return new HttpSourceSettings(name, category, null, Map.of(), null, null);
    }
}
