package dev.loupe.store.metrics;

import dev.loupe.store.spi.metrics.MetricSample;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Child-process main for {@link MetricCrashRecoveryTest}: opens the metric store in {@code args[0]} with small
 * flushes and appends batches from {@code args[2]} threads forever, printing {@code ACK <keys> END} after each
 * acknowledged batch (a key is {@code series@timestamp=value}). The parent kills it with SIGKILL.
 */
public final class MetricCrashingAppender {
    private MetricCrashingAppender() {}

    public static void main(String[] args) throws InterruptedException {
        EmbeddedMetricStore store = EmbeddedMetricStore.open(Path.of(args[0]),
                new MetricStoreOptions(Duration.ofDays(3650), Duration.ofDays(3650), 64, 3_000));
        PrintStream out = System.out;
        out.println("OPEN");
        out.flush();
        List<Thread> appenders = new ArrayList<>();
        for (int thread = 0; thread < Integer.parseInt(args[2]); thread++) {
            String series = args[1] + "t" + thread;
            appenders.add(Thread.ofPlatform().start(() -> appendForever(store, out, series)));
        }
        for (Thread appender : appenders) {
            appender.join();
        }
    }

    private static void appendForever(EmbeddedMetricStore store, PrintStream out, String series) {
        long time = 1_700_000_000_000L;
        for (long batch = 0; ; batch++) {
            List<MetricSample> samples = new ArrayList<>();
            StringBuilder keys = new StringBuilder();
            for (int index = 0; index < 1 + batch % 13; index++) {
                time += 60_000;
                double value = (batch * 31 + index) % 97;
                samples.add(new MetricSample(Map.of("metric", "crash", "series", series), Map.of(), time, value));
                keys.append(keys.isEmpty() ? "" : ",").append(series).append('@').append(time).append('=').append(value);
            }
            store.append(samples);
            synchronized (out) {
                out.println("ACK " + keys + " END");
                out.flush();
            }
        }
    }
}
