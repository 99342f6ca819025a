/**
 * Loupe's HTTP server: wiring ({@link dev.loupe.server.LoupeServer}), configuration, the one exception mapper
 * that turns {@link dev.loupe.core.LoupeException}s into HTTP responses, and the structured access log.
 *
 * <p>Resources live in subpackages, each with a controller that only does HTTP in and out and plain classes
 * holding the logic: {@code receiver} (HTTP Source ingest), {@code auth} (access keys, HTTP Basic) and
 * {@code search} (the Search Job API).
 */
package dev.loupe.server;
