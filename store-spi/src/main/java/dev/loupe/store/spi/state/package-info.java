/**
 * The state several Loupe servers share besides logs and metrics ({@link dev.loupe.store.spi.state.SharedStateStore}):
 * one versioned document, replaced whole with optimistic concurrency.
 */
package dev.loupe.store.spi.state;
