package dev.loupe.query.series;

import static dev.loupe.query.series.SeriesEngine.column;
import static dev.loupe.query.series.SeriesEngine.names;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.query.FieldType;
import dev.loupe.query.QueryResult;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** {@code timeslice} (spec §2.5) and the operators that enumerate buckets: {@code fillmissing}, {@code compare}. */
class TimesliceTest {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long BASE = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();

    private static SeriesEngine hourOfData() {
        SeriesEngine engine = new SeriesEngine(BASE, BASE + HOUR, ZoneOffset.UTC);
        engine.add(BASE + 1 * MINUTE, "status=ok");
        engine.add(BASE + 2 * MINUTE, "status=ok");
        engine.add(BASE + 7 * MINUTE, "status=fail");
        engine.add(BASE + 31 * MINUTE, "status=ok");
        return engine;
    }

    @Test
    void fixedSlicesAreEpochAlignedLongBucketStarts() {
        QueryResult result = hourOfData().run("| timeslice 5m | count by _timeslice");
        assertThat(names(result)).containsExactly("_timeslice", "_count");
        assertThat(result.fields().get(0).type()).isEqualTo(FieldType.LONG);
        assertThat(result.fields().get(0).keyField()).isTrue();
        assertThat(column(result, "_timeslice")).containsExactlyInAnyOrder(BASE, BASE + 5 * MINUTE, BASE + 30 * MINUTE);
        assertThat(hourOfData().run("| timeslice by 15m as slot | count by slot | sort by slot asc"))
                .satisfies(sorted -> {
                    assertThat(column(sorted, "slot")).containsExactly(BASE, BASE + 30 * MINUTE);
                    assertThat(column(sorted, "_count")).containsExactly(3L, 1L);
                });
    }

    @Test
    void countUnderscoreTimesliceIsCountByTimeslice() {
        QueryResult result = hourOfData().run("| timeslice 30m | count _timeslice | sort by _timeslice asc");
        assertThat(column(result, "_count")).containsExactly(3L, 1L);
    }

    @Test
    void bucketCountPicksAClockAlignedLengthAndNoArgumentIsTheWholeRange() {
        QueryResult buckets = hourOfData().run("| timeslice 4 buckets | count by _timeslice | sort by _timeslice asc");
        assertThat(column(buckets, "_timeslice")).containsExactly(BASE, BASE + 30 * MINUTE);
        QueryResult whole = hourOfData().run("| timeslice | count by _timeslice");
        assertThat(column(whole, "_timeslice")).containsExactly(BASE);
        assertThat(column(whole, "_count")).containsExactly(4L);
    }

    @Test
    void daySlicesFollowLocalMidnightsAcrossADaylightSavingChange() {
        ZoneId newYork = ZoneId.of("America/New_York");
        long marchEighth = ZonedDateTime.parse("2024-03-09T00:00:00-05:00[America/New_York]").toInstant().toEpochMilli();
        long dstDay = ZonedDateTime.parse("2024-03-10T00:00:00-05:00[America/New_York]").toInstant().toEpochMilli();
        long nextDay = ZonedDateTime.parse("2024-03-11T00:00:00-04:00[America/New_York]").toInstant().toEpochMilli();
        SeriesEngine engine = new SeriesEngine(marchEighth, nextDay + DAY, newYork);
        engine.add(dstDay + HOUR, "before the change");
        engine.add(dstDay + 12 * HOUR, "after the change");
        engine.add(nextDay - 1, "last millisecond of the short day");
        engine.add(nextDay + 2 * HOUR, "next day");
        QueryResult result = engine.run("| timeslice 1d | count by _timeslice | sort by _timeslice asc");
        assertThat(column(result, "_timeslice")).containsExactly(dstDay, nextDay);
        assertThat(column(result, "_count")).containsExactly(3L, 1L);
        assertThat(nextDay - dstDay).isEqualTo(23 * HOUR);
        QueryResult filled = engine.run("| timeslice 1d | count by _timeslice | fillmissing timeslice "
                + "| sort by _timeslice asc");
        assertThat(column(filled, "_timeslice")).containsExactly(marchEighth, dstDay, nextDay);
        assertThat(column(filled, "_count")).containsExactly(0L, 3L, 1L);
    }

