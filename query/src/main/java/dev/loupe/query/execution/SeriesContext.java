package dev.loupe.query.execution;

import dev.loupe.core.TimeRange;
import java.time.ZoneId;

/**
 * What the time-series operators need from the run they belong to.
 *
 * @param range the time range this run scans (shifted for a {@code compare} re-run)
 * @param zone the query zone (bucket alignment)
 * @param slotCount the plan's slot count (dynamic columns start there)
 * @param dynamicColumns where {@code transpose} records the columns it made
 * @param runner re-runs part of the plan over another range
 * @param guard the run's cancellation, time limit and memory budget
 */
record SeriesContext(TimeRange range, ZoneId zone, int slotCount, DynamicColumns dynamicColumns,
        PipelineRunner runner, QueryGuard guard) {}
