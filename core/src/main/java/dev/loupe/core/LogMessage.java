package dev.loupe.core;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One log message as ingested and stored: the raw text, its two timestamps, and its metadata.
 *
 * <p>Metadata values may be empty strings but never null. {@code fields} holds custom fields (from
 * {@code X-Sumo-Fields}, source defaults, or field extraction rules); keys keep their original spelling and are
 * matched case-insensitively by queries.
 *
 * @param raw the message text ({@code _raw})
 * @param messageTime epoch ms parsed from the message, or the receipt time when none was found ({@code _messagetime})
 * @param receiptTime epoch ms when Loupe received it ({@code _receipttime})
 * @param sourceCategory {@code _sourceCategory}
 * @param sourceName {@code _sourceName}
 * @param sourceHost {@code _sourceHost}
 * @param source {@code _source}: the name of the HTTP source (or collector input) that received it
 * @param collector {@code _collector}
 * @param fields custom fields, unmodifiable
 */
public record LogMessage(
        String raw,
        long messageTime,
        long receiptTime,
        String sourceCategory,
        String sourceName,
        String sourceHost,
        String source,
        String collector,
        Map<String, String> fields) {

    public LogMessage {
        requireNonNull(raw, "raw is null");
        requireNonNull(sourceCategory, "sourceCategory is null");
        requireNonNull(sourceName, "sourceName is null");
        requireNonNull(sourceHost, "sourceHost is null");
        requireNonNull(source, "source is null");
        requireNonNull(collector, "collector is null");
        fields = Map.copyOf(requireNonNull(fields, "fields is null"));
    }

    /** A message with empty metadata, for tests and tools. */
    public static LogMessage of(String raw, long messageTime, long receiptTime) {
        return new LogMessage(raw, messageTime, receiptTime, "", "", "", "", "", Map.of());
    }
}
