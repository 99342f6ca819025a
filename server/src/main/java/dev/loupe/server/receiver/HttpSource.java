package dev.loupe.server.receiver;

import static java.util.Objects.requireNonNull;

import dev.loupe.ingest.TimestampExtractor;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * A configured HTTP source: where receiver requests with its token land, and the defaults its data gets unless
 * {@code X-Sumo-*} headers override them.
 *
 * @param id the stable id, 16 upper-case hex digits
 * @param name the source name: {@code _source}, and the default {@code _sourceName}
 * @param category the default {@code _sourceCategory}
 * @param token the secret in the receiver URL; unguessable, URL-safe
 * @param host the default {@code _sourceHost}, or null for the client's address
 * @param fields default custom fields, merged under {@code X-Sumo-Fields} (the header wins per key)
 * @param timeZone the zone of message timestamps written without one (an IANA id such as
 *     {@code Europe/Berlin}), or null for UTC
 * @param timestampFormat a {@link DateTimeFormatter} pattern tried first at the start of each log line, or null
 * @param createdMillis when it was created, epoch ms
 */
public record HttpSource(String id, String name, String category, String token, String host,
        Map<String, String> fields, String timeZone, String timestampFormat, long createdMillis) {
    public HttpSource {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(category, "category is null");
        requireNonNull(token, "token is null");
        fields = Map.copyOf(requireNonNull(fields, "fields is null"));
    }

    /** The receiver path for this source, relative to the server root. */
    public String receiverPath() {
        return "/receiver/v1/http/" + token;
    }

    /** Whether log timestamps of this source need other rules than the default (UTC, automatic detection). */
    public boolean hasTimestampSettings() {
        return timeZone != null || timestampFormat != null;
    }

    /**
     * The timestamp rules of this source's logs.
     *
     * @throws java.time.DateTimeException or {@link IllegalArgumentException} for an invalid zone or pattern
     *     (the registry validates both before storing a source)
     */
    public TimestampExtractor timestampExtractor() {
        ZoneId zone = timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
        return new TimestampExtractor(zone, timestampFormat == null ? null : DateTimeFormatter.ofPattern(timestampFormat));
    }

    @Override
    public String toString() {
        return "HttpSource[id=" + id + ", name=" + name + ", category=" + category + "]";
    }
}
