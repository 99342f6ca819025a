package dev.loupe.ingest.metrics;

import static java.util.Objects.requireNonNull;

import dev.loupe.store.spi.metrics.MetricSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One CloudWatch datapoint as a Metric Stream delivers it (statistic set min, max, sum and sample count), and the
 * series Sumo's AWS metrics sources make of it: one per statistic {@code Sum}, {@code Average} (sum / count),
 * {@code SampleCount}, {@code Maximum} and {@code Minimum}.
 *
 * <p>Tags of every series: {@code Namespace} (e.g. {@code AWS/ApiGateway}), {@code metric} (the CloudWatch
 * metric name, e.g. {@code Latency}), {@code statistic}, {@code account} and {@code accountid} (the account id),
 * {@code region}, and each CloudWatch dimension under its own name ({@code ApiName}, {@code Stage},
 * {@code Method}, {@code Resource}, ...). Tag keys are matched ignoring case, but results and legends show keys
 * as stored, so lower-case aliases are added for the spellings the API Gateway app filters, groups and labels
 * by: {@code namespace}, and each dimension lower-cased ({@code apiname}, {@code stage}, {@code method},
 * {@code resource}) when that differs from its name. The unit goes to metadata as {@code unit}.
 *
 * @param min the minimum, or NaN when not delivered (then no {@code Minimum} series)
 * @param max the maximum, or NaN when not delivered (then no {@code Maximum} series)
 * @param count the sample count; {@code Average} is written only when it is positive
 * @param unit the CloudWatch unit, or empty
 */
public record CloudWatchDatapoint(String namespace, String metricName, String accountId, String region,
        Map<String, String> dimensions, long timestampMillis, double min, double max, double sum, double count,
        String unit) {
    /** The statistic tag key. */
    public static final String STATISTIC = "statistic";

    public CloudWatchDatapoint {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(metricName, "metricName is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(region, "region is null");
        dimensions = Map.copyOf(requireNonNull(dimensions, "dimensions is null"));
        requireNonNull(unit, "unit is null");
    }

    /**
     * This datapoint's samples, one per statistic it has, exactly as a Metric Stream delivery makes them: the
     * conversion shared by the Firehose receiver and the CloudWatch {@code GetMetricData} collector.
     */
    public List<MetricSample> samples(MetricContext context) {
        List<MetricSample> samples = new ArrayList<>(5);
        addSamples(requireNonNull(context, "context is null"), samples);
        return samples;
    }

    /** Appends this datapoint's samples (one per statistic it has) to {@code samples}. */
    void addSamples(MetricContext context, List<MetricSample> samples) {
        Map<String, String> base = new HashMap<>();
        for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
            base.put(dimension.getKey(), dimension.getValue());
        }
        for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
            base.putIfAbsent(dimension.getKey().toLowerCase(Locale.ROOT), dimension.getValue());
        }
        base.put("Namespace", namespace);
        base.put("namespace", namespace);
        base.put(MetricSample.METRIC, metricName);
        if (!accountId.isEmpty()) {
            base.put("account", accountId);
            base.put("accountid", accountId);
        }
        if (!region.isEmpty()) {
            base.put("region", region);
        }
        Map<String, String> metadata = unit.isEmpty() ? Map.of() : Map.of("unit", unit);
        add(samples, context, base, metadata, "Sum", sum);
        if (count > 0) {
            add(samples, context, base, metadata, "Average", sum / count);
        }
        add(samples, context, base, metadata, "SampleCount", count);
        add(samples, context, base, metadata, "Maximum", max);
        add(samples, context, base, metadata, "Minimum", min);
    }

    private void add(List<MetricSample> samples, MetricContext context, Map<String, String> base,
            Map<String, String> metadata, String statistic, double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        Map<String, String> tags = new HashMap<>(base);
        tags.put(STATISTIC, statistic);
        samples.add(context.sample(tags, metadata, timestampMillis, value));
    }
}
