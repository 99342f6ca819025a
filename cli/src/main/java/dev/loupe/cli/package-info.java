/**
 * The {@code loupe} command line (picocli): {@code serve}, {@code demo}, {@code ingest}, {@code query},
 * {@code check}, {@code version} and {@code bench}. Commands only parse arguments and print; the work is done by
 * the server, query, store and ingest modules.
 */
package dev.loupe.cli;
