package dev.loupe.server.persistence;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The JSON files older data folders kept before the database ({@code access-keys.json}, {@code http-sources.json}):
 * once imported, a file is renamed {@code <name>.migrated} so it is imported once and stays for reference.
 */
public final class LegacyFiles {
    private LegacyFiles() {}

    /**
     * Renames an imported file to {@code <name>.migrated} (atomically, replacing an older one).
     *
     * @throws LoupeException {@code STORAGE_FAILURE} naming the file when it cannot be renamed
     */
    public static void markImported(Path file) {
        try {
            Files.move(file, file.resolveSibling(file.getFileName() + ".migrated"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException exception) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "imported " + file + " but cannot rename it: "
                    + exception.getMessage(), exception);
        }
    }
}
