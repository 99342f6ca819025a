/**
 * Ingest: turns what clients send into {@link dev.loupe.core.LogMessage}s.
 *
 * <ul>
 *   <li>{@link dev.loupe.ingest.LogPayloadDecoder}: HTTP Source request bodies (gzip/deflate, one message per
 *       line, UTF-8, size limits from {@link dev.loupe.ingest.IngestLimits}).
 *   <li>{@link dev.loupe.ingest.LogFileReader}: files for {@code loupe ingest}: text, NDJSON, CloudTrail
 *       {@code {"Records":[...]}} files and JSON arrays, plain or gzipped, streamed in batches.
 *   <li>{@link dev.loupe.ingest.TimestampExtractor}: {@code _messagetime} from JSON keys or a text prefix.
 *   <li>{@link dev.loupe.ingest.SumoFieldsHeader}: the {@code X-Sumo-Fields} header.
 *   <li>{@link dev.loupe.ingest.CloudTrailEventGenerator}: deterministic synthetic CloudTrail events (demo data,
 *       benchmarks).
 * </ul>
 *
 * <p>Depends only on {@code loupe-core} and Jackson; knows nothing of HTTP or storage. Errors are
 * {@link dev.loupe.core.LoupeException}s with {@code INVALID_ENCODING}, {@code PAYLOAD_TOO_LARGE} or
 * {@code INVALID_INPUT}.
 */
package dev.loupe.ingest;
