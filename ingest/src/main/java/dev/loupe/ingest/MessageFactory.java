package dev.loupe.ingest;

import dev.loupe.core.LogMessage;

/**
 * Makes the {@link LogMessage} of one line: its text, the time found in it (else the receipt time), the receipt
 * time, and the metadata every message of the request or file shares. Thread-safe when the extractor is.
 */
record MessageFactory(SourceMetadata metadata, long receiptTimeMillis, TimestampExtractor extractor) {
    LogMessage create(String raw) {
        return new LogMessage(raw, extractor.messageTime(raw, receiptTimeMillis), receiptTimeMillis,
                metadata.category(), metadata.name(), metadata.host(), metadata.source(), metadata.collector(),
                metadata.fields());
    }
}
