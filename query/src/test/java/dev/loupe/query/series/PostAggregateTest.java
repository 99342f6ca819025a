package dev.loupe.query.series;

import static dev.loupe.query.series.SeriesEngine.column;
import static dev.loupe.query.series.SeriesEngine.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.core.ErrorCode;
import dev.loupe.query.QueryResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Post-aggregate operators: transpose, topk, top ... by, and the window operators of spec §2.9–2.10. */
class PostAggregateTest {
    private static final long MINUTE = 60_000;
    private static final long BASE = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
    private static final String PARSE = "| parse \"host=* code=* n=*\" as host, code, n ";
    private SeriesEngine engine;

    @BeforeEach
    void setUp() {
        engine = new SeriesEngine(BASE, BASE + 60 * MINUTE, ZoneOffset.UTC);
        engine.add(BASE + 1 * MINUTE, "host=web1 code=200 n=1");
        engine.add(BASE + 2 * MINUTE, "host=web2 code=404 n=2");
        engine.add(BASE + 3 * MINUTE, "host=web1 code=200 n=x");
        engine.add(BASE + 6 * MINUTE, "host=web1 code=500 n=4");
        engine.add(BASE + 7 * MINUTE, "host=web2 code=200 n=8");
    }

    @Test
    void transposeMakesAlphabeticalDynamicColumnsWithNullCells() {
        QueryResult result = engine.run(PARSE + "| timeslice 5m | count by _timeslice, host "
                + "| transpose row _timeslice column host | sort by _timeslice asc");
        assertThat(names(result)).containsExactly("_timeslice", "web1", "web2");
        assertThat(result.rows().get(0)).containsExactly(BASE, 2L, 1L);
        assertThat(result.rows().get(1)).containsExactly(BASE + 5 * MINUTE, 1L, 1L);
        QueryResult codes = engine.run(PARSE + "| count by host, code | transpose row host column code");
        assertThat(names(codes)).containsExactly("host", "200", "404", "500");
        assertThat(column(codes, "404")).containsExactly(null, 1L);
        assertThat(result.fields().get(0).keyField()).isTrue();
    }

    @Test
    void transposeListedColumnsCanBeUsedLater() {
        QueryResult result = engine.run(PARSE + "| count by host, code "
                + "| transpose row host column code as %\"200\", %\"500\", missing "
                + "| where %\"200\" > 1");
        assertThat(names(result)).containsExactly("host", "200", "500", "missing");
        assertThat(result.rows()).hasSize(1);
        assertThat(result.rows().get(0)).containsExactly("web1", 2L, 1L, null);
        QueryResult rest = engine.run(PARSE + "| count by host, code | transpose row host column code as %\"500\", *");
        assertThat(names(rest)).containsExactly("host", "500", "200", "404");
        QueryResult dropped = engine.run(PARSE + "| count by host, code | transpose row host column code "
                + "| fields host");
        assertThat(names(dropped)).containsExactly("host");
    }

    @Test
    void transposeOnEmptyInputAndItsLimits() {
        QueryResult empty = engine.run("nothing " + PARSE + "| count by host, code | transpose row host column code");
        assertThat(names(empty)).containsExactly("host");
        assertThat(empty.rows()).isEmpty();
        assertThat(engine.failure(PARSE + "| transpose row host column code").errorCode())
                .isEqualTo(ErrorCode.QUERY_INVALID);
        SeriesEngine wide = new SeriesEngine(BASE, BASE + 60 * MINUTE, ZoneOffset.UTC);
        for (int index = 0; index < 301; index++) {
            wide.add(BASE + index, "host=h code=" + index + " n=1");
        }
        assertThat(wide.failure(PARSE + "| count by host, code | transpose row host column code").errorCode())
                .isEqualTo(ErrorCode.QUERY_LIMIT_EXCEEDED);
    }

    @Test
    void topkKeepsTheLargestPerGroupWithRanks() {
        QueryResult result = engine.run(PARSE + "| count by host, code | topk(1, _count, code) by host "
                + "| sort by host asc");
        assertThat(names(result)).containsExactly("host", "code", "_count", "_rank");
        assertThat(column(result, "host")).containsExactly("web1", "web2");
        assertThat(column(result, "code")).containsExactly("200", "404");
        assertThat(column(result, "_rank")).containsExactly(1L, 1L);
        QueryResult overall = engine.run(PARSE + "| count by host, code | topk(10, _count) | fields -_rank");
        assertThat(names(overall)).containsExactly("host", "code", "_count");
        assertThat(column(overall, "_count")).containsExactly(2L, 1L, 1L, 1L);
    }

    @Test
    void topkTiesKeepInputOrderOrTheSecondField() {
        QueryResult ties = engine.run(PARSE + "| count by code | sort by code asc | topk(2, _count)");
        assertThat(column(ties, "code")).containsExactly("200", "404");
        assertThat(column(ties, "_rank")).containsExactly(1L, 2L);
        QueryResult second = engine.run(PARSE + "| count by code | topk(2, _count, code)");
        assertThat(column(second, "code")).containsExactly("200", "500");
    }

    @Test
    void topByRanksAggregatedRows() {
        QueryResult result = engine.run(PARSE + "| count as hits by code | top 2 code by hits, code asc");
        assertThat(column(result, "code")).containsExactly("200", "404");
        assertThat(column(result, "hits")).containsExactly(3L, 1L);
    }

