package dev.loupe.server.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.TimeRange;
import dev.loupe.server.RunningServer;
import dev.loupe.store.spi.metrics.SeriesPoints;
import dev.loupe.store.spi.metrics.SeriesSelector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP Source's metrics side over a real server: Content-Type dispatch, the three formats, headers. */
class MetricReceiverApiTest {
    private static final long NOW_SECONDS = RunningServer.START_MILLIS / 1000;

    @TempDir
    Path dataDirectory;
    RunningServer running;

    @BeforeEach
    void start() {
        running = new RunningServer(dataDirectory);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private HttpResponse<String> post(String contentType, String body) {
        return running.send(HttpRequest.newBuilder(running.uri("/receiver/v1/http/" + running.source.token()))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private List<SeriesPoints> series() {
        List<SeriesPoints> series = new ArrayList<>();
        running.metricStore.read(new SeriesSelector.All(), TimeRange.all(), 0, 1000, series::add);
        series.sort(Comparator.comparing(points -> points.tags().toString()));
        return series;
    }

    @Test
    void graphite_withContentTypeParameters_isMetrics_cleanRequestIsEmpty200() {
        HttpResponse<String> response = post("application/vnd.sumologic.graphite; charset=utf8",
                "prod.lb-1.cpu 87.2 " + NOW_SECONDS + "\n");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue(ReceiverController.REJECTED_HEADER)).isEmpty();
        assertThat(series()).singleElement().satisfies(points -> {
            assertThat(points.tags()).containsEntry("metric", "prod.lb-1.cpu");
            assertThat(points.metadata()).containsEntry("_sourceCategory", running.source.category())
                    .containsEntry("_source", running.source.name());
            assertThat(points.timestamps()).containsExactly(RunningServer.START_MILLIS);
            assertThat(points.values()).containsExactly(87.2);
        });
        assertThat(running.storedMessageCount()).isZero();
    }

    @Test
    void otherContentTypes_stayLogs() {
        assertThat(post("text/plain; charset=UTF-8", "prod.lb-1.cpu 87.2 " + NOW_SECONDS).statusCode()).isEqualTo(200);
        assertThat(post("application/vnd.sumologic.graphite2", "x 1").statusCode()).isEqualTo(200);
        assertThat(running.storedMessageCount()).isEqualTo(2);
        assertThat(series()).isEmpty();
    }

    @Test
    void prometheus_commentsSkipped_badLinesReportedWithNumbers_goodLinesKept() {
        HttpResponse<String> response = post("application/vnd.sumologic.prometheus", String.join("\n",
                "# HELP requests Requests.",
                "# TYPE requests counter",
                "requests{code=\"200\"} 10 " + RunningServer.START_MILLIS,
                "requests{code=\"500\"} NaN",
                "requests{code=500} 1",
                "requests{code=\"404\"} 2"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(ReceiverController.REJECTED_HEADER)).hasValue("2");
        JsonNode body = RunningServer.json(response);
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        assertThat(body.get("rejected").get(0).get("line").asInt()).isEqualTo(4);
        assertThat(body.get("rejected").get(0).get("reason").asText()).contains("NaN");
        assertThat(body.get("rejected").get(1).get("line").asInt()).isEqualTo(5);
        assertThat(body.get("rejected").get(1).get("reason").asText()).contains("double quotes");
        assertThat(series()).extracting(points -> points.tags().get("code")).containsExactly("200", "404");
    }

    @Test
    void carbon2_dimensionsAndMetadataHeaders_deflate() throws IOException {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream output = new DeflaterOutputStream(deflated)) {
            output.write(("metric=cpu node=lb-1  team=infra 87.2 " + NOW_SECONDS + "\n").getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = running.send(HttpRequest.newBuilder(running.uri("/receiver/v1/http"))
                .header("X-Sumo-Token", running.source.token())
                .header("Content-Type", "application/vnd.sumologic.carbon2").header("Content-Encoding", "deflate")
                .header("X-Sumo-Dimensions", "env=prod").header("X-Sumo-Metadata", "owner=ops")
                .header("X-Sumo-Category", "prod/metrics")
                .POST(HttpRequest.BodyPublishers.ofByteArray(deflated.toByteArray())).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(series()).singleElement().satisfies(points -> {
            assertThat(points.tags()).containsEntry("metric", "cpu").containsEntry("node", "lb-1")
                    .containsEntry("env", "prod").doesNotContainKey("team");
            assertThat(points.metadata()).containsEntry("team", "infra").containsEntry("owner", "ops")
                    .containsEntry("_sourceCategory", "prod/metrics");
        });
    }

    @Test
    void staleAndFuturePointsRejected_badTokenIs401_badDimensionsHeaderIs400() {
        HttpResponse<String> response = post("application/vnd.sumologic.graphite", "a 1 " + (NOW_SECONDS - 90_000)
                + "\nb 1 " + (NOW_SECONDS + 90_000) + "\nc 1\n");
        assertThat(RunningServer.json(response).get("rejected")).hasSize(2);
        assertThat(series()).extracting(points -> points.tags().get("metric")).containsExactly("c");

        HttpResponse<String> unauthorized = running.send(HttpRequest.newBuilder(running.uri("/receiver/v1/http/nope"))
                .header("Content-Type", "application/vnd.sumologic.graphite")
                .POST(HttpRequest.BodyPublishers.ofString("a 1")).build());
        assertThat(unauthorized.statusCode()).isEqualTo(401);

        HttpResponse<String> badHeader = running.send(HttpRequest.newBuilder(running.uri("/receiver/v1/http/"
                        + running.source.token()))
                .header("Content-Type", "application/vnd.sumologic.graphite").header("X-Sumo-Dimensions", "novalue")
                .POST(HttpRequest.BodyPublishers.ofString("a 1")).build());
        assertThat(badHeader.statusCode()).isEqualTo(400);
        assertThat(badHeader.body()).contains("X-Sumo-Dimensions");
    }
}
