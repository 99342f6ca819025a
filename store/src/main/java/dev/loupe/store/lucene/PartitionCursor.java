package dev.loupe.store.lucene;

import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.KeywordMatcher;
import dev.loupe.store.spi.StoredMessage;
import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;

/**
 * What both sequential partition readers share: loading a candidate document and checking it with the reference
 * matcher when the partition's translation requires it. A reader runs on one scan task of a {@link
 * ParallelPartitionCursor}, which owns the searchers (a reader never releases them). Not thread-safe.
 */
abstract sealed class PartitionCursor permits UnorderedCursor, NewestFirstCursor {
    /** Long loops check {@link #stopRequested} once per this many documents. */
    static final int STOP_CHECK_INTERVAL = 4096;

    final List<PartitionScanner.Source> sources;
    private final KeywordExpression filter;
    private final BooleanSupplier stopRequested;

    PartitionCursor(List<PartitionScanner.Source> sources, KeywordExpression filter, BooleanSupplier stopRequested) {
        this.sources = sources;
        this.filter = filter;
        this.stopRequested = stopRequested;
    }

    /** Advances to the next accepted message and returns it, or null at the end (or once a stop was requested). */
    abstract StoredMessage advance() throws IOException;

    /** Whether the owner no longer wants results: long loops return early. */
    final boolean stopRequested() {
        return stopRequested.getAsBoolean();
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
}
