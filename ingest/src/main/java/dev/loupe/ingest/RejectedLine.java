package dev.loupe.ingest;

/**
 * A line of a payload that was not ingested, and why.
 *
 * @param lineNumber 1-based line number within the decoded body
 * @param reason what was wrong, for the client
 */
public record RejectedLine(int lineNumber, String reason) {}
