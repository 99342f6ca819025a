/**
 * CloudTrail log files from S3 into the log store.
 *
 * <p>{@link dev.loupe.collectors.cloudtrail.CloudTrailBucketCollector} lists the bucket under its prefix, reads
 * each new {@code .json.gz} file with the ingest module's {@code LogFileReader} (one message per record) and appends
 * it to the {@code LogStore}. {@code BucketCheckpoint} remembers what has been read; the design note in the
 * collector's class documentation explains why a restart neither loses nor repeats a file.
 */
package dev.loupe.collectors.cloudtrail;
