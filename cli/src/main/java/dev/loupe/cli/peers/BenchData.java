package dev.loupe.cli.peers;

import dev.loupe.core.TimeRange;
import dev.loupe.ingest.CloudTrailEventGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's events as one NDJSON file: {@link CloudTrailEventGenerator} events (its fleet of three accounts
 * and eight APIs; {@value #API_GATEWAY_SHARE} of them API Gateway calls, the rest EC2, S3, IAM, STS and Lambda
 * noise), spread over the 24 hours before {@code end}, in time order. Deterministic for a seed, count and end.
 *
 * @param file the NDJSON file, one event per line
 * @param events how many events it holds
 * @param bytes its size
 * @param range the 24 hours the events' times fall in
 * @param needleRequestId the {@code requestID} of the event in the middle of the file (unique: request ids are
 *     random UUIDs)
 */
public record BenchData(Path file, long events, long bytes, TimeRange range, String needleRequestId) {
    /** The share of API Gateway events ("a few percent" of a CloudTrail trail). */
    public static final double API_GATEWAY_SHARE = 0.05;
    private static final long DAY = 86_400_000L;
    private static final String REQUEST_ID_KEY = "\"requestID\":\"";

    /** Writes {@code events} events ending at {@code endMillis} into {@code file}. */
    public static BenchData write(Path file, int events, long seed, long endMillis) throws IOException {
        CloudTrailEventGenerator generator = new CloudTrailEventGenerator(seed, API_GATEWAY_SHARE);
        TimeRange range = new TimeRange(endMillis - DAY, endMillis);
        String[] needle = {null};
        int[] written = {0};
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            generator.generate(events, range.fromMillis(), range.toMillis(), event -> {
                try {
                    writer.write(event);
                    writer.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (written[0]++ == events / 2) {
                    int start = event.indexOf(REQUEST_ID_KEY) + REQUEST_ID_KEY.length();
                    needle[0] = event.substring(start, event.indexOf('"', start));
                }
            });
        }
        return new BenchData(file, events, Files.size(file), range, needle[0]);
    }
}
