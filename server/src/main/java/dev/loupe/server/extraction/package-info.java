/**
 * Field extraction rules stored in the database and put in force for every log append of the server (through
 * {@link dev.loupe.ingest.extraction.ExtractingLogStore}).
 */
package dev.loupe.server.extraction;
