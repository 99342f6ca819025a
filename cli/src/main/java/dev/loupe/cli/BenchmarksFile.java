package dev.loupe.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a benchmark's Markdown section into {@code BENCHMARKS.md} between two HTML comment markers named after
 * the benchmark, replacing what a previous run wrote there and leaving the rest of the file as it was; a file
 * without the markers gets the section appended.
 */
final class BenchmarksFile {
    private BenchmarksFile() {}

    /** Puts {@code section} between the markers named {@code key} in {@code file} (created when missing). */
    static void replaceSection(Path file, String key, String section) throws IOException {
        String begin = "<!-- " + key + ": begin (written by the benchmark; edit around it) -->";
        String end = "<!-- " + key + ": end -->";
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        String block = begin + "\n" + section.strip() + "\n" + end;
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        String updated;
        if (from >= 0 && to > from) {
            updated = text.substring(0, from) + block + text.substring(to + end.length());
        } else {
            updated = text + (text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n") + block + "\n";
        }
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }
}
