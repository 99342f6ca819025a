package dev.loupe.store.wal;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.LogMessage;
import java.util.List;

/**
 * One record read back from the WAL during replay: the messages of one group commit and the id of the first.
 *
 * @param firstId the message id of {@code messages.get(0)}; message {@code i} has id {@code firstId + i}
 * @param messages the messages in the order they were appended; never empty
 */
public record WalRecord(long firstId, List<LogMessage> messages) {
    public WalRecord {
        requireNonNull(messages, "messages is null");
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a WAL record holds at least one message");
        }
    }

    /** The id after the last message of this record. */
    public long endId() {
        return firstId + messages.size();
    }
}
