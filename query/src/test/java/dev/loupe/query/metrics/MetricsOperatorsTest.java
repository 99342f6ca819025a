package dev.loupe.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.store.spi.metrics.MetricSample;
import dev.loupe.testing.InMemoryMetricStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each operator on a small hand-made data set (three hosts, one point a minute for 10 minutes, value = host number
 * times minute), with expected outputs computed here by hand or by a direct loop.
 */
class MetricsOperatorsTest {
    private static final long MINUTE = 60_000L;
    private static final long T0 = 1_000 * 3_600_000L;
    private static final TimeRange RANGE = new TimeRange(T0, T0 + 10 * MINUTE);

    private MetricsQueryEngine engine;

    @BeforeEach
    void load() {
        InMemoryMetricStore store = new InMemoryMetricStore();
        List<MetricSample> samples = new ArrayList<>();
        for (int host = 1; host <= 3; host++) {
            for (int minute = 0; minute < 10; minute++) {
                samples.add(new MetricSample(Map.of("metric", "cpu", "host", "h" + host, "az", host == 3 ? "b" : "a"), Map.of(),
                        T0 + minute * MINUTE, host * minute));
            }
        }
        samples.add(new MetricSample(Map.of("metric", "mem", "host", "h1", "az", "a"), Map.of(), T0, 100));
        samples.add(new MetricSample(Map.of("metric", "mem", "host", "h1", "az", "a"), Map.of(), T0 + 2 * MINUTE, 200));
        store.append(samples);
        engine = new MetricsQueryEngine(store);
    }

    private List<MetricSeries> run(String query) {
        return engine.execute(List.of(new MetricsQueryRow("A", query, MINUTE, null, 0)), MetricsQueryContext.of(RANGE)).row("A").series();
    }

    private static double[] values(int count, java.util.function.IntToDoubleFunction function) {
        double[] values = new double[count];
        for (int index = 0; index < count; index++) {
            values[index] = function.applyAsDouble(index);
        }
        return values;
    }

