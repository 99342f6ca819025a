package dev.loupe.query.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code topk}/{@code bottomk} and {@code sort}: order series by a series expression or a dimension. */
final class SeriesRanking {
    private SeriesRanking() {}

    private record Ranked(MetricSeries series, double score) {}

    /**
     * Keeps the {@code count} series with the highest (topk) or lowest (bottomk) ranking value per {@code by} group,
     * best first within each group; series whose ranking is NaN rank last. Ties keep the input order.
     */
    static List<MetricSeries> rank(List<MetricSeries> input, MetricsOperator.Rank rank, long granularityMillis) {
        Map<String, List<Ranked>> groups = new LinkedHashMap<>();
        for (MetricSeries series : input) {
            StringBuilder key = new StringBuilder();
            for (String by : rank.by()) {
                String value = SeriesAggregator.valueOf(series, by);
                key.append(value == null ? "\u0000" : value).append('\u0001');
            }
            double score = ExpressionEvaluator.evaluate(rank.ranking(), new SeriesStatistics(series.values()), Double.NaN, granularityMillis);
            groups.computeIfAbsent(key.toString(), ignored -> new ArrayList<>()).add(new Ranked(series, score));
        }
        Comparator<Ranked> order = scoreOrder(!rank.top());
        List<MetricSeries> output = new ArrayList<>();
        for (List<Ranked> group : groups.values()) {
            group.sort(order);
            for (int index = 0; index < Math.min(rank.count(), group.size()); index++) {
                output.add(group.get(index).series());
            }
        }
        return output;
    }

    private static Comparator<Ranked> scoreOrder(boolean ascending) {
        return (left, right) -> {
            boolean leftMissing = Double.isNaN(left.score());
            boolean rightMissing = Double.isNaN(right.score());
            if (leftMissing || rightMissing) {
                return Boolean.compare(leftMissing, rightMissing);
            }
            return ascending ? Double.compare(left.score(), right.score()) : Double.compare(right.score(), left.score());
        };
    }

    /** {@code sort}: by a dimension (text, ignoring case; series without it last) or by a series expression. */
    static List<MetricSeries> sort(List<MetricSeries> input, MetricsOperator.Sort sort, long granularityMillis) {
        if (sort.dimension() != null) {
            MetricSeries[] sorted = input.toArray(MetricSeries[]::new);
            Comparator<MetricSeries> byValue = Comparator.comparing(series -> {
                String value = SeriesAggregator.valueOf(series, sort.dimension());
                return value == null ? "" : value.toLowerCase(Locale.ROOT);
            });
            Arrays.sort(sorted, sort.ascending() ? byValue : byValue.reversed());
            return new ArrayList<>(Arrays.asList(sorted));
        }
        List<Ranked> ranked = new ArrayList<>(input.size());
        for (MetricSeries series : input) {
            ranked.add(new Ranked(series, ExpressionEvaluator.evaluate(sort.ranking(), new SeriesStatistics(series.values()), Double.NaN, granularityMillis)));
        }
        ranked.sort(scoreOrder(sort.ascending()));
        List<MetricSeries> output = new ArrayList<>(ranked.size());
        for (Ranked one : ranked) {
            output.add(one.series());
        }
        return output;
    }
}
