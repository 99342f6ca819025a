/**
 * The Search Job API ({@code /api/v1/search/jobs}), wire-compatible with Sumo Logic's: lenient parsing of create
 * requests (including {@code autoParsingMode} and {@code requiresRawMessages}), jobs that run the query on a
 * virtual thread, status documents whose histogram increments and pending errors are delivered once, messages
 * pageable while the job gathers and, for aggregate queries, the messages that matched; paged records, every value
 * a string; per-access-key rate limits and idle expiry.
 */
package dev.loupe.server.search;
