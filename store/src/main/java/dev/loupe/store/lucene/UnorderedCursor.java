package dev.loupe.store.lucene;

import dev.loupe.core.LogMessage;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.ScanProjection;
import dev.loupe.store.spi.StoredMessage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

/**
 * Streams matches partition by partition, segment by segment, in index order: constant memory however many
 * messages match.
 */
final class UnorderedCursor extends PartitionCursor {
    private int sourceIndex = -1;
    private PartitionScanner.Source source;
    private Weight weight;
    private List<LeafReaderContext> leaves = List.of();
    private int leafIndex;
    private DocIdSetIterator iterator;
    private Bits liveDocs;
    private StoredFields storedFields;
    private final boolean timesOnly;
    /* Per leaf, when only times are read from an exactly-matching partition: the times' doc values. */
    private SortedNumericDocValues messageTimes;
    private SortedNumericDocValues receiptTimes;

    /**
     * @param projection {@link ScanProjection#TIMES_ONLY} makes messages from the times' doc values alone (no stored
     *     fields are read) in partitions whose matches need no verification
     */
    UnorderedCursor(List<PartitionScanner.Source> sources, KeywordExpression filter, ScanProjection projection,
            BooleanSupplier stopRequested) {
        super(sources, filter, stopRequested);
        this.timesOnly = projection == ScanProjection.TIMES_ONLY;
    }

    @Override
    StoredMessage advance() throws IOException {
        while (true) {
            if (iterator != null) {
                for (int doc = iterator.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = iterator.nextDoc()) {
                    if (liveDocs != null && !liveDocs.get(doc)) {
                        continue;
                    }
                    StoredMessage message = messageTimes != null ? times(doc) : load(source, storedFields, doc);
                    if (message != null) {
                        return message;
                    }
                }
                iterator = null;
            }
            if (stopRequested() || !advanceLeaf()) {
                return null;
            }
        }
    }

    /* A message holding only the times of doc (every document has both: they are LongFields with doc values). */
    private StoredMessage times(int doc) throws IOException {
        if (!messageTimes.advanceExact(doc) || !receiptTimes.advanceExact(doc)) {
            throw new IOException("document " + doc + " has no time doc values");
        }
        return new StoredMessage(-1, new LogMessage("", messageTimes.nextValue(), receiptTimes.nextValue(), "", "", "", "",
                "", Map.of()));
    }

    /*
     * This cursor reads a segment's documents in increasing order, as a merge does. When it will read many of them
     * (the matches' estimated count is at least an eighth of the segment), Lucene's merge instance of the stored
     * fields reader serves it better: it decompresses each block once for all its documents, where the ordinary
     * reader decompresses a block's dictionary and sub-block again for every document. For sparse matches (a
     * keyword in a few percent of the messages) the ordinary reader decompresses less. The merge instance is this
     * cursor's own (not thread-safe; this cursor runs on one task).
     */
    private static StoredFields storedFields(LeafReader reader, long estimatedMatches) throws IOException {
        boolean dense = estimatedMatches >= reader.maxDoc() / 8;
        if (dense && reader instanceof CodecReader codec && codec.getFieldsReader() != null) {
            return codec.getFieldsReader().getMergeInstance();
        }
        return reader.storedFields();
    }

    private boolean advanceLeaf() throws IOException {
        while (true) {
            if (leafIndex + 1 < leaves.size()) {
                leafIndex++;
                LeafReaderContext leaf = leaves.get(leafIndex);
                Scorer scorer = weight.scorer(leaf);
                if (scorer != null) {
                    iterator = scorer.iterator();
                    liveDocs = leaf.reader().getLiveDocs();
                    storedFields = storedFields(leaf.reader(), iterator.cost());
                    boolean fromDocValues = timesOnly && source.verification() == PartitionScanner.Verification.NONE;
                    messageTimes = fromDocValues ? DocValues.getSortedNumeric(leaf.reader(), MessageDocuments.MESSAGE_TIME) : null;
                    receiptTimes = fromDocValues ? DocValues.getSortedNumeric(leaf.reader(), MessageDocuments.RECEIPT_TIME) : null;
                    return true;
                }
            } else {
                sourceIndex++;
                if (sourceIndex >= sources.size()) {
                    return false;
                }
                source = sources.get(sourceIndex);
                weight = source.searcher().createWeight(source.searcher().rewrite(source.query()), ScoreMode.COMPLETE_NO_SCORES, 1f);
                leaves = source.searcher().getIndexReader().leaves();
                leafIndex = -1;
            }
        }
    }
}
