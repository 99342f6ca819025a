/**
 * The log query engine's public face: {@link dev.loupe.query.LogQueryEngine} (check and execute a query) and the
 * value types of its contract ({@link dev.loupe.query.QueryContext}, {@link dev.loupe.query.QueryResult},
 * {@link dev.loupe.query.ResultField}, {@link dev.loupe.query.FieldType}, {@link dev.loupe.query.HistogramBucket}).
 *
 * <p>Inside: {@code parser} (text to AST), {@code ast}, {@code analyzer} (AST to plan), {@code plan}, and
 * {@code execution} (plan to result over a {@link dev.loupe.store.spi.LogStore}).
 */
package dev.loupe.query;
