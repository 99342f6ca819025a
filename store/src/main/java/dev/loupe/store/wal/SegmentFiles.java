package dev.loupe.store.wal;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.zip.CRC32C;

/** The byte layout of WAL segment files: headers, record framing and checksums. Stateless. */
final class SegmentFiles {
    static final int MAGIC = 0x4C57414C; // "LWAL"
    static final int VERSION = 1;
    static final int SEGMENT_HEADER_BYTES = 16;
    static final int RECORD_HEADER_BYTES = 16;
    /** Payloads are at most this long; a larger length field is corruption or a torn write. */
    static final int MAX_PAYLOAD_BYTES = 1 << 30;
    static final String SUFFIX = ".wal";

    private SegmentFiles() {}

    static String fileName(long firstId) {
        return String.format(Locale.ROOT, "%020d%s", firstId, SUFFIX);
    }

    /** The first message id encoded in a segment file name, or -1 when the name is not a segment's. */
    static long firstIdOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX) || name.length() != 20 + SUFFIX.length()) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(0, 20));
        } catch (NumberFormatException notASegment) {
            return -1;
        }
    }

    static ByteBuffer segmentHeader(long firstId) {
        ByteBuffer header = ByteBuffer.allocate(SEGMENT_HEADER_BYTES);
        header.putInt(MAGIC).putInt(VERSION).putLong(firstId).flip();
        return header;
    }

    /** Checks the header at the start of {@code bytes}; throws {@code CORRUPT_DATA} naming {@code file} if it is wrong. */
    static void checkSegmentHeader(ByteBuffer bytes, Path file, long expectedFirstId) {
        if (bytes.limit() < SEGMENT_HEADER_BYTES) {
            throw corrupt(file, 0, "the segment header is truncated (" + bytes.limit() + " bytes)");
        }
        int magic = bytes.getInt(0);
        int version = bytes.getInt(4);
        long firstId = bytes.getLong(8);
        if (magic != MAGIC) {
            throw corrupt(file, 0, "bad magic number 0x" + Integer.toHexString(magic));
        }
        if (version != VERSION) {
            throw corrupt(file, 4, "unsupported WAL format version " + version + " (this build reads " + VERSION + ")");
        }
        if (firstId != expectedFirstId) {
            throw corrupt(file, 8, "the header says the first message id is " + firstId + " but the file name says " + expectedFirstId);
        }
    }

    /** A whole record (header and payload) ready to write; the checksum covers length, first id and payload. */
    static ByteBuffer record(long firstId, int messageCount, byte[][] payloadParts, int payloadPartsLength) {
        int payloadLength = 4 + payloadPartsLength;
        ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER_BYTES + payloadLength);
        record.putInt(payloadLength).putInt(0).putLong(firstId).putInt(messageCount);
        for (byte[] part : payloadParts) {
            record.put(part);
        }
        record.putInt(4, checksum(record, 0, record.capacity()));
        record.flip();
        return record;
    }

    /** The CRC32C of a record starting at {@code offset} in {@code bytes} and ending before {@code end}, skipping the CRC field. */
    static int checksum(ByteBuffer bytes, int offset, int end) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.slice(offset, 4));
        crc.update(bytes.slice(offset + 8, end - offset - 8));
        return (int) crc.getValue();
    }

    /**
     * Whether a well-formed record starts at {@code offset}: plausible length within {@code bytes}, matching
     * checksum, and, when {@code expectedFirstId >= 0}, exactly that first id.
     */
    static boolean isValidRecord(ByteBuffer bytes, int offset, long expectedFirstId) {
        if (bytes.limit() - offset < RECORD_HEADER_BYTES) {
            return false;
        }
        int payloadLength = bytes.getInt(offset);
        if (payloadLength < 4 || payloadLength > MAX_PAYLOAD_BYTES || payloadLength > bytes.limit() - offset - RECORD_HEADER_BYTES) {
            return false;
        }
        long firstId = bytes.getLong(offset + 8);
        if (expectedFirstId >= 0 && firstId != expectedFirstId) {
            return false;
        }
        int end = offset + RECORD_HEADER_BYTES + payloadLength;
        return bytes.getInt(offset + 4) == checksum(bytes, offset, end) && bytes.getInt(offset + RECORD_HEADER_BYTES) > 0;
    }

    /** Whether any valid record with a first id greater than {@code afterId} starts somewhere after {@code offset}. */
    static boolean anyValidRecordAfter(ByteBuffer bytes, int offset, long afterId) {
        for (int candidate = offset + 1; candidate + RECORD_HEADER_BYTES <= bytes.limit(); candidate++) {
            long firstId = bytes.getLong(candidate + 8);
            if (firstId > afterId && isValidRecord(bytes, candidate, -1)) {
                return true;
            }
        }
        return false;
    }

    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    static LoupeException corrupt(Path file, long offset, String problem) {
        return new LoupeException(ErrorCode.CORRUPT_DATA,
                "corrupt WAL segment " + file + " at offset " + offset + ": " + problem);
    }
}
