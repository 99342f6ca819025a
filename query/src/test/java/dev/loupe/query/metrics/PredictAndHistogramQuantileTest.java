package dev.loupe.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.store.spi.metrics.MetricSample;
import dev.loupe.testing.InMemoryMetricStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code predict} and {@code histogram_quantile} on hand-made series whose expected outputs are worked out here:
 * an exact line and an exact AR(1) recurrence for {@code predict}, and Prometheus's interpolation done by hand for
 * {@code histogram_quantile}.
 */
class PredictAndHistogramQuantileTest {
    private static final long MINUTE = 60_000L;
    private static final long T0 = 1_000 * 3_600_000L;
    private static final TimeRange RANGE = new TimeRange(T0, T0 + 10 * MINUTE);

    private static List<MetricSeries> run(InMemoryMetricStore store, String query) {
        return new MetricsQueryEngine(store).execute(List.of(new MetricsQueryRow("A", query, MINUTE, null, 0)), MetricsQueryContext.of(RANGE))
                .row("A").series();
    }

    private static InMemoryMetricStore series(String metric, double[] values) {
        InMemoryMetricStore store = new InMemoryMetricStore();
        List<MetricSample> samples = new ArrayList<>();
        for (int minute = 0; minute < values.length; minute++) {
            samples.add(new MetricSample(Map.of("metric", metric, "host", "h1"), Map.of(), T0 + minute * MINUTE, values[minute]));
        }
        store.append(samples);
        return store;
    }

    private static MetricSeries marked(List<MetricSeries> series, String kind) {
        return series.stream().filter(one -> one.dimension(SeriesPrediction.PREDICT_DIMENSION).equals(kind)).findFirst().orElseThrow();
    }

    @Test
    void linearPredictFitsALineAndForecastsAfterTheEnd() {
        double[] line = new double[10];
        for (int minute = 0; minute < 10; minute++) {
            line[minute] = 2 * minute + 1;
        }
        List<MetricSeries> output = run(series("cpu", line), "metric=cpu | predict");
        assertThat(output).hasSize(3);
        assertThat(output.getFirst().values()).containsExactly(line);
        MetricSeries fitted = marked(output, "fitted");
        assertThat(fitted.dimensions()).containsEntry("metric", "cpu").containsEntry("host", "h1");
        assertThat(fitted.timestamps()).containsExactly(output.getFirst().timestamps());
        for (int minute = 0; minute < 10; minute++) {
            assertThat(fitted.values()[minute]).isCloseTo(line[minute], within(1e-9));
        }
        MetricSeries forecast = marked(output, "forecast");
        assertThat(forecast.timestamps()).containsExactly(T0 + 10 * MINUTE, T0 + 11 * MINUTE, T0 + 12 * MINUTE);
        assertThat(forecast.values()).containsExactly(new double[] {21, 23, 25}, within(1e-9));
        MetricSeries durationForecast = marked(run(series("cpu", line), "metric=cpu | predict forecast=5m"), "forecast");
        assertThat(durationForecast.size()).isEqualTo(5);
        assertThat(durationForecast.values()[4]).isCloseTo(2 * 14 + 1, within(1e-9));
    }

