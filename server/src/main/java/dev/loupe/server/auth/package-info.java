/**
 * Authentication of the {@code /api/} endpoints: access keys (an id and a secret key, as in Sumo Logic) kept
 * hashed in the data directory, and HTTP Basic verification with the challenge real clients need.
 */
package dev.loupe.server.auth;
