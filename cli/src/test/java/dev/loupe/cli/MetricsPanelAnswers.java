package dev.loupe.cli;

import dev.loupe.ingest.metrics.CloudWatchDatapoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * The expected answers of the 30 metrics panels (37 queries) of the API Gateway app, with every variable at
 * {@code *}, computed from the simulated CloudWatch datapoints alone, as the panels' queries define them:
 *
 * <ul>
 *   <li>the selector {@code Namespace=* metric=M statistic=S account=* region=* apiname=*} matches every series of
 *       metric {@code M} and statistic {@code S} that has those tags, so the {@code {ApiName}}, {@code {ApiName,
 *       Stage}} and per-method series all count (as in Sumo); Enhanced Monitoring's {@code stage=* method=*
 *       resource=*} matches the per-method series only;
 *   <li>a {@code Sum} series' value in a bucket is the datapoints' sum, an {@code Average} series' value the mean
 *       of their {@code sum / count}; the automatic quantization of 24 hours is 5 minutes, the simulated period;
 *   <li>{@code sum by K} / {@code avg by K} add / average, per bucket, the values of the series of each group;
 *       {@code | count} counts the groups present in a bucket; {@code timeshift 1d} reads the day before and moves
 *       it forward.
 * </ul>
 */
final class MetricsPanelAnswers {
    private static final long MINUTE = 60_000L;
    private static final long BUCKET = 5 * MINUTE;
    private static final List<String> BY_API = List.of("apiname", "namespace", "region", "account");
    private static final List<String> BY_ACCOUNT = List.of("account", "region", "namespace");

    /** Which datapoints a selector matches: every dimension set, or only the per-method ones. */
    private enum Level {
        ANY,
        METHOD
    }

    private enum Statistic {
        SUM,
        AVERAGE
    }

    private enum Combination {
        SUM,
        AVG
    }

    private final SimulatedGroundTruth truth;

    MetricsPanelAnswers(SimulatedGroundTruth truth) {
        this.truth = truth;
    }

