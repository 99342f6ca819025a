package dev.loupe.store.lucene;

import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.StoredMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.IntroSorter;

/**
 * Returns matches newest first by the scan's time field. Sorting happens per group of partitions: when scanning
 * by message time each partition (one day) is its own group, since days do not overlap and partitions come newest
 * first; when scanning by receipt time all partitions form one group. A group's candidates are collected as
 * (time, partition, doc id) in primitive arrays (16 bytes per candidate, no objects), sorted, and loaded lazily.
 */
final class NewestFirstCursor extends PartitionCursor {
    private final String timeField;
    private final boolean groupPerPartition;
    private final StoredFields[] storedFields;
    private int nextSource;
    private long[] times = new long[1024];
    private long[] references = new long[1024];
    private int size;
    private int position;

    NewestFirstCursor(List<PartitionScanner.Source> sources, KeywordExpression filter, String timeField,
            boolean groupPerPartition, BooleanSupplier stopRequested) {
        super(sources, filter, stopRequested);
        this.timeField = timeField;
        this.groupPerPartition = groupPerPartition;
        this.storedFields = new StoredFields[sources.size()];
    }

    @Override
    StoredMessage advance() throws IOException {
        while (true) {
            while (position < size) {
                long reference = references[position++];
                int sourceIndex = (int) (reference >>> 32);
                int doc = (int) reference;
                PartitionScanner.Source source = sources.get(sourceIndex);
                if (storedFields[sourceIndex] == null) {
                    storedFields[sourceIndex] = source.searcher().storedFields();
                }
                StoredMessage message = load(source, storedFields[sourceIndex], doc);
                if (message != null) {
                    return message;
                }
            }
            if (nextSource >= sources.size() || stopRequested()) {
                return null;
            }
            collectNextGroup();
        }
    }

    private void collectNextGroup() throws IOException {
        size = 0;
        position = 0;
        int end = groupPerPartition ? nextSource + 1 : sources.size();
        for (; nextSource < end; nextSource++) {
            collect(nextSource);
        }
        sortNewestFirst();
    }

    private void collect(int sourceIndex) throws IOException {
        PartitionScanner.Source source = sources.get(sourceIndex);
        Weight weight = source.searcher().createWeight(source.searcher().rewrite(source.query()), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : source.searcher().getIndexReader().leaves()) {
            Scorer scorer = weight.scorer(leaf);
            if (scorer == null) {
                continue;
            }
            DocIdSetIterator iterator = scorer.iterator();
            Bits liveDocs = leaf.reader().getLiveDocs();
            SortedNumericDocValues timeValues = DocValues.getSortedNumeric(leaf.reader(), timeField);
            for (int doc = iterator.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = iterator.nextDoc()) {
                if (size % STOP_CHECK_INTERVAL == 0 && stopRequested()) {
                    return;
                }
                if (liveDocs != null && !liveDocs.get(doc)) {
                    continue;
                }
                boolean hasTime = timeValues.advanceExact(doc);
                assert hasTime : "document " + doc + " of " + source.partition() + " has no " + timeField;
                add(timeValues.nextValue(), ((long) sourceIndex << 32) | (leaf.docBase + doc));
            }
        }
    }

    private void add(long time, long reference) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            references = Arrays.copyOf(references, size * 2);
        }
        times[size] = time;
        references[size] = reference;
        size++;
    }

    private void sortNewestFirst() {
        new IntroSorter() {
            private long pivot;

            @Override
            protected void swap(int first, int second) {
                long time = times[first];
                times[first] = times[second];
                times[second] = time;
                long reference = references[first];
                references[first] = references[second];
                references[second] = reference;
            }

            @Override
            protected int compare(int first, int second) {
                return Long.compare(times[second], times[first]);
            }

            @Override
            protected void setPivot(int index) {
                pivot = times[index];
            }

            @Override
            protected int comparePivot(int index) {
                return Long.compare(times[index], pivot);
            }
        }.sort(0, size);
    }
}
