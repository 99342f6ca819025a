package dev.loupe.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.store.spi.metrics.SeriesSelector;
import dev.loupe.store.spi.metrics.SeriesSelector.And;
import dev.loupe.store.spi.metrics.SeriesSelector.AnyTagValue;
import dev.loupe.store.spi.metrics.SeriesSelector.Not;
import dev.loupe.store.spi.metrics.SeriesSelector.Or;
import dev.loupe.store.spi.metrics.SeriesSelector.TagMatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsParserTest {

    private static SeriesSelector selector(String query) {
        return ((MetricsQuery.SelectorSource) MetricsParser.parse(query).source()).selector();
    }

    @Test
    void selectorsWithPrecedenceListsQuotesAndBareValues() {
        assertThat(selector("Namespace=AWS/ApiGateway metric=4XXError")).isEqualTo(
                new And(List.of(new TagMatch("Namespace", "AWS/ApiGateway"), new TagMatch("metric", "4XXError"))));
        assertThat(selector("a=1 or b=2 and !c=3")).isEqualTo(new Or(List.of(new TagMatch("a", "1"),
                new And(List.of(new TagMatch("b", "2"), new Not(new TagMatch("c", "3")))))));
        assertThat(selector("dim=(x, \"y z\") not (stage=*) CPU_Idle")).isEqualTo(new And(List.of(
                new Or(List.of(new TagMatch("dim", "x"), new TagMatch("dim", "y z"))), new Not(new TagMatch("stage", "*")),
                new AnyTagValue("CPU_Idle"))));
        assertThat(selector("_sourceCategory=prod/host // comment\n metric!=cpu")).isEqualTo(new And(List.of(
                new TagMatch("_sourceCategory", "prod/host"), new Not(new TagMatch("metric", "cpu")))));
    }

    @Test
    void operatorsParseIntoTheirRecords() {
        MetricsQuery query = MetricsParser.parse("metric=cpu [sum over 5m] | quantize to 1m using max drop last | pct(95) by host, az"
                + " | rate counter over 10m | eval round(_value * 100 / _granularity) | where avg > 3 | topk(5, max + 2 * stddev) by az"
                + " | fillmissing using last | timeshift 1d | outlier window=10, threshold=2, direction=+ | parse field=host *-** as a, b"
                + " | sort by latest asc | filter _value > 1 atleast 3 | ewma span=3");
        MetricsQuery.SelectorSource source = (MetricsQuery.SelectorSource) query.source();
        assertThat(source.rollupSelector().rollup()).isEqualTo(Rollup.SUM);
        assertThat(source.rollupSelector().intervalMillis()).isEqualTo(300_000);
        List<MetricsOperator> operators = query.operators();
        assertThat(operators).hasSize(13);
        assertThat((MetricsOperator.Quantize) operators.get(0)).extracting(MetricsOperator.Quantize::intervalMillis, MetricsOperator.Quantize::rollup,
                MetricsOperator.Quantize::dropLast).containsExactly(60_000L, Rollup.MAX, true);
        assertThat(((MetricsOperator.Aggregate) operators.get(1)).by()).containsExactly("host", "az");
        assertThat(((MetricsOperator.Rate) operators.get(2)).overMillis()).isEqualTo(600_000);
        assertThat(((MetricsOperator.Rank) operators.get(5)).count()).isEqualTo(5);
        assertThat(((MetricsOperator.Timeshift) operators.get(7)).millis()).isEqualTo(86_400_000L);
        assertThat(((MetricsOperator.Outlier) operators.get(8)).direction()).isEqualTo(MetricsOperator.Direction.UP);
        assertThat(((MetricsOperator.Parse) operators.get(9)).names()).containsExactly("a", "b");
        assertThat(((MetricsOperator.Sort) operators.get(10)).ascending()).isTrue();
        assertThat(((MetricsOperator.Where) operators.get(11)).qualifier().kind()).isEqualTo(MetricsOperator.QualifierKind.AT_LEAST);
        assertThat(((MetricsOperator.MovingAverage) operators.get(12)).alpha()).isEqualTo(0.5);
    }

    @Test
    void rowExpressionsWithAlongAndAliasInEitherOrder() {
        MetricsQuery.RowExpressionSource first = (MetricsQuery.RowExpressionSource) MetricsParser.parse("#A + #B along cluster, node as bytes_total").source();
        assertThat(first.along()).containsExactly("cluster", "node");
        assertThat(first.alias()).isEqualTo("bytes_total");
        MetricsQuery.RowExpressionSource second = (MetricsQuery.RowExpressionSource) MetricsParser.parse("(#B / (#A + #B)) * 100 as DiskUsedPercent along DevName").source();
        assertThat(second.along()).containsExactly("DevName");
        assertThat(second.alias()).isEqualTo("DiskUsedPercent");
        assertThat(MetricsParser.parse("#a | timeshift 1d").operators()).hasSize(1);
    }

    private static void assertError(String query, ErrorCode code, String message) {
        assertThatThrownBy(() -> MetricsParser.parse(query))
                .isInstanceOfSatisfying(LoupeException.class, error -> assertThat(error.errorCode()).isEqualTo(code))
                .hasMessage(message);
    }

    @Test
    void errorsPointAtLineAndColumn() {
        assertError("metric=cpu | sumx by host", ErrorCode.QUERY_SYNTAX, "line 1, col 14: unknown metrics operator 'sumx' (did you mean 'sum'?)");
        assertError("metric=cpu\n| quantize to 5x", ErrorCode.QUERY_SYNTAX,
                "line 2, col 15: unknown time unit in '5x': expected ms, s, m, h, d or w");
        assertError("apiname={{apiname}} metric=Count", ErrorCode.QUERY_PARAMETER_NOT_SUBSTITUTED,
                "line 1, col 9: the parameter '{{apiname}}' was not substituted: replace it with a value, or * for all");
        assertError("metric=cpu | eval foo(_value)", ErrorCode.QUERY_INVALID,
                "line 1, col 19: unknown function 'foo': expected one of sin, cos, tan, abs, log, round, ceil, floor, exp, sqrt, min, max");
        assertError("metric=", ErrorCode.QUERY_SYNTAX, "line 1, col 8: expected a value after 'metric='");
        assertError("metric=cpu | predict model=arima", ErrorCode.QUERY_SYNTAX, "line 1, col 28: expected linear or ar for model, found 'arima'");
        assertError("metric=cpu | predict forecast=51", ErrorCode.QUERY_INVALID, "line 1, col 31: forecast must be a whole number from 1 to 50, not 51");
        assertError("metric=cpu | histogram_quantile(99)", ErrorCode.QUERY_INVALID, "line 1, col 33: a histogram quantile is between 0 and 1, not 99");
        assertError("(metric=cpu", ErrorCode.QUERY_SYNTAX, "line 1, col 12: expected ')', found the end of the query");
        assertError("metric=cpu | eval #A * 2", ErrorCode.QUERY_SYNTAX, "line 1, col 19: a row reference such as #A is only allowed at the start of a row");
    }

    /** Found by QueryParserFuzzTest.metricsQuery: a duration with several points threw NumberFormatException. */
    @Test
    void aDurationWithSeveralPointsIsASyntaxError() {
        assertThatThrownBy(() -> MetricsParser.parse("metric=cpu | predict forecast=.6660.666.6h"))
                .isInstanceOfSatisfying(LoupeException.class, error -> assertThat(error.errorCode())
                        .isEqualTo(ErrorCode.QUERY_SYNTAX))
                .hasMessageContaining("'.6660.666.6h' is not a duration");
        assertThatThrownBy(() -> MetricsParser.parse("metric=cpu | quantize to 1.2.3m"))
                .isInstanceOf(LoupeException.class).hasMessageContaining("is not a duration");
    }
}
