package dev.loupe.cli.peers;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs every task on every peer, the first peer (Loupe) being the reference: each other peer's answer is checked
 * against the reference's before its time is reported, so a ratio never compares different work. A fast peer runs
 * {@code warmup} unreported runs and then {@code runs} measured ones; a {@link Peer#slow() slow} peer runs once.
 * The reported time is the median. Single-threaded: peers run one after the other, never concurrently.
 */
public final class Comparison {
    /** How a peer's answer relates to the reference's. */
    public enum Status {
        /** The peer is the reference. */
        REFERENCE,
        /** The counts the task's check compares are equal. */
        AGREES,
        /** They differ: the peer's time must not be compared. */
        DISAGREES,
        /** The reference failed, so there is nothing to agree with. */
        UNCHECKED,
        /** The tool cannot express the task. */
        NOT_EXPRESSIBLE,
        /** The peer failed (the detail says why). */
        FAILED
    }

    /**
     * One peer on one task.
     *
     * @param runMillis the measured runs' durations, in run order (empty when not run or failed)
     * @param cpuMillis the process CPU time of each measured run, for {@link Peer#inProcess() in-process} peers
     *     (empty otherwise)
     * @param detail the failure message, or empty
     */
    public record Measurement(String peer, Status status, Optional<Answer> answer, List<Double> runMillis,
            List<Double> cpuMillis, String detail) {
        public Measurement {
            requireNonNull(peer, "peer is null");
            requireNonNull(status, "status is null");
            requireNonNull(answer, "answer is null");
            runMillis = List.copyOf(runMillis);
            cpuMillis = List.copyOf(cpuMillis);
            requireNonNull(detail, "detail is null");
        }

        /** The median of the measured runs, or NaN when there were none. */
        public double medianMillis() {
            return median(runMillis);
        }

        /** The median CPU time of the measured runs, or NaN when it was not measured. */
        public double medianCpuMillis() {
            return median(cpuMillis);
        }

        private static double median(List<Double> values) {
            if (values.isEmpty()) {
                return Double.NaN;
            }
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(sorted);
            return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
    }

    /** Every peer's measurement of one task, the reference first. */
    public record TaskResult(Task task, List<Measurement> measurements) {
        public TaskResult {
            requireNonNull(task, "task is null");
            measurements = List.copyOf(measurements);
        }
    }

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private final int warmup;
    private final int runs;
    private final PrintWriter progress;

    /**
     * @param warmup unreported runs of fast peers before measuring
     * @param runs measured runs of fast peers (at least 1)
     * @param progress where one line per measurement is printed as it completes
     */
    public Comparison(int warmup, int runs, PrintWriter progress) {
        if (warmup < 0 || runs < 1) {
            throw new IllegalArgumentException("need warmup >= 0 and runs >= 1: " + warmup + ", " + runs);
        }
        this.warmup = warmup;
        this.runs = runs;
        this.progress = requireNonNull(progress, "progress is null");
    }

    /** Runs every task on every peer; {@code peers.getFirst()} is the reference. */
    public List<TaskResult> run(List<Task> tasks, List<Peer> peers) {
        List<TaskResult> results = new ArrayList<>();
        for (Task task : tasks) {
            List<Measurement> measurements = new ArrayList<>();
            Measurement reference = measure(peers.getFirst(), task, Optional.empty());
            measurements.add(reference);
            for (Peer peer : peers.subList(1, peers.size())) {
                measurements.add(measure(peer, task, Optional.of(reference)));
            }
            results.add(new TaskResult(task, measurements));
        }
        return results;
    }

    private Measurement measure(Peer peer, Task task, Optional<Measurement> reference) {
        List<Double> millis = new ArrayList<>();
        List<Double> cpuMillis = new ArrayList<>();
        Optional<Answer> answer = Optional.empty();
        try {
            int warmupRuns = peer.slow() ? 0 : warmup;
            int measuredRuns = peer.slow() ? 1 : runs;
            for (int run = 0; run < warmupRuns + measuredRuns; run++) {
                long cpuStarted = PROCESS.getProcessCpuTime();
                long started = System.nanoTime();
                answer = peer.answer(task);
                double took = (System.nanoTime() - started) / 1e6;
                double cpu = (PROCESS.getProcessCpuTime() - cpuStarted) / 1e6;
                if (answer.isEmpty()) {
                    return new Measurement(peer.name(), Status.NOT_EXPRESSIBLE, answer, List.of(), List.of(), "");
                }
                if (run >= warmupRuns) {
                    millis.add(took);
                    if (peer.inProcess()) {
                        cpuMillis.add(cpu);
                    }
                }
            }
        } catch (Exception failure) {
            String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            report(peer, task, "FAILED: " + message);
            return new Measurement(peer.name(), Status.FAILED, Optional.empty(), List.of(), List.of(), message);
        }
        Status status = reference.isEmpty() ? Status.REFERENCE : status(peer, task, answer.orElseThrow(), reference.get());
        Measurement measurement = new Measurement(peer.name(), status, answer, millis, cpuMillis, "");
        report(peer, task, String.format(Locale.ROOT, "%.1f ms median, %.1f ms CPU (%s), %s", measurement.medianMillis(),
                measurement.medianCpuMillis(), answer.orElseThrow(), status));
        return measurement;
    }

    private static Status status(Peer peer, Task task, Answer answer, Measurement reference) {
        if (reference.status() != Status.REFERENCE || reference.answer().isEmpty()) {
            return Status.UNCHECKED;
        }
        Task.Check check = peer.groups() ? task.check() : Task.Check.TOTAL;
        return reference.answer().get().agreesWith(answer, check) ? Status.AGREES : Status.DISAGREES;
    }

    private void report(Peer peer, Task task, String what) {
        progress.printf(Locale.ROOT, "  %-45s %-22s %s%n", task.name(), peer.name(), what);
        progress.flush();
    }
}
