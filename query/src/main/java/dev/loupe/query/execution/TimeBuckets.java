package dev.loupe.query.execution;

import dev.loupe.core.TimeRange;
import dev.loupe.query.ast.SeriesOperator.TimesliceSize;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * Clock-aligned time buckets of {@code timeslice} and {@code fillmissing timeslice} (spec §2.5).
 *
 * <p>Alignment: lengths under an hour are aligned on the epoch (so {@code 15m} buckets start at :00, :15, ...
 * in every zone with whole-quarter-hour offsets). Hour multiples below a day are aligned on the local wall clock
 * of the query zone. Day multiples start at local midnight and week multiples at local Monday midnight, using
 * the zone's rules: on a daylight-saving change day a {@code 1d} bucket is 23 or 25 hours long. Immutable.
 */
record TimeBuckets(long lengthMillis, ZoneId zone) {
    static final long SECOND = 1000;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
    static final long WEEK = 7 * DAY;
    /** The clock-aligned lengths {@code timeslice N buckets} chooses from. */
    private static final long[] LADDER = {SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE,
        5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR, 6 * HOUR, 12 * HOUR,
        DAY, WEEK};

    /**
     * The buckets for a {@code timeslice} size over a range; a whole-range slice is one bucket starting at the
     * range start, and is marked by a length of 0.
     */
    static TimeBuckets of(TimesliceSize size, TimeRange range, ZoneId zone) {
        return switch (size) {
            case TimesliceSize.FixedLength fixed -> new TimeBuckets(fixed.millis(), zone);
            case TimesliceSize.BucketCount count -> new TimeBuckets(lengthFor(span(range), count.buckets()), zone);
            case TimesliceSize.WholeRange ignored -> new TimeBuckets(0, zone);
        };
    }

    /** The smallest ladder length giving at most {@code buckets} buckets over {@code span}. */
    static long lengthFor(long span, long buckets) {
        for (long length : LADDER) {
            if ((span + length - 1) / length <= buckets) {
                return length;
            }
        }
        long weeks = (span / WEEK + buckets - 1) / buckets;
        return Math.max(1, weeks) * WEEK;
    }

    private static long span(TimeRange range) {
        return Math.max(1, range.toMillis() - range.fromMillis());
    }

    /** The start of the bucket holding {@code millis} ({@code rangeStart} for a whole-range slice). */
    long start(long millis, long rangeStart) {
        if (lengthMillis == 0) {
            return rangeStart;
        }
        if (lengthMillis < HOUR) {
            return Math.floorDiv(millis, lengthMillis) * lengthMillis;
        }
        if (lengthMillis % WEEK == 0) {
            LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(millis), zone)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            long weeks = lengthMillis / WEEK;
            long index = Math.floorDiv(date.toEpochDay() - 4, 7);
            LocalDate aligned = LocalDate.ofEpochDay(Math.floorDiv(index, weeks) * weeks * 7 + 4);
            return aligned.atStartOfDay(zone).toInstant().toEpochMilli();
        }
        if (lengthMillis % DAY == 0) {
            long days = lengthMillis / DAY;
            long epochDay = LocalDate.ofInstant(Instant.ofEpochMilli(millis), zone).toEpochDay();
            return LocalDate.ofEpochDay(Math.floorDiv(epochDay, days) * days).atStartOfDay(zone).toInstant()
                    .toEpochMilli();
        }
        LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone);
        long localMillis = local.toEpochSecond(ZoneOffset.UTC) * 1000 + local.getNano() / 1_000_000;
        long alignedLocal = Math.floorDiv(localMillis, lengthMillis) * lengthMillis;
        LocalDateTime start = LocalDateTime.ofEpochSecond(Math.floorDiv(alignedLocal, 1000), 0, ZoneOffset.UTC);
        return start.atZone(zone).toInstant().toEpochMilli();
    }

    /** The start of the bucket after the one starting at {@code start}. */
    long next(long start) {
        if (lengthMillis >= DAY && lengthMillis % DAY == 0) {
            LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(start), zone).plusDays(lengthMillis / DAY);
            return date.atStartOfDay(zone).toInstant().toEpochMilli();
        }
        long next = start(start + lengthMillis, start);
        return next > start ? next : start + lengthMillis;
    }
}