    @Test
    void aggregatesKeepOnlyTheByDimensions() {
        List<MetricSeries> sum = run("metric=cpu | sum by az");
        assertThat(sum).extracting(MetricSeries::dimensions).containsExactly(Map.of("az", "a"), Map.of("az", "b"));
        assertThat(sum.get(0).values()).containsExactly(values(10, minute -> 3.0 * minute));
        assertThat(run("metric=cpu | avg").getFirst().values()).containsExactly(values(10, minute -> 2.0 * minute));
        assertThat(run("metric=cpu | max").getFirst().values()).containsExactly(values(10, minute -> 3.0 * minute));
        assertThat(run("metric=cpu | min by az").get(1).values()).containsExactly(values(10, minute -> 3.0 * minute));
        assertThat(run("metric=cpu | count").getFirst().values()).containsExactly(values(10, minute -> 3));
        assertThat(run("metric=cpu | pct(50)").getFirst().values()).containsExactly(values(10, minute -> 2.0 * minute));
        MetricSeries deviation = run("metric=cpu | stddev").getFirst();
        assertThat(deviation.metric()).isEqualTo("stddev");
        assertThat(deviation.values()[3]).isCloseTo(Math.sqrt(((3 - 6) * (3 - 6) + 0 + (9 - 6) * (9 - 6)) / 3.0), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void quantizeRollupsAndAutomaticInterval() {
        List<MetricSeries> sums = engine.execute(List.of(new MetricsQueryRow("A", "metric=cpu host=h2 | quantize to 5m using sum")),
                MetricsQueryContext.of(RANGE)).row("A").series();
        assertThat(sums.getFirst().values()).containsExactly(2.0 * (0 + 1 + 2 + 3 + 4), 2.0 * (5 + 6 + 7 + 8 + 9));
        MetricsRowResult automatic = engine.execute(List.of(new MetricsQueryRow("A", "metric=cpu | max")), MetricsQueryContext.of(RANGE)).row("A");
        assertThat(automatic.quantizationMillis()).isEqualTo(5_000);
        assertThat(automatic.rollup()).isEqualTo(Rollup.MAX);
        assertThat(Quantization.automaticInterval(3_600_000L)).isEqualTo(15_000);
        assertThat(Quantization.automaticInterval(86_400_000L)).isEqualTo(300_000);
        assertThat(Quantization.automaticInterval(7 * 86_400_000L)).isEqualTo(3_600_000);
        assertThat(Quantization.automaticInterval(30 * 86_400_000L)).isEqualTo(7_200_000);
        MetricSeries rate = engine.execute(List.of(new MetricsQueryRow("A", "metric=cpu host=h3 | quantize to 5m using rate")),
                MetricsQueryContext.of(RANGE)).row("A").series().getFirst();
        assertThat(rate.values()).containsExactly(3.0 * 4 / 240, 3.0 * 4 / 240);
    }

    @Test
    void evalWhereFilterAndReducers() {
        assertThat(run("metric=cpu host=h2 | eval _value * 100").getFirst().values()).containsExactly(values(10, minute -> 200.0 * minute));
        assertThat(run("metric=cpu host=h2 | eval _value - avg").getFirst().values()).containsExactly(values(10, minute -> 2.0 * minute - 9));
        assertThat(run("metric=cpu host=h2 | eval 1000 * _value / _granularity").getFirst().values())
                .containsExactly(values(10, minute -> 2.0 * minute / 60));
        assertThat(run("metric=cpu host=h2 | where _value > 10").getFirst().values()).containsExactly(12, 14, 16, 18);
        assertThat(run("metric=cpu | where max > 20")).extracting(series -> series.dimension("host")).containsExactly("h3");
        assertThat(run("metric=cpu | filter latest < 10")).extracting(series -> series.dimension("host")).containsExactly("h1");
        assertThat(run("metric=cpu | where _value >= 0 all")).hasSize(3);
        assertThat(run("metric=cpu | where _value > 20 atleast 3")).extracting(series -> series.dimension("host")).containsExactly("h3");
    }

    @Test
    void rankingSortingAndCounters() {
        assertThat(run("metric=cpu | topk(2, max)")).extracting(series -> series.dimension("host")).containsExactly("h3", "h2");
        assertThat(run("metric=cpu | bottomk(1, avg) by az")).extracting(series -> series.dimension("host")).containsExactly("h1", "h3");
        assertThat(run("metric=cpu | sort by host desc")).extracting(series -> series.dimension("host")).containsExactly("h3", "h2", "h1");
        MetricSeries rate = run("metric=cpu host=h3 | rate").getFirst();
        assertThat(rate.metric()).isEqualTo("rate(cpu)");
        assertThat(rate.values()).containsExactly(values(9, index -> 3.0 / 60));
        assertThat(run("metric=cpu host=h3 | delta").getFirst().values()).containsExactly(values(9, index -> 3));
        assertThat(run("metric=cpu host=h1 | accum").getFirst().values()).containsExactly(values(10, minute -> minute * (minute + 1) / 2.0));
        assertThat(run("metric=cpu host=h1 | eval 10 - _value | delta counter").getFirst().values()).containsExactly(values(9, index -> 9 - index));
    }

    @Test
    void fillMissingTimeshiftParseAndOutlier() {
        MetricSeries filled = run("metric=mem | fillmissing using 7").getFirst();
        assertThat(filled.values()).containsExactly(100, 7, 200, 7, 7, 7, 7, 7, 7, 7);
        assertThat(run("metric=mem | fillmissing interpolation").getFirst().values()).containsExactly(100, 150, 200);
        assertThat(run("metric=mem | fillmissing last").getFirst().values()).containsExactly(100, 100, 200, 200, 200, 200, 200, 200, 200, 200);
        MetricSeries shifted = engine.execute(List.of(new MetricsQueryRow("A", "metric=cpu host=h1 | timeshift 2m")),
                new MetricsQueryContext(new TimeRange(T0 + 2 * MINUTE, T0 + 12 * MINUTE), 1000, 1000)).row("A").series().getFirst();
        assertThat(shifted.timestamps()[0]).isEqualTo(T0 + 2 * MINUTE);
        assertThat(shifted.values()[0]).isEqualTo(0);
        assertThat(run("metric=cpu host=h1 | parse field=host h* as number").getFirst().dimension("number")).isEqualTo("1");
        List<MetricSeries> outliers = run("metric=cpu host=h1 | eval _value * _value | outlier window=3, threshold=1");
        assertThat(outliers).extracting(series -> series.dimension("_outlier")).contains("", "upper", "lower", "marker");
    }

    @Test
    void rowExpressionsJoinAlong() {
        MetricsQueryResult result = engine.execute(List.of(new MetricsQueryRow("A", "metric=cpu | sum by az"),
                new MetricsQueryRow("B", "metric=cpu | count by az"), new MetricsQueryRow("C", "#A / #B along az as average"),
                new MetricsQueryRow("D", "#A | timeshift 1m")), MetricsQueryContext.of(RANGE));
        List<MetricSeries> average = result.row("C").series();
        assertThat(average).extracting(MetricSeries::dimensions).containsExactly(Map.of("az", "a", "metric", "average"),
                Map.of("az", "b", "metric", "average"));
        assertThat(average.getFirst().values()).containsExactly(values(10, minute -> 1.5 * minute));
        assertThat(result.row("D").series().getFirst().timestamps()[0]).isEqualTo(T0 + MINUTE);
        assertThat(engine.execute(List.of(new MetricsQueryRow("A", "metric=cpu | sum"), new MetricsQueryRow("B", "#A + #A * 0 + 1")),
                MetricsQueryContext.of(RANGE)).row("B").series().getFirst().values()).containsExactly(values(10, minute -> 6.0 * minute + 1));
        assertThatThrownBy(() -> engine.execute(List.of(new MetricsQueryRow("A", "#B + 1"), new MetricsQueryRow("B", "#A + 1")),
                MetricsQueryContext.of(RANGE))).isInstanceOfSatisfying(LoupeException.class,
                        error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    @Test
    void seriesReductionsForTables() {
        MetricSeries series = run("metric=cpu host=h2").getFirst();
        assertThat(series.reduce(SeriesReduction.LATEST)).isEqualTo(18);
        assertThat(series.reduce(SeriesReduction.SUM)).isEqualTo(90);
        assertThat(series.reduce(SeriesReduction.AVG)).isEqualTo(9);
        assertThat(series.reduce(SeriesReduction.MIN)).isEqualTo(0);
        assertThat(series.reduce(SeriesReduction.MAX)).isEqualTo(18);
        assertThat(series.reduce(SeriesReduction.COUNT)).isEqualTo(10);
        assertThat(series.dimension("HOST")).isEqualTo("h2");
    }
}
