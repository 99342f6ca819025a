/**
 * The numerical core shared by the log and metrics {@code predict} operators: solving the normal equations of a
 * least-squares fit. Stateless, no dependencies.
 */
package dev.loupe.query.forecast;
