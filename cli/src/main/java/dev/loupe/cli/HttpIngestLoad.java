package dev.loupe.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Concurrent clients posting request bodies to an HTTP Source receiver, for the ingest benchmarks. Each client
 * takes the next body, posts it as plain text and waits for the answer; a body counts as ingested only when the
 * server answered 200, which it does after the batch is in the fsync'ed WAL. Any other answer fails the load.
 */
final class HttpIngestLoad {
    /** The bodies to post; thread-safe, {@code null} when there are no more. */
    @FunctionalInterface
    interface Bodies {
        byte[] next() throws IOException;
    }

    private HttpIngestLoad() {}

    /** Posts every body to {@code receiver} from {@code clients} threads with category {@code category}. */
    static void post(URI receiver, int clients, String category, String fields, Bodies bodies)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<Void>> workers = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                workers.add(pool.submit(() -> {
                    for (byte[] body = bodies.next(); body != null; body = bodies.next()) {
                        HttpRequest.Builder request = HttpRequest.newBuilder(receiver)
                                .header("Content-Type", "text/plain; charset=UTF-8")
                                .header("X-Sumo-Category", category)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                        if (!fields.isEmpty()) {
                            request.header("X-Sumo-Fields", fields);
                        }
                        HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            throw new IOException("the server answered " + response.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> worker : workers) {
                try {
                    worker.get();
                } catch (ExecutionException failure) {
                    throw failure.getCause() instanceof IOException io ? io : new IOException(failure.getCause());
                }
            }
        }
    }
}
