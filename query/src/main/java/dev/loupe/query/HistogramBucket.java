package dev.loupe.query;

/**
 * How many messages matched in one time bucket.
 *
 * @param startMillis bucket start, epoch ms
 * @param lengthMillis bucket length in ms
 * @param count messages in the bucket
 */
public record HistogramBucket(long startMillis, long lengthMillis, long count) {}
