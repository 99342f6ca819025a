package dev.loupe.query.execution;

import java.time.ZoneId;

/**
 * Query-wide inputs of expressions.
 *
 * @param nowMillis the value of {@code now()}, fixed for the whole query
 * @param startMillis the value of {@code queryStartTime()}
 * @param endMillis the value of {@code queryEndTime()}
 * @param zone the default time zone of {@code formatDate} and {@code parseDate}
 */
record EvaluationContext(long nowMillis, long startMillis, long endMillis, ZoneId zone) {}
