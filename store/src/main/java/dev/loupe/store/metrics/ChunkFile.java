package dev.loupe.store.metrics;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One file of sealed data for one UTC day, written by one flush: raw Gorilla chunks ({@code <day>-<walEnd>.raw}) or
 * hourly rollups ({@code <day>-<walEnd>.rollup}). Layout, in the manner of Lucene's CodecUtil:
 *
 * <pre>
 * header  int magic ("LMRW" raw, "LMRU" rollups), int version (1), long epoch day, long WAL end id
 * entries raw:    int series id, int point count, long min time, long max time, int byte length, Gorilla bytes
 *         rollup: int series id, int bucket count, then per bucket long start, long count, double sum, min, max
 * footer  int entry count, int CRC32C of every byte before it
 * </pre>
 * Written to a temporary file, fsynced, renamed; a bad magic, version or checksum is {@code CORRUPT_DATA}.
 */
final class ChunkFile {
    static final int RAW_MAGIC = 0x4C4D5257;
    static final int ROLLUP_MAGIC = 0x4C4D5255;
    static final int VERSION = 1;
    static final int HEADER_BYTES = 24;
    static final int FOOTER_BYTES = 8;
    static final int ROLLUP_BUCKET_BYTES = 40;

    /** Where one entry is: its file, the offset of its payload, and what it holds. */
    record Entry(Path file, int seriesId, int count, long minTime, long maxTime, long offset, int length) {}

    /** A loaded file: its day, WAL end, kind and entries. */
    record Loaded(Path file, boolean raw, long epochDay, long walEnd, long sizeBytes, List<Entry> entries) {}

    private ChunkFile() {}

    static String name(long epochDay, long walEnd, boolean raw) {
        return String.format("%08d-%020d.%s", epochDay, walEnd, raw ? "raw" : "rollup");
    }

    /** Writes {@code body} (the entries) framed by header and footer, durably, to {@code directory/name}. */
    static Path write(Path directory, long epochDay, long walEnd, boolean raw, byte[] body, int entryCount) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(HEADER_BYTES + body.length + FOOTER_BYTES);
        bytes.putInt(raw ? RAW_MAGIC : ROLLUP_MAGIC).putInt(VERSION).putLong(epochDay).putLong(walEnd).put(body).putInt(entryCount);
        CRC32C crc = new CRC32C();
        crc.update(bytes.array(), 0, bytes.position());
        bytes.putInt((int) crc.getValue()).flip();
        Path target = directory.resolve(name(epochDay, walEnd, raw));
        Path temporary = directory.resolve(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    static Loaded load(Path file) throws IOException {
        byte[] array = Files.readAllBytes(file);
        ByteBuffer bytes = ByteBuffer.wrap(array);
        if (array.length < HEADER_BYTES + FOOTER_BYTES) {
            throw corrupt(file, "too short");
        }
        int magic = bytes.getInt(0);
        if ((magic != RAW_MAGIC && magic != ROLLUP_MAGIC) || bytes.getInt(4) != VERSION) {
            throw corrupt(file, "bad magic or version");
        }
        CRC32C crc = new CRC32C();
        crc.update(array, 0, array.length - 4);
        if ((int) crc.getValue() != bytes.getInt(array.length - 4)) {
            throw corrupt(file, "checksum mismatch");
        }
        boolean raw = magic == RAW_MAGIC;
        int entryCount = bytes.getInt(array.length - FOOTER_BYTES);
        List<Entry> entries = new ArrayList<>(entryCount);
        bytes.position(HEADER_BYTES);
        for (int index = 0; index < entryCount; index++) {
            int seriesId = bytes.getInt();
            int count = bytes.getInt();
            if (raw) {
                long minTime = bytes.getLong();
                long maxTime = bytes.getLong();
                int length = bytes.getInt();
                entries.add(new Entry(file, seriesId, count, minTime, maxTime, bytes.position(), length));
                bytes.position(bytes.position() + length);
            } else {
                int length = count * ROLLUP_BUCKET_BYTES;
                long minTime = bytes.getLong(bytes.position());
                long maxTime = bytes.getLong(bytes.position() + length - ROLLUP_BUCKET_BYTES);
                entries.add(new Entry(file, seriesId, count, minTime, maxTime, bytes.position(), length));
                bytes.position(bytes.position() + length);
            }
        }
        if (bytes.position() != array.length - FOOTER_BYTES) {
            throw corrupt(file, "entries end at " + bytes.position() + ", not at the footer");
        }
        return new Loaded(file, raw, bytes.getLong(8), bytes.getLong(16), array.length, entries);
    }

    static LoupeException corrupt(Path file, String why) {
        return new LoupeException(ErrorCode.CORRUPT_DATA, "corrupt metric chunk file " + file + ": " + why);
    }
}
