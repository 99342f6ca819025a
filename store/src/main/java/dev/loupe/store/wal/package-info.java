/**
 * The write-ahead log of the embedded store: the durable record of every acknowledged batch of log messages.
 *
 * <p>{@link dev.loupe.store.wal.WriteAheadLog} appends batches with group commit (one writer thread, one
 * {@code write} plus {@code fsync} for all batches waiting at that moment), assigns message ids, rolls segment
 * files at a size, detects and truncates a torn tail after a crash, and replays records past a checkpoint.
 * {@link dev.loupe.store.wal.MessageCodec} is the byte encoding of messages inside records. Lucene knows nothing
 * of this package; the store glues the two together.
 *
 * <p>On-disk layout: {@code <store>/wal/<first message id, 20 digits>.wal}; each segment starts with a 16-byte
 * header (magic {@code LWAL}, format version, first message id) followed by records
 * {@code [payload length: int][CRC32C: int][first message id: long][payload]}.
 */
package dev.loupe.store.wal;
