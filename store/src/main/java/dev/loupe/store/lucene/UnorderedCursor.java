package dev.loupe.store.lucene;

import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.StoredMessage;
import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.lucene.index.LeafReaderContext;
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

    UnorderedCursor(List<PartitionScanner.Source> sources, KeywordExpression filter, BooleanSupplier stopRequested) {
        super(sources, filter, stopRequested);
    }

    @Override
    StoredMessage advance() throws IOException {
        while (true) {
            if (iterator != null) {
                for (int doc = iterator.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = iterator.nextDoc()) {
                    if (liveDocs != null && !liveDocs.get(doc)) {
                        continue;
                    }
                    StoredMessage message = load(source, storedFields, doc);
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

    private boolean advanceLeaf() throws IOException {
        while (true) {
            if (leafIndex + 1 < leaves.size()) {
                leafIndex++;
                LeafReaderContext leaf = leaves.get(leafIndex);
                Scorer scorer = weight.scorer(leaf);
                if (scorer != null) {
                    iterator = scorer.iterator();
                    liveDocs = leaf.reader().getLiveDocs();
                    storedFields = leaf.reader().storedFields();
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
