/**
 * The metrics query engine (spec §4): {@link dev.loupe.query.metrics.MetricsQueryEngine} parses metrics queries
 * (selectors, {@code [rollup over d]}, {@code |}-separated operators, {@code #A}/{@code #B} row expressions with
 * {@code along}), reads series from a {@link dev.loupe.store.spi.metrics.MetricStore}, quantizes them per series
 * and runs the operators on whole series held as primitive arrays.
 *
 * <p>Only the facade types are public: the engine, rows, context, results and the series. The lexer, parser, AST
 * and operators are package-private. {@code docs/metrics-query-language.md} documents the language as built.
 */
package dev.loupe.query.metrics;
