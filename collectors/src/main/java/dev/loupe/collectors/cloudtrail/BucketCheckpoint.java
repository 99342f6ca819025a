package dev.loupe.collectors.cloudtrail;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.collectors.AtomicFiles;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a bucket collector has read. Immutable; {@link #write} replaces the file atomically.
 *
 * @param horizonMillis every log file under the prefix whose {@code LastModified} is before this time has been
 *     read (0: nothing yet)
 * @param recent the files read whose {@code LastModified} is at or after the horizon: key → {@code LastModified}
 *     millis, in key order
 * @param newestKey the greatest key read so far, or empty
 * @param pending the file being appended when the checkpoint was written, or null
 */
record BucketCheckpoint(long horizonMillis, Map<String, Long> recent, String newestKey, Pending pending) {
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A file whose append started. Its messages carry {@code _sourceName} = {@code key} and {@code _receipttime}
     * = {@code receiptTimeMillis}, so after a crash the store can tell how many of them it holds.
     */
    record Pending(String key, long lastModifiedMillis, long receiptTimeMillis) {
        Pending {
            requireNonNull(key, "key is null");
        }
    }

    BucketCheckpoint {
        recent = Collections.unmodifiableMap(new TreeMap<>(recent));
        requireNonNull(newestKey, "newestKey is null");
    }

    static BucketCheckpoint empty() {
        return new BucketCheckpoint(0, Map.of(), "", null);
    }

    /** Whether the file {@code key} modified at {@code lastModifiedMillis} has been read. */
    boolean hasRead(String key, long lastModifiedMillis) {
        return lastModifiedMillis < horizonMillis || recent.containsKey(key);
    }

    BucketCheckpoint withPending(Pending started) {
        return new BucketCheckpoint(horizonMillis, recent, newestKey, started);
    }

    /** The file {@code key} is fully in the store. */
    BucketCheckpoint withRead(String key, long lastModifiedMillis) {
        Map<String, Long> updated = new TreeMap<>(recent);
        updated.put(key, lastModifiedMillis);
        String newest = key.compareTo(newestKey) > 0 ? key : newestKey;
        return new BucketCheckpoint(horizonMillis, updated, newest, null);
    }

    /** Moves the horizon forward to {@code millis} (never back) and forgets files read before it. */
    BucketCheckpoint withHorizon(long millis) {
        long horizon = Math.max(horizonMillis, millis);
        Map<String, Long> kept = new TreeMap<>(recent);
        kept.values().removeIf(lastModified -> lastModified < horizon);
        return new BucketCheckpoint(horizon, kept, newestKey, pending);
    }

    static BucketCheckpoint read(Path file) {
        if (!Files.exists(file)) {
            return empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root.path("version").asInt(-1) != VERSION) {
                throw new IOException("unsupported version " + root.path("version"));
            }
            Map<String, Long> recent = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> entries = root.path("recent").fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                recent.put(entry.getKey(), entry.getValue().asLong());
            }
            JsonNode pendingNode = root.path("pending");
            Pending pending = pendingNode.isObject()
                    ? new Pending(pendingNode.path("key").asText(), pendingNode.path("lastModifiedMillis").asLong(),
                            pendingNode.path("receiptTimeMillis").asLong())
                    : null;
            return new BucketCheckpoint(root.path("horizonMillis").asLong(), recent, root.path("newestKey").asText(""),
                    pending);
        } catch (IOException unreadable) {
            throw new LoupeException(ErrorCode.CORRUPT_DATA, file + ": not a readable collector checkpoint: "
                    + unreadable.getMessage(), unreadable);
        }
    }

    void write(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("horizonMillis", horizonMillis);
        root.put("newestKey", newestKey);
        ObjectNode recentNode = root.putObject("recent");
        recent.forEach(recentNode::put);
        if (pending != null) {
            ObjectNode pendingNode = root.putObject("pending");
            pendingNode.put("key", pending.key());
            pendingNode.put("lastModifiedMillis", pending.lastModifiedMillis());
            pendingNode.put("receiptTimeMillis", pending.receiptTimeMillis());
        }
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(root), false);
        } catch (IOException failure) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "cannot write the checkpoint " + file + ": "
                    + failure.getMessage(), failure);
        }
    }
}
