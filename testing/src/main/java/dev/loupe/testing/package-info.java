/**
 * Reference implementations and fakes for tests: the in-memory log store that defines, by brute force, what
 * every real store must return. Test scope only; never on a runtime classpath.
 */
package dev.loupe.testing;
