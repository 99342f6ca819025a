package dev.loupe.store.lucene;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.LogMessage;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * The Lucene index of one UTC day of {@code _messagetime}: an {@link IndexWriter} plus a near-real-time {@link
 * SearcherManager}. Retention of a day is deleting its directory (with the partition closed).
 *
 * <p>Thread-safe: {@link #add} may run concurrently with itself and with scans. The caller (the store) must not
 * run {@link #commitIfDirty} concurrently with {@link #add}, so that a commit holds exactly the messages its
 * {@link AppliedMessages} claims. Methods throw {@link IOException} for I/O failures; the store maps them.
 */
public final class Partition implements Closeable {
    private final LocalDate day;
    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final AtomicBoolean uncommitted = new AtomicBoolean();
    private final AtomicLong changes = new AtomicLong();
    private final Object refreshLock = new Object();
    private long refreshedChanges;

    private Partition(LocalDate day, Path path, Directory directory, IndexWriter writer, SearcherManager searchers) {
        this.day = day;
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
    }

    /** Opens the partition of {@code day} in {@code path}, creating an empty index when there is none. */
    public static Partition open(LocalDate day, Path path) throws IOException {
        requireNonNull(day, "day is null");
        Files.createDirectories(path);
        Directory directory = FSDirectory.open(path);
        try {
            IndexWriterConfig config = new IndexWriterConfig(new RawTextAnalyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setCommitOnClose(false)
                    .setRAMBufferSizeMB(32);
            IndexWriter writer = new IndexWriter(directory, config);
            SearcherManager searchers = new SearcherManager(writer, null);
            return new Partition(day, path, directory, writer, searchers);
        } catch (IOException | RuntimeException failure) {
            directory.close();
            throw failure;
        }
    }

    /**
     * Reads which messages the last commit of the index in {@code path} holds, without opening a writer. Empty when
     * there is no committed index there.
     */
    public static Optional<AppliedMessages> readCommitted(Path path) throws IOException {
        try (Directory directory = FSDirectory.open(path)) {
            if (!DirectoryReader.indexExists(directory)) {
                return Optional.empty();
            }
            return Optional.of(AppliedMessages.fromCommitData(SegmentInfos.readLatestCommit(directory).getUserData(), path.toString()));
        }
    }

    public LocalDate day() {
        return day;
    }

    /** Indexes one message (visible to scans after the next {@link #refreshIfChanged}). */
    public void add(long id, LogMessage message) throws IOException {
        writer.addDocument(MessageDocuments.toDocument(id, message));
        uncommitted.set(true);
        changes.incrementAndGet();
    }

    /**
     * Commits when anything was added since the last commit, recording {@code applied} as the commit's user data.
     * Must not run concurrently with {@link #add}.
     *
     * @return whether a commit was made
     */
    public boolean commitIfDirty(AppliedMessages applied) throws IOException {
        if (!uncommitted.get()) {
            return false;
        }
        writer.setLiveCommitData(applied.toCommitData().entrySet());
        writer.commit();
        uncommitted.set(false);
        return true;
    }

    /** Makes everything added so far visible to searchers acquired afterwards. */
    public void refreshIfChanged() throws IOException {
        synchronized (refreshLock) {
            long seen = changes.get();
            if (seen != refreshedChanges) {
                searchers.maybeRefreshBlocking();
                refreshedChanges = seen;
            }
        }
    }

    /** A searcher to use and then give back with {@link #release}. */
    public IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    public void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    /** Closes without committing: the store commits first when it shuts down cleanly. */
    @Override
    public void close() throws IOException {
        IOUtils.close(searchers, writer, directory);
    }

    @Override
    public String toString() {
        return "Partition[" + path + "]";
    }
}