    @Test
    void hourSlicesAlignOnTheLocalClockAndMinuteSlicesOnTheEpoch() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        SeriesEngine engine = new SeriesEngine(BASE, BASE + DAY, kolkata);
        engine.add(BASE + 10 * MINUTE, "a");
        QueryResult hours = engine.run("| timeslice 1h | count by _timeslice");
        assertThat(column(hours, "_timeslice")).containsExactly(BASE - 30 * MINUTE);
        QueryResult minutes = engine.run("| timeslice 15m | count by _timeslice");
        assertThat(column(minutes, "_timeslice")).containsExactly(BASE);
    }

    @Test
    void fillmissingAddsEveryMissingBucketAndValueWithDefaults() {
        QueryResult result = hourOfData().run("| parse \"status=*\" as status | timeslice 15m "
                + "| count by _timeslice, status "
                + "| fillmissing timeslice(15m), values (\"ok\", \"fail\") in status | sort by _timeslice asc, status asc");
        assertThat(result.rows()).hasSize(8);
        assertThat(column(result, "_timeslice")).containsExactly(BASE, BASE, BASE + 15 * MINUTE, BASE + 15 * MINUTE,
                BASE + 30 * MINUTE, BASE + 30 * MINUTE, BASE + 45 * MINUTE, BASE + 45 * MINUTE);
        assertThat(column(result, "status")).containsExactly("fail", "ok", "fail", "ok", "fail", "ok", "fail", "ok");
        assertThat(column(result, "_count")).containsExactly(1L, 2L, 0L, 0L, 0L, 1L, 0L, 0L);
    }

    @Test
    void fillmissingWithConstantsValuesAllAndTakeLast() {
        QueryResult constant = hourOfData().run("| timeslice 15m | count by _timeslice "
                + "| fillmissing timeslice with -1 for _count | sort by _timeslice asc");
        assertThat(column(constant, "_count")).containsExactly(3L, -1L, 1L, -1L);
        QueryResult last = hourOfData().run("| timeslice 15m | count by _timeslice "
                + "| fillmissing timeslice(15m) takeLast | sort by _timeslice asc");
        assertThat(column(last, "_count")).containsExactly(3L, 3L, 1L, 1L);
        QueryResult all = hourOfData().run("| parse \"status=*\" as status | timeslice 30m "
                + "| count by _timeslice, status | fillmissing timeslice, values all in status");
        assertThat(all.rows()).hasSize(4);
    }

    @Test
    void fillmissingRefusesTooManyCombinations() {
        SeriesEngine engine = hourOfData();
        engine.range(BASE, BASE + DAY, ZoneOffset.UTC);
        assertThat(engine.failure("| timeslice 1s | count by _timeslice | fillmissing timeslice").getMessage())
                .contains("10000");
    }

    @Test
    void compareAddsShiftedColumnsAlignedOnTheTimeslice() {
        SeriesEngine engine = new SeriesEngine(BASE, BASE + HOUR, ZoneOffset.UTC);
        for (int day = 0; day <= 7; day++) {
            for (int count = 0; count <= day; count++) {
                engine.add(BASE - day * DAY + count * 1000, "error");
            }
        }
        QueryResult oneDay = engine.run("error | timeslice 30m | count by _timeslice | compare with timeshift 1d");
        assertThat(names(oneDay)).containsExactly("_timeslice", "_count", "_count_1d");
        assertThat(column(oneDay, "_timeslice")).containsExactly(BASE);
        assertThat(column(oneDay, "_count")).containsExactly(1L);
        assertThat(column(oneDay, "_count_1d")).containsExactly(2L);
        QueryResult several = engine.run("error | timeslice 30m | count by _timeslice "
                + "| compare timeshift 1d 3, timeshift 2d 3 avg, timeshift 2d as twodays");
        assertThat(names(several)).containsExactly("_timeslice", "_count", "_count_1d", "_count_2d", "_count_3d",
                "_count_6d_avg", "_count_twodays");
        assertThat(several.rows().get(0)).containsExactly(BASE, 1L, 2L, 3L, 4L, 5.0, 3L);
        QueryResult computed = engine.run("error | timeslice 30m | count by _timeslice | compare timeshift 1d 7 max "
                + "| _count_7d_max - _count as gap");
        assertThat(column(computed, "gap")).containsExactly(7.0);
    }

    @Test
    void compareKeepsKeysSeenOnlyInTheShiftedRange() {
        SeriesEngine engine = new SeriesEngine(BASE, BASE + HOUR, ZoneOffset.UTC);
        engine.add(BASE + MINUTE, "user=a");
        engine.add(BASE - DAY + MINUTE, "user=b");
        QueryResult result = engine.run("| parse \"user=*\" as user | count by user | compare timeshift 1d");
        assertThat(column(result, "user")).containsExactly("a", "b");
        assertThat(column(result, "_count")).containsExactly(1L, null);
        assertThat(column(result, "_count_1d")).containsExactly(null, 1L);
    }

    @Test
    void compareLimitsShiftedQueries() {
        assertThat(hourOfData().failure("| count | compare timeshift 1d 8").getMessage()).contains("maximum is 7");
        assertThat(hourOfData().failure("| compare timeshift 1d").getMessage()).contains("aggregate");
    }
}
