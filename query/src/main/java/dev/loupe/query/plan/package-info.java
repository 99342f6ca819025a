/**
 * The executable plan of a log query: records under sealed interfaces, produced by the analyzer and consumed by
 * the execution operators.
 *
 * <p>Every field name is resolved to a slot index at plan time ({@link dev.loupe.query.plan.FieldLayout}); rows
 * are {@code Object[]} indexed by slot. {@link dev.loupe.query.plan.QueryPlan} holds the scan (the keyword
 * expression and order pushed into the store) and the list of {@link dev.loupe.query.plan.PlanNode}s run after it.
 * Arrays in plan records are never modified after construction. The time-series family lives in
 * {@link dev.loupe.query.plan.SeriesNode}; a {@code transpose} adds data-dependent columns, shown in the result
 * where the column {@link dev.loupe.query.plan.QueryPlan#DYNAMIC_COLUMNS} stands.
 */
package dev.loupe.query.plan;
