package dev.loupe.store.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.LogStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link LogStore} on an OpenSearch cluster: daily indices {@code <prefix>-logs-YYYY.MM.DD} (see {@link
 * LogIndices}, {@link LogDocuments}), so that several stateless Loupe servers can share one cluster's logs.
 *
 * <p>{@link #append} sends one bulk request per 8 MB of documents with {@code refresh=wait_for}: it returns when
 * the cluster has acknowledged every document (written to its translog, fsync'ed per request by default) and
 * made it searchable, so a scan started afterwards on any server sees it. Items the cluster rejects for load (429)
 * are sent again, with the same ids, for up to {@link BulkRequests#RETRY_MILLIS} ms; then the append fails with {@code
 * OVERLOADED} (the server answers 503). Documents of the batch acknowledged before a failure stay; a client that
 * retries the batch stores them twice (the embedded store has no such window).
 *
 * <p>{@link #scan} reads through a point in time with {@code search_after} ({@link PointInTimeCursor}); the scope
 * and the time range are pushed down as an OpenSearch query ({@link ScopeQueries}). Thread-safe.
 */
public final class OpenSearchLogStore implements LogStore {
        private static final int BULK_BYTES = 8 << 20;

    private final OpenSearchConnection connection;
    private final boolean ownsConnection;
    private final ObjectMapper mapper = new ObjectMapper();
    private final LogIndices indices;
    private final MessageIds ids;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OpenSearchLogStore(OpenSearchConnection connection, boolean ownsConnection, OpenSearchSettings settings) {
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.indices = new LogIndices(settings.indexPrefix(), mapper);
        indices.installTemplate(connection, settings.refreshInterval());
        this.ids = MessageIds.claim(connection, settings.indexPrefix(), mapper);
    }

    /**
     * Connects to the cluster, installs the log index template (replacing an older one of the same prefix) and
     * claims a writer number for message ids.
     *
     * @throws LoupeException {@code OVERLOADED} when no node answers, {@code STORAGE_FAILURE} when the cluster
     *     refuses (credentials, permissions)
     */
    public static OpenSearchLogStore open(OpenSearchSettings settings) {
        OpenSearchConnection connection = new OpenSearchConnection(settings);
        try {
            return new OpenSearchLogStore(connection, true, settings);
        } catch (RuntimeException failure) {
            connection.close();
            throw failure;
        }
    }

    @Override
    public void append(List<LogMessage> messages) {
        ensureOpen();
        if (messages.isEmpty()) {
            return;
        }
        long firstId = ids.reserve(messages.size());
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(BULK_BYTES, 512 * messages.size()));
        List<Long> pending = new ArrayList<>();
        try {
            for (int index = 0; index < messages.size(); index++) {
                LogMessage message = messages.get(index);
                long id = firstId + index;
                body.write(("{\"index\":{\"_index\":\"" + indices.indexOf(message.messageTime()) + "\",\"_id\":\"" + id
                        + "\"}}\n").getBytes(StandardCharsets.UTF_8));
                LogDocuments.write(id, message, body);
                body.write('\n');
                pending.add(id);
                if (body.size() >= BULK_BYTES) {
                    BulkRequests.send(connection, mapper, body.toByteArray(), "storing " + pending.size() + " log messages");
                    body.reset();
                    pending.clear();
                }
            }
        } catch (IOException impossible) {
            throw new IllegalStateException("writing JSON to memory failed", impossible);
        }
        if (!pending.isEmpty()) {
            BulkRequests.send(connection, mapper, body.toByteArray(), "storing " + pending.size() + " log messages");
        }
    }

    @Override
    public LogCursor scan(LogScan scan) {
        ensureOpen();
        return PointInTimeCursor.open(connection, indices, scan, mapper);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the OpenSearch log store is closed");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && ownsConnection) {
            connection.close();
        }
    }
}
