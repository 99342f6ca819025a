package dev.loupe.ingest;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The metadata every message of one request (or file) gets: the source's defaults overridden by the
 * {@code X-Sumo-*} headers or CLI options. Values may be empty, never null.
 *
 * @param category {@code _sourceCategory}
 * @param name {@code _sourceName}
 * @param host {@code _sourceHost}
 * @param source {@code _source}: the name of the receiving HTTP source
 * @param collector {@code _collector}
 * @param fields custom fields (from {@code X-Sumo-Fields}), unmodifiable
 */
public record SourceMetadata(String category, String name, String host, String source, String collector,
        Map<String, String> fields) {
    public SourceMetadata {
        requireNonNull(category, "category is null");
        requireNonNull(name, "name is null");
        requireNonNull(host, "host is null");
        requireNonNull(source, "source is null");
        requireNonNull(collector, "collector is null");
        fields = Map.copyOf(requireNonNull(fields, "fields is null"));
    }

    public static SourceMetadata empty() {
        return new SourceMetadata("", "", "", "", "", Map.of());
    }
}
