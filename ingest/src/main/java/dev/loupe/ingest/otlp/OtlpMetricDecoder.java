package dev.loupe.ingest.otlp;

import static java.util.Objects.requireNonNull;

import dev.loupe.ingest.IngestLimits;
import dev.loupe.ingest.RejectedLine;
import dev.loupe.ingest.metrics.DecodedMetrics;
import dev.loupe.ingest.metrics.MetricContext;
import dev.loupe.store.spi.metrics.MetricSample;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an OTLP {@code ExportMetricsServiceRequest} (protobuf or OTLP/JSON) into metric samples. Thread-safe and
 * stateless.
 *
 * <p>Every gauge and sum data point is one sample: the metric name as the {@code metric} tag, the point's
 * attributes as the other tags (the series identity), the resource attributes and the metric's unit
 * ({@code unit}) as metadata over the context's (so a resource {@code _sourceCategory} wins over the source's),
 * {@code timeUnixNano} as the time (the receipt time when it is 0), {@code asDouble} or {@code asInt} as the
 * value. Histogram, exponential histogram and summary points, points without a value, NaN or infinite values and
 * times outside the context's window are rejected one by one, numbered by their position among the request's
 * data points (1-based).
 */
public final class OtlpMetricDecoder {
    private final IngestLimits limits;

    public OtlpMetricDecoder(IngestLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    /**
     * Decodes a whole request body.
     *
     * @param body the raw body; read to its end, not closed
     * @param contentEncoding the {@code Content-Encoding} header, or null
     * @param encoding protobuf or OTLP/JSON
     * @param context the request's metadata, dimensions, receipt time and time window
     * @throws dev.loupe.core.LoupeException {@code INVALID_INPUT} when the body is not an
     *     {@code ExportMetricsServiceRequest}, {@code INVALID_ENCODING}/{@code PAYLOAD_TOO_LARGE} from decompression;
     *     then nothing of the body is kept
     */
    public DecodedMetrics decode(InputStream body, String contentEncoding, OtlpEncoding encoding, MetricContext context) {
        requireNonNull(context, "context is null");
        ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
        OtlpRequestReader.read(body, contentEncoding, limits.maxDecompressedBytes(), encoding, request,
                "ExportMetricsServiceRequest");
        Batch batch = new Batch(context);
        for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
            Map<String, String> resource = OtlpValues.attributes(resourceMetrics.getResource().getAttributesList());
            for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
                for (Metric metric : scopeMetrics.getMetricsList()) {
                    batch.metric(metric, resource);
                }
            }
        }
        return new DecodedMetrics(batch.samples, batch.rejected, List.of());
    }

    /** The samples and rejections of one request, with the running data point number. */
    private static final class Batch {
        private final MetricContext context;
        private final List<MetricSample> samples = new ArrayList<>();
        private final List<RejectedLine> rejected = new ArrayList<>();
        private int pointNumber;

        Batch(MetricContext context) {
            this.context = context;
        }

        void metric(Metric metric, Map<String, String> resource) {
            Map<String, String> metadata = new LinkedHashMap<>(resource);
            if (!metric.getUnit().isEmpty()) {
                metadata.put("unit", metric.getUnit());
            }
            switch (metric.getDataCase()) {
                case GAUGE -> numbers(metric.getName(), metric.getGauge().getDataPointsList(), metadata);
                case SUM -> numbers(metric.getName(), metric.getSum().getDataPointsList(), metadata);
                case HISTOGRAM -> unsupported(metric, metric.getHistogram().getDataPointsCount());
                case EXPONENTIAL_HISTOGRAM -> unsupported(metric, metric.getExponentialHistogram().getDataPointsCount());
                case SUMMARY -> unsupported(metric, metric.getSummary().getDataPointsCount());
                case DATA_NOT_SET -> {
                    pointNumber++;
                    rejected.add(new RejectedLine(pointNumber, metric.getName() + ": the metric has no data"));
                }
            }
        }

        private void numbers(String name, List<NumberDataPoint> points, Map<String, String> metadata) {
            for (NumberDataPoint point : points) {
                pointNumber++;
                String problem = problem(name, point);
                if (problem != null) {
                    rejected.add(new RejectedLine(pointNumber, problem));
                    continue;
                }
                Map<String, String> tags = OtlpValues.attributes(point.getAttributesList());
                tags.put(MetricSample.METRIC, name);
                samples.add(context.sample(tags, metadata, timestampMillis(point), value(point)));
            }
        }

        private String problem(String name, NumberDataPoint point) {
            if (name.isEmpty()) {
                return "a metric has no name";
            }
            if (point.getValueCase() == NumberDataPoint.ValueCase.VALUE_NOT_SET) {
                return name + ": the data point has no value";
            }
            double value = value(point);
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                return name + ": the value " + value + " is not a finite number";
            }
            String timeProblem = context.timestampProblem(timestampMillis(point));
            return timeProblem == null ? null : name + ": " + timeProblem;
        }

        private long timestampMillis(NumberDataPoint point) {
            return point.getTimeUnixNano() == 0 ? context.receiptTimeMillis() : point.getTimeUnixNano() / 1_000_000;
        }

        private static double value(NumberDataPoint point) {
            return point.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? point.getAsInt() : point.getAsDouble();
        }

        private void unsupported(Metric metric, int pointCount) {
            for (int index = 0; index < Math.max(1, pointCount); index++) {
                pointNumber++;
                rejected.add(new RejectedLine(pointNumber, metric.getName() + ": " + metric.getDataCase()
                        + " data points are not supported (gauge and sum are)"));
            }
        }
    }
}
