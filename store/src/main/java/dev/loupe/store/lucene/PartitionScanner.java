package dev.loupe.store.lucene;

import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.TimeField;
import dev.loupe.store.wal.StorageFailures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Starts scans over a set of partitions: translates the scan's expression once, refreshes each partition that
 * changed (so every acknowledged message is visible), acquires one searcher per partition for the life of the
 * cursor, and cuts the scan into units read in parallel by a {@link ParallelPartitionCursor}. Stateless.
 */
public final class PartitionScanner {
    private PartitionScanner() {}

    /** How much of a partition's candidates must be checked with the reference matcher. */
    enum Verification {
        /** The Lucene query is exact. */
        NONE,
        /** Exact except for documents flagged at indexing time. */
        FLAGGED,
        /** The Lucene query is a superset: check every candidate. */
        ALL
    }

    /** One partition as a scan sees it: a held searcher and the query to run on it. */
    record Source(Partition partition, IndexSearcher searcher, Query query, Verification verification) {}

    /**
     * Opens a cursor over {@code partitions}, which must be ordered newest day first.
     *
     * @throws IOException when a partition cannot be refreshed or searched; nothing is held then
     */
    public static LogCursor open(List<Partition> partitions, LogScan scan, ScanWorkers workers) throws IOException {
        KeywordQueries.Bounds bounds = KeywordQueries.translate(scan.filter());
        String timeField = timeFieldName(scan.timeField());
        Query timeQuery = scan.range().fromMillis() < scan.range().toMillis()
                ? LongField.newRangeQuery(timeField, scan.range().fromMillis(), scan.range().toMillis() - 1)
                : new MatchNoDocsQuery("empty time range");
        Query flagged = new TermQuery(new Term(MessageDocuments.VERIFY, MessageDocuments.VERIFY_VALUE));
        List<Source> sources = new ArrayList<>(partitions.size());
        try {
            for (Partition partition : partitions) {
                partition.refreshIfChanged();
                IndexSearcher searcher = partition.acquire();
                sources.add(source(partition, searcher, bounds, timeQuery, flagged));
            }
        } catch (IOException | RuntimeException failure) {
            for (Source source : sources) {
                source.partition().release(source.searcher());
            }
            throw failure;
        }
        List<Function<BooleanSupplier, PartitionCursor>> units = new ArrayList<>();
        boolean ordered = switch (scan.order()) {
            case UNORDERED -> {
                for (Source source : sources) {
                    units.add(stop -> new UnorderedCursor(List.of(source), scan.filter(), scan.projection(), stop));
                }
                yield false;
            }
            case NEWEST_FIRST -> {
                if (scan.timeField() == TimeField.MESSAGE_TIME) {
                    for (Source source : sources) {
                        units.add(stop -> new NewestFirstCursor(List.of(source), scan.filter(), timeField, true, stop));
                    }
                } else if (!sources.isEmpty()) {
                    units.add(stop -> new NewestFirstCursor(sources, scan.filter(), timeField, false, stop));
                }
                yield true;
            }
        };
        return new ParallelPartitionCursor(List.copyOf(sources), units, workers, ordered);
    }

    /** Gives back the searchers of {@code sources}, every one even when some fail. */
    static void release(List<Source> sources) {
        IOException failure = null;
        for (Source source : sources) {
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

    private static Source source(Partition partition, IndexSearcher searcher, KeywordQueries.Bounds bounds, Query timeQuery,
            Query flagged) throws IOException {
        boolean hasFlagged = searcher.count(flagged) > 0;
        Query match = bounds.upper();
        if (hasFlagged) {
            match = new BooleanQuery.Builder()
                    .add(bounds.upper(), BooleanClause.Occur.SHOULD)
                    .add(flagged, BooleanClause.Occur.SHOULD)
                    .build();
        }
        Query query = new BooleanQuery.Builder()
                .add(timeQuery, BooleanClause.Occur.FILTER)
                .add(match, BooleanClause.Occur.FILTER)
                .build();
        Verification verification = !bounds.exact() ? Verification.ALL : hasFlagged ? Verification.FLAGGED : Verification.NONE;
        return new Source(partition, searcher, query, verification);
    }

    private static String timeFieldName(TimeField timeField) {
        return switch (timeField) {
            case MESSAGE_TIME -> MessageDocuments.MESSAGE_TIME;
            case RECEIPT_TIME -> MessageDocuments.RECEIPT_TIME;
        };
    }
}
