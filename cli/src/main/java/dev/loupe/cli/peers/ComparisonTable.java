package dev.loupe.cli.peers;

import java.util.List;
import java.util.Locale;

/**
 * The comparison as a Markdown table: one row per task, one column per peer with its median time and, for the
 * other peers, how many times longer than Loupe it took ({@code 4.2×} means Loupe was 4.2 times faster;
 * {@code 0.5×} means Loupe took twice as long). A peer whose answer differed from Loupe's shows the difference
 * instead of a ratio. Peers in the benchmark's JVM also show their median CPU time (all threads of the process),
 * which a busy machine disturbs far less than wall time.
 */
public final class ComparisonTable {
    private ComparisonTable() {}

    /** The table of {@code results}, whose measurements all list the same peers in the same order. */
    public static String markdown(List<Comparison.TaskResult> results) {
        if (results.isEmpty()) {
            return "";
        }
        StringBuilder table = new StringBuilder("| work | Loupe's answer (events / result rows) |");
        List<Comparison.Measurement> header = results.getFirst().measurements();
        StringBuilder rule = new StringBuilder("|---|---|");
        for (Comparison.Measurement measurement : header) {
            table.append(' ').append(measurement.peer()).append(" |");
            rule.append("---|");
        }
        table.append('\n').append(rule).append('\n');
        for (Comparison.TaskResult result : results) {
            Comparison.Measurement reference = result.measurements().getFirst();
            table.append("| ").append(result.task().name()).append(" | ")
                    .append(reference.answer().map(answer -> answer.total() + " / " + answer.groups()).orElse("—"))
                    .append(" |");
            for (Comparison.Measurement measurement : result.measurements()) {
                table.append(' ').append(cell(measurement, reference)).append(" |");
            }
            table.append('\n');
        }
        return table.toString();
    }

    private static String cell(Comparison.Measurement measurement, Comparison.Measurement reference) {
        return switch (measurement.status()) {
            case REFERENCE -> "**" + millis(measurement.medianMillis()) + "**" + cpu(measurement);
            case AGREES -> millis(measurement.medianMillis()) + " (" + ratio(measurement, reference) + ")" + cpu(measurement);
            case UNCHECKED -> millis(measurement.medianMillis()) + " (unchecked)";
            case DISAGREES -> millis(measurement.medianMillis()) + " (answer differs: "
                    + measurement.answer().map(Answer::toString).orElse("none") + ")";
            case NOT_EXPRESSIBLE -> "—";
            case FAILED -> "failed: " + measurement.detail().replace('|', '/').replace('\n', ' ');
        };
    }

    private static String ratio(Comparison.Measurement measurement, Comparison.Measurement reference) {
        if (reference.status() != Comparison.Status.REFERENCE || !(reference.medianMillis() > 0)) {
            return "n/a";
        }
        double ratio = measurement.medianMillis() / reference.medianMillis();
        return String.format(Locale.ROOT, ratio < 1 ? "%.2f×" : "%.1f×", ratio);
    }

    private static String cpu(Comparison.Measurement measurement) {
        return Double.isNaN(measurement.medianCpuMillis()) ? "" : "<br>CPU " + millis(measurement.medianCpuMillis());
    }

    private static String millis(double millis) {
        if (Double.isNaN(millis)) {
            return "—";
        }
        return millis >= 100 ? String.format(Locale.ROOT, "%,.0f ms", millis) : String.format(Locale.ROOT, "%.1f ms", millis);
    }
}
