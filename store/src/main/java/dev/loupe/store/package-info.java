/**
 * Loupe's embedded log store: {@link dev.loupe.store.EmbeddedLogStore}, a {@link dev.loupe.store.spi.LogStore}
 * backed by a write-ahead log and one Lucene index per UTC day.
 *
 * <p>On-disk layout under the store directory:
 * <pre>
 * store.lock                 held (OS file lock) while a process has the store open
 * checkpoint                 every message id below the one recorded here is in committed Lucene data
 * wal/00000000000000000001.wal ...   WAL segments, named by their first message id
 * partitions/2026-11-25/     one Lucene index per UTC day of _messagetime
 * </pre>
 *
 * <p>Write path: encode, WAL group commit (fsync), index into the day's partition, acknowledge. A background task
 * commits the partitions every few seconds with the applied message ids as commit user data, then advances the
 * checkpoint and deletes WAL segments it covers. Opening replays WAL records past the checkpoint, skipping per
 * partition what its last commit already holds, so every acknowledged message is indexed exactly once.
 */
package dev.loupe.store;
