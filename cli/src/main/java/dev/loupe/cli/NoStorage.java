package dev.loupe.cli;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.LogStore;
import java.util.List;

/** The store behind {@code loupe check}, which parses and analyzes queries but never reads or writes data. */
final class NoStorage implements LogStore {
    @Override
    public void append(List<LogMessage> messages) {
        throw new LoupeException(ErrorCode.INTERNAL, "loupe check does not store messages");
    }

    @Override
    public LogCursor scan(LogScan scan) {
        throw new LoupeException(ErrorCode.INTERNAL, "loupe check does not run queries");
    }

    @Override
    public void close() {}
}
