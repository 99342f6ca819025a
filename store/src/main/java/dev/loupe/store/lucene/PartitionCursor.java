package dev.loupe.store.lucene;

import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.KeywordMatcher;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.StoredMessage;
import dev.loupe.store.wal.StorageFailures;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;

/**
 * What both scan cursors share: the held searchers (released once on {@link #close}), loading a candidate
 * document, and checking it with the reference matcher when the partition's translation requires it.
 */
abstract sealed class PartitionCursor implements LogCursor permits UnorderedCursor, NewestFirstCursor {
    final List<PartitionScanner.Source> sources;
    private final KeywordExpression filter;
    private StoredMessage current;
    private boolean closed;

    PartitionCursor(List<PartitionScanner.Source> sources, KeywordExpression filter) {
        this.sources = sources;
        this.filter = filter;
    }

    /** Advances to the next accepted message and returns it, or null at the end. */
    abstract StoredMessage advance() throws IOException;

    @Override
    public final boolean next() {
        if (closed) {
            throw new IllegalStateException("the cursor is closed");
        }
        try {
            current = advance();
        } catch (IOException failure) {
            throw StorageFailures.translate(failure, "scanning log partitions");
        }
        return current != null;
    }

    @Override
    public final StoredMessage current() {
        if (current == null) {
            throw new IllegalStateException("next() has not returned true");
        }
        return current;
    }

    /** Loads document {@code doc} and returns it when it is a match, or null when verification rejects it. */
    final StoredMessage load(PartitionScanner.Source source, StoredFields storedFields, int doc) throws IOException {
        Document document = storedFields.document(doc);
        StoredMessage message = MessageDocuments.fromDocument(document);
        boolean verify = switch (source.verification()) {
            case NONE -> false;
            case FLAGGED -> MessageDocuments.needsVerification(document);
            case ALL -> true;
        };
        return !verify || KeywordMatcher.matches(filter, message.message()) ? message : null;
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        current = null;
        IOException failure = null;
        for (PartitionScanner.Source source : sources) {
            try {
                source.partition().release(source.searcher());
            } catch (IOException releaseFailure) {
                if (failure == null) {
                    failure = releaseFailure;
                } else {
                    failure.addSuppressed(releaseFailure);
                }
            }
        }
        if (failure != null) {
            throw StorageFailures.translate(failure, "releasing index searchers");
        }
    }
}
