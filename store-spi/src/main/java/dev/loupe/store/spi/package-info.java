/**
 * The contract between the query engine and storage: what a query asks of a log store (a time range, a keyword
 * expression with Sumo Logic's matching rules, an order) and what it gets back (stored messages through a cursor).
 *
 * <p>The query module depends on this package only, never on an implementation. {@link
 * dev.loupe.store.spi.KeywordMatcher} is the reference definition of keyword semantics: every implementation
 * must return exactly the messages it accepts.
 */
package dev.loupe.store.spi;
