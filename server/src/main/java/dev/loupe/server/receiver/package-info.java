/**
 * The HTTP Logs and Metrics Source receiver ({@code /receiver/v1/http/{token}}): the registry of sources and
 * their secret tokens, the ingest logic (metadata from {@code X-Sumo-*} headers, decode, durable append) and the
 * controller that maps it onto HTTP the way Sumo's clients expect (200 quickly, retries only on 5xx).
 */
package dev.loupe.server.receiver;
