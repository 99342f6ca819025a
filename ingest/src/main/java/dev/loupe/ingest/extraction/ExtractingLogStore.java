package dev.loupe.ingest.extraction;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.LogMessage;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.LogStore;
import java.util.List;

/**
 * A {@link LogStore} that runs the field extraction rules of a {@link FieldExtractor} over every batch before
 * handing it to the store it wraps; scans and close go straight through. The one place rules apply at ingest:
 * whoever appends through it (receivers, file ingest, collectors, the simulator) gets the same fields.
 * Thread-safe when the wrapped store is.
 */
public final class ExtractingLogStore implements LogStore {
    private final LogStore store;
    private final FieldExtractor extractor;

    public ExtractingLogStore(LogStore store, FieldExtractor extractor) {
        this.store = requireNonNull(store, "store is null");
        this.extractor = requireNonNull(extractor, "extractor is null");
    }

    /** The rules applied to appends. */
    public FieldExtractor extractor() {
        return extractor;
    }

    @Override
    public void append(List<LogMessage> messages) {
        store.append(extractor.apply(messages));
    }

    @Override
    public LogCursor scan(LogScan scan) {
        return store.scan(scan);
    }

    @Override
    public void close() {
        store.close();
    }
}
