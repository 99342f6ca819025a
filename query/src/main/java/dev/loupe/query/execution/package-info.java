/**
 * Runs a {@link dev.loupe.query.plan.QueryPlan}: scans the store, turns each message into a {@link
 * dev.loupe.query.execution.Row} ({@code Object[]} by slot), pushes rows through a chain of {@link
 * dev.loupe.query.execution.RowOperator}s, and assembles the {@link dev.loupe.query.QueryResult}.
 *
 * <p>Values are {@link String}, {@link Long}, {@link Double}, {@link Boolean} or null; {@link
 * dev.loupe.query.execution.Values} holds the coercion rules of the spec (§1.5). Per-row code uses no maps keyed by
 * field name, no streams and no {@code String.format}.
 *
 * <p>The aggregates-and-time-series operators ({@link dev.loupe.query.execution.SeriesOperators}) see their run
 * through a {@link dev.loupe.query.execution.SeriesContext}: the scanned range and zone (bucket alignment), the
 * {@link dev.loupe.query.execution.DynamicColumns} a {@code transpose} fills (values after the plan's slots), and a
 * {@link dev.loupe.query.execution.PipelineRunner} with which {@code compare} re-runs the first nodes over a
 * shifted range.
 */
package dev.loupe.query.execution;
