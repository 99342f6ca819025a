/**
 * The server's embedded relational database: users, access keys, sessions, HTTP sources and (for other parts
 * of the server) anything else small, transactional and relational. One H2 file per data folder,
 * {@code <data>/loupe.mv.db}, with versioned schema migrations applied at open. The log and metric stores do
 * not live here: they have their own storage engines.
 */
package dev.loupe.server.persistence;