    /** The expected answer of every metrics panel query, by {@code dashboard / panel / query key}. */
    Map<String, ExpectedAnswer> answers() {
        Map<String, ExpectedAnswer> answers = new LinkedHashMap<>();
        String cache = "1. AWS API Gateway - Latency, Cache";
        String overview = "1. AWS API Gateway - Overview";
        String errors = "2. AWS API Gateway - 4XX and 5XX Errors";
        String enhanced = "3. AWS API Gateway - Enhanced Monitoring";
        for (String dashboard : List.of(cache, errors)) {
            String panel = dashboard + " / API Requests (Today, Yesterday, Last Week) / ";
            answers.put(panel + "A", sumByApi("Count", 0));
            answers.put(panel + "B", sumByApi("Count", 1));
            answers.put(panel + "C", sumByApi("Count", 7));
        }
        String requests = overview + " / API Requests (Today, Yesterday, Last Week) / ";
        answers.put(requests + "A", aggregate("Count", Statistic.SUM, Level.ANY, BY_ACCOUNT, Combination.SUM, 0, value -> value));
        answers.put(requests + "B", aggregate("Count", Statistic.SUM, Level.ANY, BY_ACCOUNT, Combination.SUM, 1, value -> value));
        answers.put(requests + "C", aggregate("Count", Statistic.SUM, Level.ANY, BY_ACCOUNT, Combination.SUM, 7, value -> value));
        for (String dashboard : List.of(cache, overview)) {
            answers.put(dashboard + " / Average Latency (ms) / A", averageByApi("Latency", Level.ANY, 1));
            answers.put(dashboard + " / Average Integration Latency (ms) / A", averageByApi("IntegrationLatency", Level.ANY, 1));
            answers.put(dashboard + " / Cache Hit Rate / A", averageByApi("CacheHitCount", Level.ANY, 100));
            answers.put(dashboard + " / Cache Miss Rate / A", averageByApi("CacheMissCount", Level.ANY, 100));
        }
        /* The Overview has a line chart and a honeycomb of each latency: same query, same answer. */
        answers.put(overview + " / Average Latency (ms) / A (honeycomb)", averageByApi("Latency", Level.ANY, 1));
        answers.put(overview + " / Average Integration Latency (ms) / A (honeycomb)",
                averageByApi("IntegrationLatency", Level.ANY, 1));
        for (String dashboard : List.of(overview, errors)) {
            answers.put(dashboard + " / 4XX Errors / A", sumByApi("4XXError", 0));
            answers.put(dashboard + " / 5XX Errors / A", sumByApi("5XXError", 0));
        }
        answers.put(overview + " / API Calls / A",
                aggregate("Count", Statistic.SUM, Level.ANY, List.of(), Combination.SUM, 0, value -> value));
        answers.put(overview + " / Unique API Calls / A", countGroups(Level.ANY, BY_API));
        answers.put(overview + " / API Calls by apiname / A", aggregate("Count", Statistic.SUM, Level.ANY,
                List.of("apiname"), Combination.SUM, 0, value -> (double) Math.round(value)));

        answers.put(enhanced + " / API Calls By HTTP Method / A", sumByMethod("Count"));
        answers.put(enhanced + " / 4XX Errors by HTTP Method / A", sumByMethod("4XXError"));
        answers.put(enhanced + " / 5XX Errors By HTTP Method / A", sumByMethod("5XXError"));
        answers.put(enhanced + " / API Calls / A",
                aggregate("Count", Statistic.SUM, Level.METHOD, List.of(), Combination.SUM, 0, value -> value));
        answers.put(enhanced + " / Unique API Calls / A", countGroups(Level.METHOD,
                List.of("apiname", "namespace", "region", "account", "method")));
        answers.put(enhanced + " / API Resources / A", countGroups(Level.METHOD,
                List.of("apiname", "namespace", "region", "account", "resource")));
        answers.put(enhanced + " / API Call Breakdown / A", aggregate("Count", Statistic.SUM, Level.METHOD,
                List.of("apiname", "method", "resource"), Combination.SUM, 0, value -> (double) Math.round(value)));
        answers.put(enhanced + " / Cache Hits and Misses / A", averageByApi("CacheHitCount", Level.METHOD, 100));
        answers.put(enhanced + " / Cache Hits and Misses / B", averageByApi("CacheMissCount", Level.METHOD, 100));
        answers.put(enhanced + " / Average Latency (ms) / A", averageByApi("Latency", Level.METHOD, 1));
        answers.put(enhanced + " / Average Integration Latency (ms) / A", averageByApi("IntegrationLatency", Level.METHOD, 1));
        return answers;
    }

    private ExpectedAnswer sumByApi(String metric, int daysBack) {
        return aggregate(metric, Statistic.SUM, Level.ANY, BY_API, Combination.SUM, daysBack, value -> value);
    }

    private ExpectedAnswer sumByMethod(String metric) {
        return aggregate(metric, Statistic.SUM, Level.METHOD, List.of("method"), Combination.SUM, 0, value -> value);
    }

    private ExpectedAnswer averageByApi(String metric, Level level, double factor) {
        return aggregate(metric, Statistic.AVERAGE, level, BY_API, Combination.AVG, 0, value -> value * factor);
    }

    /**
     * {@code metric=M statistic=S (level) | [quantize using sum] | sum|avg by K | eval f(_value) [| timeshift Nd]}.
     */
    private ExpectedAnswer aggregate(String metric, Statistic statistic, Level level, List<String> groupKeys,
            Combination combination, int daysBack, DoubleUnaryOperator eval) {
        Map<List<String>, SortedMap<Long, double[]>> groups = new HashMap<>();
        for (Map.Entry<Map<String, String>, SortedMap<Long, Double>> series : series(metric, statistic, level, daysBack).entrySet()) {
            List<String> group = groupKeys.stream().map(key -> series.getKey().get(key)).toList();
            SortedMap<Long, double[]> buckets = groups.computeIfAbsent(group, key -> new TreeMap<>());
            series.getValue().forEach((bucket, value) -> {
                double[] sumAndCount = buckets.computeIfAbsent(bucket, key -> new double[2]);
                sumAndCount[0] += value;
                sumAndCount[1]++;
            });
        }
        return new ExpectedAnswer.Series(groupKeys, transform(groups, sumAndCount -> eval.applyAsDouble(
                combination == Combination.SUM ? sumAndCount[0] : sumAndCount[0] / sumAndCount[1])));
    }

