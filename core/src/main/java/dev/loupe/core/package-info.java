/**
 * Loupe's core vocabulary, shared by every module: log messages as they are stored, time ranges,
 * and the categorized error type every layer throws.
 *
 * <p>This module depends on nothing of ours; everything else depends on it.
 */
package dev.loupe.core;
