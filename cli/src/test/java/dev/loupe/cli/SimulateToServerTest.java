package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.ingest.extraction.FieldExtractionRule;
import dev.loupe.query.QueryResult;
import dev.loupe.query.metrics.MetricSeries;
import dev.loupe.query.metrics.MetricsQueryRow;
import dev.loupe.query.metrics.MetricsRowResult;
import dev.loupe.server.auth.CreatedAccessKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code loupe simulate --server URL --token T}: a day of a simulated fleet sent over a running server's HTTP
 * Source arrives whole (every CloudTrail event, at its {@code eventTime}, with the server's field extraction rule
 * applied; every metric point accepted and queryable).
 */
class SimulateToServerTest {
    private static final Pattern SENT = Pattern.compile("(\\d+) metric samples \\((\\d+) rejected\\), (\\d+) CloudTrail events");

    @TempDir
    Path folder;

    @Test
    void aDayOfTheFleetArrivesThroughTheHttpSource() throws Exception {
        try (RunningInstance instance = RunningInstance.start("127.0.0.1", 0, folder)) {
            instance.server().fieldExtractionRules().save(FieldExtractionRule.apiGatewayCloudTrail());
            String token = instance.defaultSource().token();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine commandLine = LoupeCommand.commandLine();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            int exit = commandLine.execute("simulate", "--server", instance.baseUrl(), "--token", token, "--accounts", "1",
                    "--apis", "2", "--seed", "7");
            assertThat(exit).as("stderr: %s", err).isZero();
            Matcher sent = SENT.matcher(out.toString());
            assertThat(sent.find()).as(out.toString()).isTrue();
            long samples = Long.parseLong(sent.group(1));
            long events = Long.parseLong(sent.group(3));
            assertThat(samples).isPositive();
            assertThat(sent.group(2)).isEqualTo("0");
            assertThat(events).isPositive();

            CreatedAccessKey key = instance.firstAdministrator().orElseThrow().key();
            URI base = URI.create(instance.baseUrl());
            SearchJobClient search = new SearchJobClient(base, key.accessId(), key.accessKey());
            long now = System.currentTimeMillis();
            long from = now - 25 * 3_600_000L;
            QueryResult count = search.run("_sourceCategory=aws/observability/cloudtrail/logs | count", from, now, "UTC", false);
            assertThat(((Number) count.rows().getFirst()[count.fieldIndex("_count")]).longValue()).isEqualTo(events);
            QueryResult times = search.run("_sourceCategory=aws/observability/cloudtrail/logs namespace=aws/apigateway"
                    + " | json \"eventTime\" | count by eventTime, _messagetime", from, now, "UTC", false);
            assertThat(times.rows()).as("API Gateway events carry the rule's fields").isNotEmpty();
            for (Object[] row : times.rows()) {
                assertThat(Instant.parse(String.valueOf(row[times.fieldIndex("eventTime")])).toEpochMilli())
                        .isEqualTo(((Number) row[times.fieldIndex("_messagetime")]).longValue());
            }
            MetricsRowResult points = new MetricsQueryClient(base, key.accessId(), key.accessKey()).run(List.of(
                    new MetricsQueryRow("A", "Namespace=AWS/ApiGateway statistic=Sum | count", 300_000, null, 0)), from,
                    now + 600_000)
                    .getFirst();
            assertThat(points.series()).isNotEmpty();
            long pointsPerStatistic = 0;
            for (MetricSeries series : points.series()) {
                for (double value : series.values()) {
                    pointsPerStatistic += (long) value;
                }
            }
            assertThat(pointsPerStatistic).as("Sum points (one per 5-minute bucket and series) = a fifth of the samples "
                    + "(Sum, Average, SampleCount, Maximum, Minimum)")
                    .isEqualTo(samples / 5);
        }
    }
}