    /** {@code metric=count statistic=Sum (level) | quantize using sum | sum by K | count}: groups with data per bucket. */
    private ExpectedAnswer countGroups(Level level, List<String> groupKeys) {
        SortedMap<Long, java.util.Set<List<String>>> groups = new TreeMap<>();
        for (Map.Entry<Map<String, String>, SortedMap<Long, Double>> series : series("Count", Statistic.SUM, level, 0).entrySet()) {
            List<String> group = groupKeys.stream().map(key -> series.getKey().get(key)).toList();
            for (Long bucket : series.getValue().keySet()) {
                groups.computeIfAbsent(bucket, key -> new java.util.HashSet<>()).add(group);
            }
        }
        SortedMap<Long, Double> counts = new TreeMap<>();
        groups.forEach((bucket, present) -> counts.put(bucket, (double) present.size()));
        return new ExpectedAnswer.Series(List.of(), Map.of(List.of(), counts));
    }

    /**
     * The selected series (by their tags, lower-case keys) quantized to 5-minute buckets over the dashboard's last 24
     * hours, shifted {@code daysBack} days back and labelled forward again.
     */
    private Map<Map<String, String>, SortedMap<Long, Double>> series(String metric, Statistic statistic, Level level,
            int daysBack) {
        long shift = daysBack * SimulatedGroundTruth.DAY;
        Map<Map<String, String>, SortedMap<Long, double[]>> sums = new HashMap<>();
        for (CloudWatchDatapoint point : truth.datapoints(truth.fromMillis() - shift, truth.toMillis() - shift)) {
            if (!point.metricName().equals(metric) || level == Level.METHOD && !point.dimensions().containsKey("Method")) {
                continue;
            }
            double value = statistic == Statistic.SUM ? point.sum() : point.sum() / point.count();
            if (statistic == Statistic.AVERAGE && !(point.count() > 0)) {
                continue;
            }
            long bucket = Math.floorDiv(point.timestampMillis() + shift, BUCKET) * BUCKET;
            double[] sumAndCount = sums.computeIfAbsent(tags(point), key -> new TreeMap<>())
                    .computeIfAbsent(bucket, key -> new double[2]);
            sumAndCount[0] += value;
            sumAndCount[1]++;
        }
        /* A Sum series is quantized with sum, an Average series with the default rollup, avg. */
        Map<Map<String, String>, SortedMap<Long, Double>> series = new HashMap<>();
        sums.forEach((tags, buckets) -> series.put(tags, transform(Map.of(List.of(), buckets),
                sumAndCount -> statistic == Statistic.SUM ? sumAndCount[0] : sumAndCount[0] / sumAndCount[1]).get(List.of())));
        return series;
    }

    private static Map<String, String> tags(CloudWatchDatapoint point) {
        Map<String, String> tags = new HashMap<>();
        point.dimensions().forEach((key, value) -> tags.put(ExpectedAnswer.key(key), value));
        tags.put("namespace", point.namespace());
        tags.put("account", point.accountId());
        tags.put("region", point.region());
        return tags;
    }

    private static Map<List<String>, SortedMap<Long, Double>> transform(Map<List<String>, SortedMap<Long, double[]>> groups,
            Function<double[], Double> value) {
        Map<List<String>, SortedMap<Long, Double>> result = new HashMap<>();
        groups.forEach((group, buckets) -> {
            SortedMap<Long, Double> values = new TreeMap<>();
            buckets.forEach((bucket, sumAndCount) -> values.put(bucket, value.apply(sumAndCount)));
            result.put(new ArrayList<>(group), values);
        });
        return result;
    }
}
