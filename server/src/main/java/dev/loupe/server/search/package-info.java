/**
 * The Search Job API ({@code /api/v1/search/jobs}), wire-compatible with Sumo Logic's: lenient parsing of create
 * requests, jobs that run the query on a virtual thread, status documents whose histogram buckets and pending
 * errors are delivered once, paged messages and records with every value a string, and idle expiry.
 */
package dev.loupe.server.search;
