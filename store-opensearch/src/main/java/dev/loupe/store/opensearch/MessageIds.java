package dev.loupe.store.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Message ids that are unique across every Loupe server writing to one index prefix: each opened store claims a
 * writer number no other opening ever had (a document created with {@code op_type=create} in {@code
 * <prefix>-writers}, which the cluster creates atomically), and numbers its messages within it. An id is {@code
 * writer << 43 | sequence}: about a million store openings, each with 8.8 × 10^12 messages. Thread-safe.
 *
 * <p>Because an id is fixed before the bulk request is sent, a request that is sent again (after a timeout or a
 * partial failure) writes the same documents again instead of new copies.
 */
final class MessageIds {
    static final int SEQUENCE_BITS = 43;
    static final long MAX_WRITER = (1L << (63 - SEQUENCE_BITS)) - 1;

    private final long writer;
    private final AtomicLong sequence = new AtomicLong();

    private MessageIds(long writer) {
        this.writer = writer;
    }

    /** Claims a new writer number in the cluster. */
    static MessageIds claim(OpenSearchConnection connection, String indexPrefix, ObjectMapper mapper) {
        String index = indexPrefix + "-writers";
        OpenSearchConnection.Response count = connection.send("GET", "/" + index + "/_count", null, null);
        long candidate = 1;
        if (count.isSuccess()) {
            try {
                candidate = mapper.readTree(count.body()).path("count").asLong() + 1;
            } catch (IOException unreadable) {
                throw new LoupeException(ErrorCode.STORAGE_FAILURE, "OpenSearch sent an unreadable count of " + index, unreadable);
            }
        } else if (count.status() != 404) {
            throw OpenSearchConnection.failure("counting the writers in " + index, count.status(), count.text());
        }
        byte[] body = ("{\"claimed_at\":" + System.currentTimeMillis() + "}").getBytes(StandardCharsets.UTF_8);
        for (int attempt = 0; attempt < 10_000; attempt++, candidate++) {
            if (candidate > MAX_WRITER) {
                break;
            }
            OpenSearchConnection.Response created = connection.send("PUT", "/" + index + "/_create/" + candidate
                    + "?refresh=true", body, OpenSearchConnection.JSON);
            if (created.isSuccess()) {
                return new MessageIds(candidate);
            }
            if (created.status() != 409) {
                throw OpenSearchConnection.failure("claiming a writer number in " + index, created.status(), created.text());
            }
        }
        throw new LoupeException(ErrorCode.STORAGE_FAILURE, "no free writer number left in " + index
                + " (at most " + MAX_WRITER + " store openings per index prefix)");
    }

    /** Reserves {@code count} consecutive ids and returns the first. */
    long reserve(int count) {
        long first = sequence.getAndAdd(count);
        if (first + count >= (1L << SEQUENCE_BITS)) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "this store opening has used up its message ids; reopen the store");
        }
        return writer << SEQUENCE_BITS | first;
    }
}
