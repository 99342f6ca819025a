package dev.loupe.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Replaces a small JSON state file atomically (write a sibling, then rename), for the registries the server keeps. */
public final class JsonFiles {
    private JsonFiles() {}

    /**
     * Writes {@code value} as pretty JSON to {@code file}; readers see the old or the new content, never a mix.
     *
     * @throws LoupeException {@code STORAGE_FAILURE} on I/O errors
     */
    public static void writeAtomically(ObjectMapper mapper, Path file, Object value) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            mapper.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), value);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException exception) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "cannot write " + file + ": " + exception.getMessage(),
                    exception);
        }
    }
}
