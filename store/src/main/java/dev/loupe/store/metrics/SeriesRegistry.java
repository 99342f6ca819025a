package dev.loupe.store.metrics;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The series index: intrinsic tags → series id, kept in memory and in {@code series.dat}, an append-only file of
 * records {@code [length][CRC32C][id][tags][metadata]}; a later record for the same id updates its metadata. A torn
 * last record is truncated on open. Appends are fsynced by {@link #sync()} before any chunk file refers to them;
 * until then the WAL still holds every sample's tags, so a crash loses nothing.
 *
 * <p>Why not Lucene: series are few (thousands to a few hundred thousand) and selectors match on whole tag values with
 * wildcards, so a brute-force {@code SeriesMatcher} pass over an in-memory list plus a map from {@code metric} value to
 * series ids (for the usual {@code metric=X} term) is simple and fast, and needs no commit protocol of its own.
 * Not thread-safe: the store serializes calls.
 */
final class SeriesRegistry implements AutoCloseable {
    private static final int RECORD_HEADER = 8;

    /** One series: id, tags, latest metadata. */
    static final class Series {
        final int id;
        final Map<String, String> tags;
        Map<String, String> metadata;

        Series(int id, Map<String, String> tags, Map<String, String> metadata) {
            this.id = id;
            this.tags = tags;
            this.metadata = metadata;
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final Map<Map<String, String>, Series> byTags = new HashMap<>();
    private final List<Series> byId = new ArrayList<>();
    private final Map<String, List<Series>> byMetric = new HashMap<>();
    private boolean dirty;

    private SeriesRegistry(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static SeriesRegistry open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        SeriesRegistry registry = new SeriesRegistry(file, channel);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        int offset = 0;
        while (offset < bytes.limit()) {
            if (bytes.limit() - offset < RECORD_HEADER) {
                break;
            }
            int length = bytes.getInt(offset);
            if (length < 4 || length > bytes.limit() - offset - RECORD_HEADER) {
                break;
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes.slice(offset + RECORD_HEADER, length));
            if ((int) crc.getValue() != bytes.getInt(offset + 4)) {
                if (offset + RECORD_HEADER + length < bytes.limit()) {
                    throw new LoupeException(ErrorCode.CORRUPT_DATA, "corrupt series record in " + file + " at offset " + offset);
                }
                break;
            }
            ByteBuffer record = bytes.slice(offset + RECORD_HEADER, length);
            int id = record.getInt();
            Map<String, String> tags = SampleCodec.readMap(record);
            Map<String, String> metadata = SampleCodec.readMap(record);
            registry.remember(id, tags, metadata);
            offset += RECORD_HEADER + length;
        }
        channel.truncate(offset);
        channel.position(offset);
        return registry;
    }

    private void remember(int id, Map<String, String> tags, Map<String, String> metadata) {
        Series existing = id < byId.size() ? byId.get(id) : null;
        if (existing != null) {
            existing.metadata = metadata;
            return;
        }
        if (id != byId.size()) {
            throw new LoupeException(ErrorCode.CORRUPT_DATA, "series ids out of order in " + file + ": " + id + " after " + byId.size());
        }
        Series series = new Series(id, Map.copyOf(tags), Map.copyOf(metadata));
        byId.add(series);
        byTags.put(series.tags, series);
        byMetric.computeIfAbsent(metricKey(series.tags), ignored -> new ArrayList<>()).add(series);
    }

    private static String metricKey(Map<String, String> tags) {
        for (Map.Entry<String, String> entry : tags.entrySet()) {
            if (entry.getKey().equalsIgnoreCase("metric")) {
                return entry.getValue().toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    /** The series with these tags, registering it (or its new metadata) when needed. */
    Series resolve(Map<String, String> tags, Map<String, String> metadata) throws IOException {
        Series series = byTags.get(tags);
        if (series == null) {
            append(byId.size(), tags, metadata);
            remember(byId.size(), tags, metadata);
            return byTags.get(tags);
        }
        if (!metadata.isEmpty() && !metadata.equals(series.metadata)) {
            append(series.id, tags, metadata);
            series.metadata = Map.copyOf(metadata);
        }
        return series;
    }

    private void append(int id, Map<String, String> tags, Map<String, String> metadata) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream output = new DataOutputStream(bytes)) {
            output.writeInt(id);
            SampleCodec.writeMap(output, tags);
            SampleCodec.writeMap(output, metadata);
        }
        byte[] payload = bytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER + payload.length);
        record.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        while (record.hasRemaining()) {
            channel.write(record);
        }
        dirty = true;
    }

    void sync() throws IOException {
        if (dirty) {
            channel.force(false);
            dirty = false;
        }
    }

    Series byId(int id) {
        return byId.get(id);
    }

    List<Series> all() {
        return byId;
    }

    /** Series whose {@code metric} equals {@code metric} ignoring case. */
    List<Series> withMetric(String metric) {
        return byMetric.getOrDefault(metric.toLowerCase(Locale.ROOT), List.of());
    }

    int size() {
        return byId.size();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
