package dev.loupe.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the workplace's shared real data ({@code ../shared/data} beside the checkout). */
final class SharedData {
    private SharedData() {}

    /** The {@code shared/data} folder of the nearest ancestor that has one. */
    static Path directory() {
        for (Path ancestor = Path.of("").toAbsolutePath(); ancestor != null; ancestor = ancestor.getParent()) {
            Path candidate = ancestor.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the shared data folder (../shared/data beside the checkout) was not found from "
                + Path.of("").toAbsolutePath());
    }
}
