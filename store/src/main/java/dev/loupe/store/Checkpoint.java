package dev.loupe.store;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The store's checkpoint file: a message id below which every message is in committed Lucene data, so WAL replay
 * starts there and WAL segments below it may be deleted. 20 bytes: magic, version, id, CRC32C of the first 16.
 * Replaced atomically (write temporary file, fsync, rename, fsync directory).
 */
public final class Checkpoint {
    private static final int MAGIC = 0x4C43504B; // "LCPK"
    private static final int VERSION = 1;
    private static final int SIZE = 20;
    private static final String FILE_NAME = "checkpoint";

    private Checkpoint() {}

    /** The recorded id, or 1 (nothing committed) when there is no checkpoint yet. */
    public static long read(Path storeDirectory) throws IOException {
        Path file = storeDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return 1;
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        if (bytes.limit() != SIZE || bytes.getInt(0) != MAGIC || bytes.getInt(4) != VERSION || bytes.getInt(16) != checksum(bytes)) {
            throw new LoupeException(ErrorCode.CORRUPT_DATA, "corrupt checkpoint file " + file + " (" + bytes.limit()
                    + " bytes; bad magic, version or checksum)");
        }
        return bytes.getLong(8);
    }

    /** Records {@code committedId} atomically and durably. */
    public static void write(Path storeDirectory, long committedId) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(SIZE);
        bytes.putInt(0, MAGIC).putInt(4, VERSION).putLong(8, committedId);
        bytes.putInt(16, checksum(bytes));
        Path temporary = storeDirectory.resolve(FILE_NAME + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temporary, storeDirectory.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel directory = FileChannel.open(storeDirectory, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    private static int checksum(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.slice(0, 16));
        return (int) crc.getValue();
    }
}
