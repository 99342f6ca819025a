/**
 * Users, roles and authentication of the {@code /api/} endpoints: users and their access keys (an id and a
 * secret key, as in Sumo Logic) kept bcrypt-hashed in the database, UI sign-in sessions, HTTP Basic and cookie
 * verification with the challenge real clients need, and the {@link dev.loupe.server.auth.Principal} handlers
 * read from the request.
 */
package dev.loupe.server.auth;