    @Test
    void runningOperatorsSkipNonNumericRows() {
        QueryResult result = engine.run(PARSE + "| sort by _messagetime asc | accum n | diff n | total n "
                + "| backshift n | smooth n, 2 | rollingstd n, 2 as spread | fields n, _accum, _diff, _total, "
                + "_backshift, _smooth, spread");
        assertThat(column(result, "n")).containsExactly("1", "2", "x", "4", "8");
        assertThat(column(result, "_accum")).containsExactly(1.0, 3.0, null, 7.0, 15.0);
        assertThat(column(result, "_diff")).containsExactly(null, 1.0, null, 2.0, 4.0);
        assertThat(column(result, "_total")).containsExactly(15.0, 15.0, 15.0, 15.0, 15.0);
        assertThat(column(result, "_backshift")).containsExactly(null, "1", "2", "x", "4");
        assertThat(column(result, "_smooth")).containsExactly(1.0, 1.5, null, 3.0, 6.0);
        assertThat((Double) column(result, "spread").get(3)).isCloseTo(Math.sqrt(2), within(1e-9));
        assertThat(column(result, "spread").get(0)).isEqualTo(0.0);
    }

    @Test
    void runningOperatorsKeepStatePerGroup() {
        QueryResult result = engine.run(PARSE + "| sort by _messagetime asc | accum n by host "
                + "| fields host, n, _accum");
        assertThat(column(result, "host")).containsExactly("web1", "web2", "web1", "web1", "web2");
        assertThat(column(result, "_accum")).containsExactly(1.0, 2.0, null, 5.0, 10.0);
    }

    @Test
    void outlierFlagsPointsOutsideTheBand() {
        SeriesEngine series = new SeriesEngine(BASE, BASE + 60 * MINUTE, ZoneOffset.UTC);
        int[] counts = {10, 12, 11, 10, 12, 50, 11};
        for (int minute = 0; minute < counts.length; minute++) {
            for (int index = 0; index < counts[minute]; index++) {
                series.add(BASE + minute * MINUTE + index, "x");
            }
        }
        QueryResult result = series.run("| timeslice 1m | count by _timeslice | sort by _timeslice asc "
                + "| outlier _count window=5, threshold=3, consecutive=1, direction=+-");
        assertThat(names(result)).containsExactly("_timeslice", "_count", "_count_error", "_count_lower",
                "_count_upper", "_count_indicator", "_count_violation", "_count_std");
        assertThat(column(result, "_count_indicator")).containsExactly(0L, 0L, 0L, 0L, 0L, 1L, 0L);
        assertThat(column(result, "_count_violation")).containsExactly(0L, 0L, 0L, 0L, 0L, 1L, 0L);
        assertThat(column(result, "_count_error").subList(0, 2)).containsOnlyNulls();
        assertThat((Double) column(result, "_count_error").get(5)).isCloseTo(39.0, within(1e-9));
        QueryResult below = series.run("| timeslice 1m | count by _timeslice | sort by _timeslice asc "
                + "| outlier _count window=5, direction=-");
        assertThat(column(below, "_count_indicator")).doesNotContain(1L);
    }

    @Test
    void predictFitsALineAndForecasts() {
        SeriesEngine series = new SeriesEngine(BASE, BASE + 60 * MINUTE, ZoneOffset.UTC);
        for (int minute = 0; minute < 5; minute++) {
            for (int index = 0; index <= minute * 2; index++) {
                series.add(BASE + minute * MINUTE + index, "x");
            }
        }
        QueryResult result = series.run("| timeslice 1m | count by _timeslice | predict _count by 1m forecast=2");
        assertThat(names(result)).containsExactly("_timeslice", "_count", "_count_predicted", "_count_error");
        assertThat(column(result, "_timeslice")).containsExactly(BASE, BASE + MINUTE, BASE + 2 * MINUTE,
                BASE + 3 * MINUTE, BASE + 4 * MINUTE, BASE + 5 * MINUTE, BASE + 6 * MINUTE);
        assertThat(Arrays.asList(column(result, "_count_predicted").toArray()))
                .containsExactly(1.0, 3.0, 5.0, 7.0, 9.0, 11.0, 13.0);
        assertThat(column(result, "_count").get(5)).isNull();
        QueryResult ar = series.run("| timeslice 1m | count by _timeslice | predict _count by 1m model=ar, "
                + "ar.window=1, forecast=1");
        assertThat(names(ar)).contains("_count_linear");
        assertThat((Double) column(ar, "_count_predicted").get(5)).isCloseTo(11.0, within(1e-6));
    }

    @Test
    void singleRowAndEmptyInputForWindowOperators() {
        QueryResult single = engine.run(PARSE + "| count | accum _count | diff _count | smooth _count "
                + "| rollingstd _count");
        assertThat(single.rows().get(0)).containsExactly(5L, 5.0, null, 5.0, 0.0);
        QueryResult empty = engine.run("nothing " + PARSE + "| count by host | accum _count | total _count");
        assertThat(empty.rows()).isEmpty();
    }

    @Test
    void syntaxErrorsPointAtTheProblem() {
        assertThat(engine.failure("| count by host | topk(0, _count)").getMessage())
                .isEqualTo("line 1, col 24: expected the number of rows to keep (a positive whole number) but found '0'");
        assertThat(engine.failure("| count by host | transpose row host").getMessage())
                .isEqualTo("line 1, col 37: expected 'column' but found end of query");
        assertThat(engine.failure("| count | outlier _count window=5, speed=3").getMessage())
                .startsWith("line 1, col 36: unknown outlier option 'speed'");
        assertThat(engine.failure("| timeslice 5 | count").getMessage())
                .isEqualTo("line 1, col 15: expected 'buckets' but found '|'");
        assertThat(engine.failure("| count | smooth _count, 1001").errorCode()).isEqualTo(ErrorCode.QUERY_INVALID);
    }
}
