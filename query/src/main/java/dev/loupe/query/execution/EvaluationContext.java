package dev.loupe.query.execution;

/**
 * Query-wide inputs of expressions.
 *
 * @param nowMillis the value of {@code now()}, fixed for the whole query
 * @param startMillis the value of {@code queryStartTime()}
 * @param endMillis the value of {@code queryEndTime()}
 */
record EvaluationContext(long nowMillis, long startMillis, long endMillis) {}
