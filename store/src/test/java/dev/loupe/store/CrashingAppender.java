package dev.loupe.store;

import dev.loupe.core.LogMessage;
import dev.loupe.testing.RandomLogs;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Child-process main for {@link CrashRecoveryTest}: opens the store in {@code args[0]} and appends batches from
 * {@code args[2]} threads forever, printing {@code ACK <keys> END} after each acknowledged batch. The parent kills
 * it with SIGKILL at a random moment. {@code args[1]} makes keys unique across rounds.
 */
public final class CrashingAppender {
    private CrashingAppender() {}

    public static void main(String[] args) throws InterruptedException {
        Path directory = Path.of(args[0]);
        String round = args[1];
        int threads = Integer.parseInt(args[2]);
        EmbeddedLogStore store = EmbeddedLogStore.open(directory,
                EmbeddedLogStore.Options.defaults().withCommitInterval(Duration.ofMillis(150)).withWalSegmentBytes(64 * 1024));
        PrintStream out = System.out;
        out.println("OPEN");
        out.flush();
        List<Thread> appenders = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            int threadNumber = thread;
            appenders.add(Thread.ofPlatform().start(() -> appendForever(store, out, round + "t" + threadNumber)));
        }
        for (Thread appender : appenders) {
            appender.join();
        }
    }

    private static void appendForever(EmbeddedLogStore store, PrintStream out, String prefix) {
        for (long batch = 0; ; batch++) {
            List<LogMessage> messages = new ArrayList<>();
            StringBuilder keys = new StringBuilder();
            int size = 1 + (int) (batch % 17);
            for (int index = 0; index < size; index++) {
                String key = prefix + "b" + batch + "i" + index;
                long time = RandomLogs.START + (batch * 7_919_000L + index * 3_600_000L) % RandomLogs.SPAN;
                messages.add(new LogMessage("event key=" + key + " from user@host.com at 10.1.1.123", time, time + 5,
                        "prod/crash", "app.log", "host-1", "http", "c1", Map.of("round", prefix)));
                keys.append(keys.isEmpty() ? "" : ",").append(key);
            }
            store.append(messages);
            synchronized (out) {
                out.println("ACK " + keys + " END");
                out.flush();
            }
        }
    }
}
