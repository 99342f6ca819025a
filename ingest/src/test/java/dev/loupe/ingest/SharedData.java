package dev.loupe.ingest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the project's shared real data ({@code shared/data/cloudtrail}) from the test's working directory. */
final class SharedData {
    private SharedData() {}

    static Path cloudTrail() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            Path candidate = directory.resolve("shared/data/cloudtrail");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            directory = directory.getParent();
        }
        assumeTrue(false, "shared/data/cloudtrail not found above " + Path.of("").toAbsolutePath());
        throw new AssertionError("unreachable");
    }

    static Path pantherEvents() {
        return cloudTrail().resolve("panther-analysis-test-events/cloudtrail_test_events.jsonl");
    }

    static Path otrfEvents() {
        return cloudTrail().resolve("otrf-security-datasets/ec2_proxy_s3_exfiltration_2020-09-14011940.json");
    }

    static List<Path> stratusFiles() {
        try (Stream<Path> files = Files.list(cloudTrail().resolve("stratus-red-team-detonation-logs"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
