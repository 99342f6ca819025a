package dev.loupe.store.spi;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.LogMessage;

/**
 * A message as read back from a store.
 *
 * @param id the store-assigned message id ({@code _messageid}): unique within a store and stable across restarts
 * @param message the message as it was appended
 */
public record StoredMessage(long id, LogMessage message) {
    public StoredMessage {
        requireNonNull(message, "message is null");
    }
}