    @Test
    void autoregressivePredictRecoversAnExactRecurrence() {
        double[] values = new double[10];
        values[0] = 100;
        for (int minute = 1; minute < 10; minute++) {
            values[minute] = 0.5 * values[minute - 1] + 10;
        }
        List<MetricSeries> output = run(series("queue", values), "metric=queue | predict model=ar ar.window=1 forecast=4");
        MetricSeries fitted = marked(output, "fitted");
        assertThat(fitted.size()).isEqualTo(9);
        assertThat(fitted.timestamps()[0]).isEqualTo(T0 + MINUTE);
        for (int index = 0; index < 9; index++) {
            assertThat(fitted.values()[index]).isCloseTo(values[index + 1], within(1e-6));
        }
        double expected = values[9];
        MetricSeries forecast = marked(output, "forecast");
        for (int step = 0; step < 4; step++) {
            expected = 0.5 * expected + 10;
            assertThat(forecast.values()[step]).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void predictNeedsOneSeries() {
        InMemoryMetricStore store = series("cpu", new double[] {1, 2, 3});
        store.append(List.of(new MetricSample(Map.of("metric", "cpu", "host", "h2"), Map.of(), T0, 5)));
        assertThatThrownBy(() -> run(store, "metric=cpu | predict"))
                .isInstanceOfSatisfying(LoupeException.class, error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.QUERY_INVALID))
                .hasMessageContaining("single input series");
        assertThat(run(store, "metric=cpu | sum | predict")).hasSize(3);
    }

    /** Cumulative bucket counts per minute for two services; bounds 0.1, 0.5, 1 and +Inf. */
    private static InMemoryMetricStore histogram(boolean withInfinity) {
        InMemoryMetricStore store = new InMemoryMetricStore();
        List<MetricSample> samples = new ArrayList<>();
        String[] bounds = withInfinity ? new String[] {"0.1", "0.5", "1", "+Inf"} : new String[] {"0.1", "0.5", "1"};
        double[][] counts = {{10, 30, 40, 50}, {0, 0, 0, 0}};
        for (int service = 0; service < 2; service++) {
            for (int bucket = 0; bucket < bounds.length; bucket++) {
                for (int minute = 0; minute < 2; minute++) {
                    samples.add(new MetricSample(Map.of("metric", "latency_bucket", "service", "s" + service, "le", bounds[bucket]), Map.of(),
                            T0 + minute * MINUTE, counts[service][bucket] * (minute + 1)));
                }
            }
        }
        samples.add(new MetricSample(Map.of("metric", "latency_bucket", "service", "s0"), Map.of(), T0, 1_000));
        store.append(samples);
        return store;
    }

    @Test
    void histogramQuantileInterpolatesWithinTheBucket() {
        List<MetricSeries> median = run(histogram(true), "metric=latency_bucket | histogram_quantile(0.5)");
        // s1 has no observation (its +Inf count is 0), so it has no point and no series.
        assertThat(median).hasSize(1);
        MetricSeries first = median.getFirst();
        assertThat(first.dimensions()).isEqualTo(Map.of("metric", "latency_bucket", "service", "s0"));
        // rank 25 of 50 falls in (0.1, 0.5], which holds 30 - 10 = 20 observations, 15 of them up to the rank.
        double expected = 0.1 + (0.5 - 0.1) * (25.0 - 10) / (30 - 10);
        assertThat(first.values()).containsExactly(new double[] {expected, expected}, within(1e-12));
        // rank 5 of 50 in the first bucket: interpolated from 0.
        assertThat(run(histogram(true), "metric=latency_bucket | histogram_quantile(0.1)").getFirst().values()[0]).isCloseTo(0.1 * 5 / 10, within(1e-12));
        // rank 45 of 50 is past the highest finite bound (40): the answer is that bound.
        assertThat(run(histogram(true), "metric=latency_bucket | histogram_quantile(0.9)").getFirst().values()).containsExactly(1.0, 1.0);
    }

    @Test
    void histogramQuantileNeedsAnInfinityBucketAndMonotonicCounts() {
        assertThat(run(histogram(false), "metric=latency_bucket | histogram_quantile(0.5)")).isEmpty();
        double[] bounds = {0.1, 0.5, 1, Double.POSITIVE_INFINITY};
        double[] dipping = {10, 30, 28, 50};
        // 28 after 30 is raised to 30; rank 40 then lies in (1, +Inf] above 30: the answer is the bound 1.
        assertThat(HistogramQuantile.quantile(0.8, bounds, dipping, 4)).isEqualTo(1.0);
        assertThat(HistogramQuantile.parseBound("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(HistogramQuantile.parseBound("fast")).isNaN();
    }
}
