package dev.loupe.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import dev.loupe.ingest.simulation.FleetSimulator;
import dev.loupe.store.spi.metrics.MetricSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds a {@link FleetSimulator}'s data to a running server over one HTTP Source, as real collectors would: the
 * metric samples as Carbon 2.0 lines (every tag intrinsic, {@code unit} a meta tag; category
 * {@code aws/observability/cloudwatch/metrics}), the CloudTrail events as one JSON message per line (category
 * {@value FleetSimulator#CLOUDTRAIL_CATEGORY}, one request per account with {@code X-Sumo-Fields: account=...};
 * the server takes each message's time from its {@code eventTime}). The server's field extraction rules apply at
 * its ingest. Counts what it sent and the metric points the server rejected (the {@code rejected} list of its
 * answer; points over 24 hours old, for one).
 */
final class HttpFleetFeed implements FleetSimulator.Sink {
    private static final int BATCH = 5_000;
    private static final String CARBON2 = "application/vnd.sumologic.carbon2";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpSourceClient source;
    private long samples;
    private long messages;
    private long rejected;

    HttpFleetFeed(HttpSourceClient source) {
        this.source = requireNonNull(source, "source is null");
    }

    @Override
    public synchronized void metrics(List<MetricSample> batch) {
        List<String> lines = new ArrayList<>(Math.min(batch.size(), BATCH));
        for (MetricSample sample : batch) {
            lines.add(carbon2(sample));
            if (lines.size() == BATCH) {
                send(lines);
                lines.clear();
            }
        }
        if (!lines.isEmpty()) {
            send(lines);
        }
        samples += batch.size();
    }

    @Override
    public synchronized void logs(List<LogMessage> batch) {
        Map<String, List<String>> byAccount = new LinkedHashMap<>();
        for (LogMessage message : batch) {
            byAccount.computeIfAbsent(message.fields().getOrDefault("account", ""), key -> new ArrayList<>()).add(message.raw());
        }
        byAccount.forEach((account, lines) -> source.post(lines, "text/plain; charset=UTF-8", Map.of(
                "X-Sumo-Category", FleetSimulator.CLOUDTRAIL_CATEGORY, "X-Sumo-Name", "cloudtrail",
                "X-Sumo-Fields", "account=" + account, "X-Sumo-Client", "loupe-simulate")));
        messages += batch.size();
    }

    synchronized long samples() {
        return samples;
    }

    synchronized long messages() {
        return messages;
    }

    /** Metric points the server refused. */
    synchronized long rejected() {
        return rejected;
    }

    private void send(List<String> lines) {
        String answer = source.post(lines, CARBON2, Map.of("X-Sumo-Category", "aws/observability/cloudwatch/metrics",
                "X-Sumo-Client", "loupe-simulate")).strip();
        if (!answer.isEmpty()) {
            try {
                rejected += MAPPER.readTree(answer).path("rejected").size();
            } catch (JsonProcessingException unreadable) {
                throw new LoupeException(ErrorCode.INVALID_INPUT, "the server's answer is not an ingest outcome: " + answer);
            }
        }
    }

    /* Tags never hold spaces or '=' in the simulation (names, ids, regions, resource paths such as /items/{id}). */
    static String carbon2(MetricSample sample) {
        StringBuilder line = new StringBuilder(256);
        sample.tags().forEach((key, value) -> line.append(key).append('=').append(value).append(' '));
        line.append(' ');
        sample.metadata().forEach((key, value) -> {
            if (!key.startsWith("_")) {
                line.append(key).append('=').append(value).append(' ');
            }
        });
        line.append(sample.value()).append(' ').append(sample.timestampMillis());
        return line.toString();
    }
}
