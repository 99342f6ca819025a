package dev.loupe.query.series;

import static dev.loupe.query.series.SeriesEngine.column;
import static dev.loupe.query.series.SeriesEngine.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.core.ErrorCode;
import dev.loupe.query.FieldType;
import dev.loupe.query.QueryResult;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The aggregates of spec §2.3 beyond count/sum/avg/min/max: output names, values and edge cases. */
class AggregateFunctionsTest {
    private static final long BASE = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
    private SeriesEngine engine;

    @BeforeEach
    void setUp() {
        engine = new SeriesEngine(BASE, BASE + 3_600_000, ZoneOffset.UTC);
        engine.add(BASE + 1000, "user=alice took=10 code=200");
        engine.add(BASE + 2000, "user=bob took=20 code=404");
        engine.add(BASE + 3000, "user=alice took=30 code=200");
        engine.add(BASE + 4000, "user=carol took=x code=500");
        engine.add(BASE + 5000, "user=alice took=40 code=200");
    }

    private static final String PARSE = "| parse \"user=* took=* code=*\" as user, took, code ";

    @Test
    void countFrequentIsSortedDescendingAndNamedApproxcount() {
        QueryResult result = engine.run(PARSE + "| count_frequent user");
        assertThat(names(result)).containsExactly("user", "_approxcount");
        assertThat(column(result, "user")).containsExactly("alice", "bob", "carol");
        assertThat(column(result, "_approxcount")).containsExactly(3L, 1L, 1L);
        assertThat(result.fields().get(0).keyField()).isTrue();
    }

    @Test
    void countFrequentCannotBeMixed() {
        assertThat(engine.failure(PARSE + "| count, count_frequent(user)").errorCode())
                .isEqualTo(ErrorCode.QUERY_INVALID);
    }

    @Test
    void stddevIsTheSampleDeviationAndSkipsNonNumbers() {
        QueryResult result = engine.run(PARSE + "| stddev(took)");
        assertThat(names(result)).containsExactly("_stddev");
        assertThat((Double) column(result, "_stddev").get(0)).isCloseTo(Math.sqrt(500.0 / 3), within(1e-9));
        QueryResult single = engine.run(PARSE + "| where user = \"bob\" | stddev(took)");
        assertThat(column(single, "_stddev")).containsExactly(0.0);
    }

    @Test
    void pctNamesOneColumnPerPercentileIncludingDecimals() {
        QueryResult result = engine.run(PARSE + "| pct(took, 50, 99.9, 25) by user");
        assertThat(names(result)).containsExactly("user", "_took_pct_50", "_took_pct_99.9", "_took_pct_25");
        assertThat(column(result, "user")).containsExactly("alice", "bob", "carol");
        assertThat(column(result, "_took_pct_50")).containsExactly(30.0, 20.0, null);
        assertThat((Double) column(result, "_took_pct_25").get(0)).isCloseTo(20.0, within(1e-9));
        assertThat(result.fields().get(1).type()).isEqualTo(FieldType.DOUBLE);
    }

    @Test
    void pctWithAliasMedianAndPctSampling() {
        QueryResult result = engine.run(PARSE + "| pct(took, 95) as p95, median(took), pct_sampling(took, 50)");
        assertThat(names(result)).containsExactly("p95", "_median", "_took_pct_50");
        assertThat((Double) column(result, "p95").get(0)).isCloseTo(38.5, within(1e-9));
        assertThat(column(result, "_median")).containsExactly(25.0);
        assertThat(column(result, "_took_pct_50")).containsExactly(25.0);
    }

    @Test
    void pctStaysCloseOnManyValues() {
        SeriesEngine large = new SeriesEngine(BASE, BASE + 3_600_000, ZoneOffset.UTC);
        for (int value = 1; value <= 20_000; value++) {
            large.add(BASE + value, "v=" + ((value * 7919L) % 20_000 + 1));
        }
        QueryResult result = large.run("| parse \"v=*\" as v | pct(v, 50, 99, 1)");
        assertThat((Double) column(result, "_v_pct_50").get(0)).isCloseTo(10_000.0, within(100.0));
        assertThat((Double) column(result, "_v_pct_99").get(0)).isCloseTo(19_800.0, within(40.0));
        assertThat((Double) column(result, "_v_pct_1").get(0)).isCloseTo(200.0, within(40.0));
    }

    @Test
    void firstAndLastFollowTheStreamOrderNewestFirst() {
        QueryResult result = engine.run(PARSE + "| first(took), last(took) by user");
        assertThat(names(result)).containsExactly("user", "_first", "_last");
        assertThat(column(result, "user")).containsExactly("alice", "carol", "bob");
        assertThat(column(result, "_first")).containsExactly("40", "x", "20");
        assertThat(column(result, "_last")).containsExactly("10", "x", "20");
    }

    @Test
    void mostAndLeastRecentUseWithtime() {
        QueryResult result = engine.run(PARSE + "| withtime code | most_recent(code_withtime) as latest, "
                + "least_recent(code_withtime) by user");
        assertThat(names(result)).containsExactly("user", "latest", "_leastrecent");
        assertThat(column(result, "latest")).containsExactly("200", "404", "500");
        assertThat(column(result, "_leastrecent")).containsExactly("200", "404", "500");
        QueryResult overall = engine.run(PARSE + "| withtime user | most_recent(user_withtime), "
                + "least_recent(user_withtime)");
        assertThat(column(overall, "_mostrecent")).containsExactly("alice");
        assertThat(column(overall, "_leastrecent")).containsExactly("alice");
    }

    @Test
    void valuesAreDistinctSortedAndNewlineSeparated() {
        QueryResult result = engine.run(PARSE + "| values(user), values(code) as codes");
        assertThat(names(result)).containsExactly("_values", "codes");
        assertThat(column(result, "_values")).containsExactly("alice\nbob\ncarol");
        assertThat(column(result, "codes")).containsExactly("200\n404\n500");
    }

    @Test
    void emptyInputGivesOneRowWithoutGroupsAndNoRowsWithGroups() {
        QueryResult overall = engine.run("nothingmatches " + PARSE + "| pct(took, 50), values(user), stddev(took)");
        assertThat(overall.rows()).hasSize(1);
        assertThat(overall.rows().get(0)).containsOnlyNulls();
        assertThat(engine.run("nothingmatches " + PARSE + "| first(took) by user").rows()).isEmpty();
    }

    @Test
    void anAggregateDropsEverythingElse() {
        QueryResult result = engine.run(PARSE + "| stddev(took) by code");
        assertThat(names(result)).containsExactly("code", "_stddev");
        assertThat(engine.failure(PARSE + "| stddev(took) by code | where took > 1")).isNull();
        assertThat(engine.run(PARSE + "| stddev(took) by code | where took > 1").rows()).isEmpty();
    }

    @Test
    void limitAbove10000IsAClearError() {
        assertThat(engine.failure("| limit 10001").getMessage()).contains("at most 10000");
        assertThat(engine.run("| limit 10000").rows()).hasSize(5);
    }

    @Test
    void hugeNumbersStayDoubles() {
        SeriesEngine huge = new SeriesEngine(BASE, BASE + 3_600_000, ZoneOffset.UTC);
        huge.add(BASE + 1, "v=9223372036854775807");
        huge.add(BASE + 2, "v=1e300");
        QueryResult result = huge.run("| parse \"v=*\" as v | stddev(v), pct(v, 50), values(v)");
        assertThat((Double) column(result, "_v_pct_50").get(0)).isCloseTo(5e299, within(1e290));
        assertThat(column(result, "_values")).containsExactly("1e300\n9223372036854775807");
    }
}
