/**
 * The Lucene side of the embedded store: one index per UTC day of {@code _messagetime} (a {@link
 * dev.loupe.store.lucene.Partition}), the mapping of log messages to Lucene documents, Sumo Logic's keyword
 * tokenisation as a Lucene analyzer, the translation of {@link dev.loupe.store.spi.KeywordExpression}s to Lucene
 * queries, and the cursors that scan partitions ({@link dev.loupe.store.lucene.PartitionScanner}).
 *
 * <p>Exactness: the translated Lucene query is never narrower than {@link dev.loupe.store.spi.KeywordMatcher}'s
 * meaning. Where it may be wider (wildcards inside phrases, {@code ?} wildcards, documents flagged at indexing time
 * because a term was too long for Lucene or custom field names collide case-insensitively), every candidate is
 * checked with {@code KeywordMatcher}, so scans return exactly what the reference matcher accepts.
 *
 * <p>Each partition's commit user data records which message ids it holds ({@link
 * dev.loupe.store.lucene.AppliedMessages}), which is what makes WAL replay exactly-once.
 */
package dev.loupe.store.lucene;
