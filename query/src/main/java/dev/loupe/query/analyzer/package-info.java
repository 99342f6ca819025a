/**
 * Turns a syntax tree into a {@link dev.loupe.query.plan.QueryPlan}: resolves field names case-insensitively to
 * slots, resolves functions, checks operator arguments (alias counts, plain-field aggregate arguments), compiles
 * patterns and the scope, and decides the scan order and result columns.
 *
 * <p>{@link dev.loupe.query.analyzer.Analyzer} is the entry point. Errors are {@link dev.loupe.core.LoupeException}s
 * with the span of the offending node: {@code QUERY_INVALID} for semantic errors, {@code QUERY_UNSUPPORTED} for
 * valid language the engine cannot run yet.
 */
package dev.loupe.query.analyzer;
