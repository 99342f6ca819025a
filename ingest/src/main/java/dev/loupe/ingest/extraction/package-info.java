/**
 * Field extraction rules at ingest: a rule is a scope (keywords and field terms, as a query's scope) and a parse
 * expression in the query language; messages in scope get the parsed values as custom fields before they are
 * stored, so scope terms such as {@code apiname=orders-api} and {@code count by apiname} work without parsing.
 *
 * <p>{@link dev.loupe.ingest.extraction.FieldExtractor} holds the compiled rules (compiled once with the query
 * parser and analyzer, run per message by {@link dev.loupe.query.execution.MessagePipeline});
 * {@link dev.loupe.ingest.extraction.ExtractingLogStore} applies them to every append, so the HTTP receivers,
 * file ingest, collectors and the simulator share one path.
 */
package dev.loupe.ingest.extraction;
