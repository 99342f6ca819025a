package dev.loupe.cli.peers;

import dev.loupe.core.TimeRange;
import dev.loupe.ingest.CloudTrailEventGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.Reader;
import java.io.Writer;
import java.util.Properties;

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
        BenchData data = new BenchData(file, events, Files.size(file), range, needle[0]);
        Properties description = new Properties();
        description.setProperty("events", Long.toString(events));
        description.setProperty("endMillis", Long.toString(endMillis));
        description.setProperty("needleRequestId", data.needleRequestId());
        try (Writer writer = Files.newBufferedWriter(descriptionFile(file), StandardCharsets.UTF_8)) {
            description.store(writer, "loupe bench peers data set");
        }
        return data;
    }

    /** The data set {@link #write} wrote into {@code file} earlier (its description is kept beside it). */
    public static BenchData read(Path file) throws IOException {
        Properties description = new Properties();
        try (Reader reader = Files.newBufferedReader(descriptionFile(file), StandardCharsets.UTF_8)) {
            description.load(reader);
        }
        long endMillis = Long.parseLong(description.getProperty("endMillis"));
        return new BenchData(file, Long.parseLong(description.getProperty("events")), Files.size(file),
                new TimeRange(endMillis - DAY, endMillis), description.getProperty("needleRequestId"));
    }

    private static Path descriptionFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".properties");
    }
}
