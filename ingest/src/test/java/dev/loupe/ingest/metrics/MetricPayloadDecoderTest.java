package dev.loupe.ingest.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.ingest.IngestLimits;
import dev.loupe.ingest.RejectedLine;
import dev.loupe.ingest.SourceMetadata;
import dev.loupe.store.spi.metrics.MetricSample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class MetricPayloadDecoderTest {
    private static final long RECEIPT = 1_501_753_100_000L;
    private static final MetricContext HTTP = new MetricContext(Map.of(), Map.of(), RECEIPT,
            MetricContext.HTTP_SKEW.toMillis());

    private final MetricPayloadDecoder decoder = new MetricPayloadDecoder(IngestLimits.defaults());

    private DecodedMetrics decode(MetricFormat format, String body) {
        return decoder.decode(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), null, format, HTTP);
    }

    @Test
    void contentType_parametersAndCaseIgnored() {
        assertThat(MetricFormat.ofContentType("application/vnd.sumologic.graphite; charset=utf8")).contains(MetricFormat.GRAPHITE);
        assertThat(MetricFormat.ofContentType(" Application/Vnd.Sumologic.Carbon2 ")).contains(MetricFormat.CARBON2);
        assertThat(MetricFormat.ofContentType("application/vnd.sumologic.prometheus;version=0.0.4")).contains(MetricFormat.PROMETHEUS);
        assertThat(MetricFormat.ofContentType("text/plain")).isEmpty();
        assertThat(MetricFormat.ofContentType(null)).isEmpty();
    }

    @Test
    void graphite_pathBecomesMetric_secondsAndMillisAndMissingTime() {
        DecodedMetrics decoded = decode(MetricFormat.GRAPHITE,
                "prod.lb-1.cpu 87.2 1501753030\nprod.lb-1.mem\t12 1501753030500\nprod.lb-2.cpu -3.5e1\n");
        assertThat(decoded.rejected()).isEmpty();
        assertThat(decoded.samples()).containsExactly(
                new MetricSample(Map.of("metric", "prod.lb-1.cpu"), Map.of(), 1_501_753_030_000L, 87.2),
                new MetricSample(Map.of("metric", "prod.lb-1.mem"), Map.of(), 1_501_753_030_500L, 12),
                new MetricSample(Map.of("metric", "prod.lb-2.cpu"), Map.of(), RECEIPT, -35));
    }

    @Test
    void graphite_badLinesRejectedWithNumbersAndReasons() {
        long old = RECEIPT / 1000 - 25 * 3600;
        long future = RECEIPT / 1000 + 25 * 3600;
        DecodedMetrics decoded = decode(MetricFormat.GRAPHITE, String.join("\n",
                "good.one 1 1501753030",
                "only.a.path",
                "a.b NaN 1501753030",
                "a.b twelve 1501753030",
                "a.b 1 " + old,
                "a.b 1 " + future,
                "a.b 1 1501753030 extra",
                "a.b 1 1501753030000000",
                "",
                "metric=cpu 1 1501753030",
                "good.two 2 1501753030"));
        assertThat(decoded.samples()).extracting(sample -> sample.tags().get("metric")).containsExactly("good.one", "good.two");
        assertThat(decoded.rejected()).extracting(RejectedLine::lineNumber).containsExactly(2, 3, 4, 5, 6, 7, 8, 10);
        assertThat(decoded.rejected().get(1).reason()).contains("not a finite number");
        assertThat(decoded.rejected().get(2).reason()).contains("'twelve' is not a number");
        assertThat(decoded.rejected().get(3).reason()).contains("24 h in the past");
        assertThat(decoded.rejected().get(4).reason()).contains("24 h in the future");
        assertThat(decoded.rejected().get(6).reason()).contains("micro");
    }

    @Test
    void carbon2_intrinsicTagsIdentify_metaTagsAreMetadata() {
        DecodedMetrics decoded = decode(MetricFormat.CARBON2, String.join("\n",
                "cluster=prod node=lb-1 metric=cpu  ip=2.2.3.4 team=infra 87.2 1501753030",
                "metric=cpu node=lb-1  87.3 1501753040",
                "metric=cpu node=lb-2  5",
                "metric=cpu node=lb-3 7 1501753030"));
        assertThat(decoded.rejected()).isEmpty();
        assertThat(decoded.samples()).containsExactly(
                new MetricSample(Map.of("cluster", "prod", "node", "lb-1", "metric", "cpu"),
                        Map.of("ip", "2.2.3.4", "team", "infra"), 1_501_753_030_000L, 87.2),
                new MetricSample(Map.of("metric", "cpu", "node", "lb-1"), Map.of(), 1_501_753_040_000L, 87.3),
                new MetricSample(Map.of("metric", "cpu", "node", "lb-2"), Map.of(), RECEIPT, 5),
                new MetricSample(Map.of("metric", "cpu", "node", "lb-3"), Map.of(), 1_501_753_030_000L, 7));
    }

    @Test
    void carbon2_badLines() {
        DecodedMetrics decoded = decode(MetricFormat.CARBON2, String.join("\n",
                "node=lb-1  1 1501753030",
                "metric=cpu node  1 1501753030",
                "metric=cpu  team=infra",
                "metric=cpu  1 2 3",
                "metric=cpu metric=mem  1",
                "metric=cpu  +Inf 1501753030",
                "  1 1501753030",
                "metric=cpu =x  1"));
        assertThat(decoded.samples()).isEmpty();
        assertThat(decoded.rejected()).extracting(RejectedLine::reason).containsExactly(
                "carbon2 line has no metric= intrinsic tag",
                "intrinsic tag 'node' is not key=value",
                "carbon2 line has no value after its tags",
                "carbon2 line has 3 fields after its tags; expected value [epochSeconds] (tags are key=value)",
                "intrinsic tag key 'metric' appears twice",
                "value +Inf is not a finite number (NaN and infinities are not stored)",
                "carbon2 line has no intrinsic tags",
                "intrinsic tag '=x' has an empty key or value");
    }

    @Test
    void prometheus_labelsCommentsTimestampsAndPerLineRejection() {
        DecodedMetrics decoded = decode(MetricFormat.PROMETHEUS, String.join("\n",
                "# HELP http_requests_total The total number of HTTP requests.",
                "# TYPE http_requests_total counter",
                "http_requests_total{method=\"post\",code=\"200\"} 1027 1501753030000",
                "http_requests_total{method=\"post\",code=\"400\",} 3 1501753030000",
                "up 1",
                "escaped{path=\"C:\\\\dir \\\"x\\\"\\n\"} 2 1501753030",
                "nan_value{a=\"b\"} NaN 1501753030000",
                "plus_inf +Inf",
                "minus_inf{a=\"b\"} -Inf",
                "no_quotes{a=b} 1",
                "no_equals{a\"b\"} 1",
                "no_comma{a=\"b\" c=\"d\"} 1",
                "unclosed_at_end{a=\"b\",",
                "unclosed{a=\"b\" 1",
                "unterminated{a=\"b} 1",
                "novalue{a=\"b\"}",
                "{a=\"b\"} 1",
                "trailing 1 1501753030000 junk"));
        assertThat(decoded.samples()).containsExactly(
                new MetricSample(Map.of("metric", "http_requests_total", "method", "post", "code", "200"), Map.of(),
                        1_501_753_030_000L, 1027),
                new MetricSample(Map.of("metric", "http_requests_total", "method", "post", "code", "400"), Map.of(),
                        1_501_753_030_000L, 3),
                new MetricSample(Map.of("metric", "up"), Map.of(), RECEIPT, 1),
                new MetricSample(Map.of("metric", "escaped", "path", "C:\\dir \"x\"\n"), Map.of(), 1_501_753_030_000L, 2));
        assertThat(decoded.rejected()).extracting(RejectedLine::lineNumber).containsExactly(7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18);
        assertThat(decoded.rejected()).extracting(RejectedLine::reason).containsExactly(
                "value NaN is not a finite number (NaN and infinities are not stored)",
                "value +Inf is not a finite number (NaN and infinities are not stored)",
                "value -Inf is not a finite number (NaN and infinities are not stored)",
                "value of label 'a' is not in double quotes",
                "label 'a' has no '='",
                "expected ',' or '}' after label 'a'",
                "labels are not closed with '}'",
                "expected ',' or '}' after label 'a'",
                "value of label 'a' has no closing quote",
                "prometheus line has no value",
                "prometheus line does not start with a metric name",
                "prometheus line has unexpected text after value and timestamp: 'junk'");
    }

    @Test
    void headersBecomeTagsAndMetadata_lineTagsWin() {
        MetricContext context = MetricContext.of(new SourceMetadata("prod/metrics", "src", "host-1", "http", "loupe", Map.of()),
                Map.of("env", "prod", "node", "header"), Map.of("owner", "ops"), RECEIPT, MetricContext.HTTP_SKEW);
        DecodedMetrics decoded = decoder.decode(new ByteArrayInputStream(
                "metric=cpu node=lb-1  team=infra 1 1501753030\n".getBytes(StandardCharsets.UTF_8)), null,
                MetricFormat.CARBON2, context);
        MetricSample sample = decoded.samples().getFirst();
        assertThat(sample.tags()).isEqualTo(Map.of("metric", "cpu", "node", "lb-1", "env", "prod"));
        assertThat(sample.metadata()).isEqualTo(Map.of("_sourceCategory", "prod/metrics", "_sourceName", "src",
                "_sourceHost", "host-1", "_source", "http", "_collector", "loupe", "owner", "ops", "team", "infra"));
    }

    @Test
    void compressedBodies_andCorruptCompression() throws IOException {
        byte[] text = "a.b 1 1501753030\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream output = new DeflaterOutputStream(deflated)) {
            output.write(text);
        }
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream output = new GZIPOutputStream(gzipped)) {
            output.write(text);
        }
        assertThat(decoder.decode(new ByteArrayInputStream(deflated.toByteArray()), "deflate", MetricFormat.GRAPHITE, HTTP)
                .samples()).hasSize(1);
        assertThat(decoder.decode(new ByteArrayInputStream(gzipped.toByteArray()), "gzip", MetricFormat.GRAPHITE, HTTP)
                .samples()).hasSize(1);
        assertThatThrownBy(() -> decoder.decode(new ByteArrayInputStream(text), "gzip", MetricFormat.GRAPHITE, HTTP))
                .isInstanceOfSatisfying(LoupeException.class,
                        failure -> assertThat(failure.errorCode()).isEqualTo(ErrorCode.INVALID_ENCODING));
    }

    @Test
    void timestampWindow_isConfigurable() {
        MetricContext files = MetricContext.unbounded(RECEIPT);
        DecodedMetrics decoded = decoder.decode(new ByteArrayInputStream("a.b 1 86400\n".getBytes(StandardCharsets.UTF_8)),
                null, MetricFormat.GRAPHITE, files);
        assertThat(decoded.samples()).extracting(MetricSample::timestampMillis).containsExactly(86_400_000L);
        assertThat(MetricContext.of(SourceMetadata.empty(), Map.of(), Map.of(), RECEIPT, Duration.ofHours(1))
                .timestampProblem(RECEIPT - 3_600_001)).contains("1 h in the past");
    }
}
