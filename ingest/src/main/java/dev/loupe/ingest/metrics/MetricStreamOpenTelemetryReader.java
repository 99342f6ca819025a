package dev.loupe.ingest.metrics;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.loupe.store.spi.metrics.MetricSample;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CloudWatch Metric Streams in OpenTelemetry 1.0 format: length-delimited
 * {@code ExportMetricsServiceRequest}s; see {@link MetricStreamDecoder}. Rejections are numbered by request
 * (1-based). Stateless.
 */
final class MetricStreamOpenTelemetryReader {
    private static final String CLOUDWATCH_PREFIX = "amazonaws.com/";

    private MetricStreamOpenTelemetryReader() {}

    static void read(InputStream input, MetricContext context, List<MetricSample> samples,
            MetricStreamDecoder.NumberedReport report) throws IOException {
        int requestNumber = 0;
        while (true) {
            requestNumber++;
            ExportMetricsServiceRequest request;
            try {
                request = ExportMetricsServiceRequest.parseDelimitedFrom(input);
            } catch (InvalidProtocolBufferException invalid) {
                report.reject(requestNumber, "not a length-delimited OpenTelemetry ExportMetricsServiceRequest ("
                        + invalid.getMessage() + "); the rest is skipped");
                return;
            }
            if (request == null) {
                return;
            }
            for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
                Map<String, String> resource = attributes(resourceMetrics.getResource().getAttributesList());
                for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
                    for (Metric metric : scopeMetrics.getMetricsList()) {
                        metric(metric, resource, context, samples, report, requestNumber);
                    }
                }
            }
        }
    }

    private static void metric(Metric metric, Map<String, String> resource, MetricContext context,
            List<MetricSample> samples, MetricStreamDecoder.NumberedReport report, int requestNumber) {
        switch (metric.getDataCase()) {
            case SUMMARY -> {
                for (SummaryDataPoint point : metric.getSummary().getDataPointsList()) {
                    try {
                        summary(metric, point, resource, context, samples);
                    } catch (MalformedLineException malformed) {
                        report.reject(requestNumber, metric.getName() + ": " + malformed.getMessage());
                    }
                }
            }
            case GAUGE -> numbers(metric, metric.getGauge().getDataPointsList(), context, samples, report, requestNumber);
            case SUM -> numbers(metric, metric.getSum().getDataPointsList(), context, samples, report, requestNumber);
            case HISTOGRAM, EXPONENTIAL_HISTOGRAM, DATA_NOT_SET -> report.reject(requestNumber,
                    metric.getName() + ": " + metric.getDataCase() + " metrics are not supported");
        }
    }

    private static void summary(Metric metric, SummaryDataPoint point, Map<String, String> resource,
            MetricContext context, List<MetricSample> samples) throws MalformedLineException {
        Map<String, String> dimensions = new LinkedHashMap<>();
        String namespace = "";
        String metricName = "";
        for (KeyValue attribute : point.getAttributesList()) {
            switch (attribute.getKey()) {
                case "Namespace" -> namespace = attribute.getValue().getStringValue();
                case "MetricName" -> metricName = attribute.getValue().getStringValue();
                case "Dimensions" -> {
                    for (KeyValue dimension : attribute.getValue().getKvlistValue().getValuesList()) {
                        dimensions.put(dimension.getKey(), text(dimension.getValue()));
                    }
                }
                default -> dimensions.put(attribute.getKey(), text(attribute.getValue()));
            }
        }
        String name = metric.getName();
        if (name.startsWith(CLOUDWATCH_PREFIX) && name.lastIndexOf('/') > CLOUDWATCH_PREFIX.length()) {
            int lastSlash = name.lastIndexOf('/');
            namespace = namespace.isEmpty() ? name.substring(CLOUDWATCH_PREFIX.length(), lastSlash) : namespace;
            metricName = metricName.isEmpty() ? name.substring(lastSlash + 1) : metricName;
        }
        if (metricName.isEmpty()) {
            metricName = name;
        }
        if (metricName.isEmpty()) {
            throw new MalformedLineException("summary has no metric name");
        }
        long timestamp = timestamp(point.getTimeUnixNano(), context);
        double min = Double.NaN;
        double max = Double.NaN;
        for (SummaryDataPoint.ValueAtQuantile quantile : point.getQuantileValuesList()) {
            if (quantile.getQuantile() == 0.0) {
                min = quantile.getValue();
            } else if (quantile.getQuantile() == 1.0) {
                max = quantile.getValue();
            }
        }
        new CloudWatchDatapoint(namespace, metricName, resource.getOrDefault("cloud.account.id", ""),
                resource.getOrDefault("cloud.region", ""), dimensions, timestamp, min, max, point.getSum(),
                point.getCount(), metric.getUnit()).addSamples(context, samples);
    }

    private static void numbers(Metric metric, List<NumberDataPoint> points, MetricContext context,
            List<MetricSample> samples, MetricStreamDecoder.NumberedReport report, int requestNumber) {
        for (NumberDataPoint point : points) {
            try {
                double value = switch (point.getValueCase()) {
                    case AS_DOUBLE -> point.getAsDouble();
                    case AS_INT -> point.getAsInt();
                    case VALUE_NOT_SET -> throw new MalformedLineException("data point has no value");
                };
                if (!Double.isFinite(value)) {
                    throw new MalformedLineException("value " + value + " is not a finite number");
                }
                Map<String, String> tags = new HashMap<>(attributes(point.getAttributesList()));
                tags.put(MetricSample.METRIC, metric.getName());
                samples.add(context.sample(tags, Map.of(), timestamp(point.getTimeUnixNano(), context), value));
            } catch (MalformedLineException malformed) {
                report.reject(requestNumber, metric.getName() + ": " + malformed.getMessage());
            }
        }
    }

    private static long timestamp(long unixNanos, MetricContext context) throws MalformedLineException {
        long timestamp = unixNanos == 0 ? context.receiptTimeMillis() : MetricNumbers.nanosToMillis(unixNanos);
        String problem = context.timestampProblem(timestamp);
        if (problem != null) {
            throw new MalformedLineException(problem);
        }
        return timestamp;
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> map = new LinkedHashMap<>();
        for (KeyValue attribute : attributes) {
            map.put(attribute.getKey(), text(attribute.getValue()));
        }
        return map;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BYTES_VALUE, ARRAY_VALUE, KVLIST_VALUE -> value.toString().strip();
            case VALUE_NOT_SET -> "";
        };
    }
}
