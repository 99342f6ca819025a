package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.cli.peers.Comparison;
import dev.loupe.cli.peers.Task;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The side-by-side benchmark on a tiny data set: every peer that runs (DuckDB always; jq and rg when installed)
 * must give Loupe's answer on every task it can express, so the comparison is of the same work. Times are printed
 * by the benchmark, never asserted here.
 */
class PeersBenchCommandTest {
    @TempDir
    Path folder;

    @Test
    void everyPeerAgreesWithLoupeOnEveryTask() throws Exception {
        StringWriter progress = new StringWriter();
        PeersBenchCommand.Report report = PeersBenchCommand.run(
                new PeersBenchCommand.Settings(3_000, 1, 0, 2, 500, 7, java.util.EnumSet.allOf(PeersBenchCommand.PeerChoice.class), false, java.time.Duration.ofMinutes(2), false), folder, new PrintWriter(progress, true));

        assertThat(report.results()).hasSize(16);
        for (Comparison.TaskResult result : report.results()) {
            assertThat(result.measurements().getFirst().status()).as(result.task().name() + "\n" + progress)
                    .isEqualTo(Comparison.Status.REFERENCE);
            assertThat(result.measurements().getFirst().answer().orElseThrow().total()).as(result.task().name())
                    .isPositive();
            for (Comparison.Measurement measurement : result.measurements()) {
                assertThat(measurement.status()).as(result.task().name() + " on " + measurement.peer() + "\n" + progress)
                        .isIn(Comparison.Status.REFERENCE, Comparison.Status.AGREES, Comparison.Status.NOT_EXPRESSIBLE);
            }
            assertThat(result.measurements()).as("DuckDB answers every task")
                    .filteredOn(measurement -> measurement.peer().startsWith("DuckDB"))
                    .allMatch(measurement -> measurement.status() == Comparison.Status.AGREES);
        }
        assertThat(report.results()).extracting(result -> result.task().kind())
                .contains(Task.Kind.APP_QUERY, Task.Kind.NEEDLE, Task.Kind.HIGH_CARDINALITY, Task.Kind.TIMESLICE);
        assertThat(report.allAgree()).isTrue();
    }

    @Test
    void theSectionReplacesThePreviousOneInBenchmarksFile() throws Exception {
        Path file = folder.resolve("BENCHMARKS.md");
        Files.writeString(file, "# Benchmarks\n\ntext\n");
        BenchmarksFile.replaceSection(file, "bench peers 10 events", "first");
        BenchmarksFile.replaceSection(file, "bench peers 10 events", "second");
        BenchmarksFile.replaceSection(file, "bench peers 20 events", "other");

        String text = Files.readString(file);
        assertThat(text).startsWith("# Benchmarks\n\ntext\n").contains("second").contains("other").doesNotContain("first");
    }

    @Test
    void everyAppMetricsQueryFindsSeries_butTheTimeshiftsThatLookBeforeTheData() {
        long end = 20_000L * 86_400_000L;
        dev.loupe.cli.peers.AppMetricsBenchmark.Report report = dev.loupe.cli.peers.AppMetricsBenchmark.run(
                new dev.loupe.testing.InMemoryMetricStore(), new dev.loupe.core.TimeRange(end - 20 * 60_000L, end), 0, 1,
                new PrintWriter(new StringWriter(), true));

        assertThat(report.series()).isEqualTo(9_800);
        assertThat(report.queries()).hasSize(30);
        for (dev.loupe.cli.peers.AppMetricsBenchmark.QueryTiming timing : report.queries()) {
            if (timing.query().contains("timeshift")) {
                assertThat(timing.series()).as(timing.query()).isZero();
            } else {
                assertThat(timing.series()).as(timing.query()).isPositive();
            }
        }
    }
}
