package dev.loupe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder the benchmarks create under the system's temporary folder and delete with everything in it on
 * {@link #close()}, so benchmark data never lands in the checkout.
 */
final class TemporaryDirectory implements AutoCloseable {
    private final Path path;
    private final boolean keep;

    private TemporaryDirectory(Path path, boolean keep) {
        this.path = path;
        this.keep = keep;
    }

    /** A new, empty folder whose name starts with {@code prefix}. */
    static TemporaryDirectory create(String prefix) throws IOException {
        return new TemporaryDirectory(Files.createTempDirectory(prefix), false);
    }

    /** {@code path} (created when missing), kept on close: the caller asked to keep the data. */
    static TemporaryDirectory kept(Path path) throws IOException {
        return new TemporaryDirectory(Files.createDirectories(path), true);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        if (!keep) {
            delete(path);
        }
    }

    /** Deletes {@code directory} and everything in it. */
    static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path file : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
