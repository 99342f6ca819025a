package dev.loupe.collectors.cloudtrail;

import static java.util.Objects.requireNonNull;

import dev.loupe.collectors.Collector;
import dev.loupe.collectors.CollectorConfig;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.ingest.IngestLimits;
import dev.loupe.ingest.LogFileReader;
import dev.loupe.ingest.SourceMetadata;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.spi.ScanOrder;
import dev.loupe.store.spi.TimeField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads CloudTrail log files ({@code {"Records":[...]}}, usually gzip) from an S3 bucket into a {@link LogStore}:
 * one message per record, {@code _sourceCategory} from the configuration, {@code _sourceName} the object key,
 * {@code _sourceHost} the bucket, {@code _source} the collector name, plus the configured custom fields.
 *
 * <p>Threading: not thread-safe; {@link dev.loupe.collectors.CollectorRunner} calls {@link #poll} from the
 * collector's one thread. The S3 client is thread-safe and closed by {@link #close}.
 *
 * <h2>What is new</h2>
 * Each poll lists the prefix in key order (CloudTrail keys sort by region, then date) and reads every log file
 * ({@code .json.gz} or {@code .json}, not under {@code CloudTrail-Digest/}) the checkpoint has not seen. A file is
 * "seen" when its {@code LastModified} is before the checkpoint's horizon, or its key is in the checkpoint's set
 * of files read since the horizon. After a complete poll the horizon moves to the poll's start minus the settle
 * time (files become listable within seconds of their {@code LastModified}; an hour leaves a wide margin), and
 * the set forgets files older than it: the set holds about one settle time of files. When the prefix is one
 * region's folder ({@code .../CloudTrail/<region>/}), the listing starts at the horizon's previous day, so a long
 * trail is not listed from its beginning at every poll.
 *
 * <h2>Neither lost nor repeated</h2>
 * A file is appended in batches, each durable when {@code append} returns, and only then is the file added to the
 * checkpoint (written atomically). Before its first batch the checkpoint records the file as <em>pending</em>,
 * with the receipt time all its messages get. A crash after some batches but before the checkpoint leaves the
 * file pending; the next poll counts the messages the store holds with that {@code _sourceName} and exactly that
 * {@code _receipttime} (both unique to this reading of this file), reads the file again and appends only the
 * messages after that count. Batches are appended in file order and each is atomic in the store (one WAL record),
 * so the count is always a prefix of the file. This needs no change to the store contract and works for files of
 * any size; the cost is one small scan per crash.
 *
 * <p>A file that is not valid CloudTrail JSON or gzip is logged and skipped (marked read, with what was stored
 * before the error); S3 and store failures fail the poll, and the next poll retries from the checkpoint.
 */
public final class CloudTrailBucketCollector implements Collector {
    private static final Logger LOG = LoggerFactory.getLogger(CloudTrailBucketCollector.class);
    private static final int BATCH_SIZE = 1000;
    private static final Pattern REGION_FOLDER = Pattern.compile("(?:^|.*/)CloudTrail/[a-z0-9-]+/$");
    private static final DateTimeFormatter DATE_FOLDER = DateTimeFormatter.ofPattern("yyyy/MM/dd")
            .withZone(ZoneOffset.UTC);

    private final CollectorConfig.CloudTrailBucket config;
    private final S3Client client;
    private final LogStore store;
    private final Path checkpointFile;
    private final Path downloadFile;
    private final Clock clock;
    private final int batchSize;
    private final LogFileReader reader = new LogFileReader(IngestLimits.defaults().maxMessageBytes());
    private BucketCheckpoint checkpoint;

    /**
     * @param client the S3 client; this collector closes it
     * @param workFolder where the checkpoint ({@code <name>.checkpoint.json}) and the file being read live
     * @param batchSize the most messages per append
     */
    public CloudTrailBucketCollector(CollectorConfig.CloudTrailBucket config, S3Client client, LogStore store,
            Path workFolder, Clock clock, int batchSize) {
        this.config = requireNonNull(config, "config is null");
        this.client = requireNonNull(client, "client is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        this.batchSize = batchSize;
        this.checkpointFile = workFolder.resolve(config.name() + ".checkpoint.json");
        this.downloadFile = workFolder.resolve(config.name() + ".download");
        try {
            Files.createDirectories(workFolder);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot create " + workFolder, failure);
        }
        this.checkpoint = BucketCheckpoint.read(checkpointFile);
    }

    /** A collector with its own S3 client, keeping its files in {@code workFolder}. */
    public static CloudTrailBucketCollector open(CollectorConfig.CloudTrailBucket config, LogStore store,
            Path workFolder, Clock clock) {
        return new CloudTrailBucketCollector(config, config.connection().s3Client(), store, workFolder, clock,
                BATCH_SIZE);
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public long poll() {
        long stored = 0;
        BucketCheckpoint.Pending pending = checkpoint.pending();
        if (pending != null) {
            stored += recover(pending);
        }
        long pollStart = clock.millis();
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(config.bucket())
                .prefix(config.prefix());
        String startAfter = startAfter();
        if (!startAfter.isEmpty()) {
            request.startAfter(startAfter);
        }
        for (S3Object object : client.listObjectsV2Paginator(request.build()).contents()) {
            long lastModified = object.lastModified().toEpochMilli();
            if (isLogFile(object.key()) && !checkpoint.hasRead(object.key(), lastModified)) {
                stored += read(object.key(), lastModified, clock.millis(), 0);
            }
        }
        save(checkpoint.withHorizon(pollStart - config.settleTime().toMillis()));
        return stored;
    }

    /** Where the listing may start: the day before the horizon's, when the prefix is one region's folder. */
    private String startAfter() {
        if (checkpoint.horizonMillis() <= 0 || !REGION_FOLDER.matcher(config.prefix()).matches()) {
            return "";
        }
        return config.prefix() + DATE_FOLDER.format(Instant.ofEpochMilli(checkpoint.horizonMillis()).minusSeconds(86_400));
    }

    static boolean isLogFile(String key) {
        return (key.endsWith(".json.gz") || key.endsWith(".json")) && !key.contains("/CloudTrail-Digest/");
    }

    /** Finishes a file whose append a crash (or failure) interrupted, appending only what the store lacks. */
    private long recover(BucketCheckpoint.Pending pending) {
        long present = countStored(pending);
        LOG.info("collector {}: resuming {} (the store holds {} of its messages)", config.name(), pending.key(),
                present);
        try {
            return read(pending.key(), pending.lastModifiedMillis(), pending.receiptTimeMillis(), present);
        } catch (NoSuchKeyException gone) {
            LOG.warn("collector {}: {} was deleted from the bucket before it was fully read; {} of its messages "
                    + "are stored", config.name(), pending.key(), present, gone);
            save(checkpoint.withRead(pending.key(), pending.lastModifiedMillis()));
            return 0;
        }
    }

    private long countStored(BucketCheckpoint.Pending pending) {
        KeywordExpression mine = new KeywordExpression.And(List.of(
                new KeywordExpression.FieldMatch("_sourceName", pending.key()),
                new KeywordExpression.FieldMatch("_source", config.name())));
        LogScan scan = new LogScan(new TimeRange(pending.receiptTimeMillis(), pending.receiptTimeMillis() + 1),
                TimeField.RECEIPT_TIME, mine, ScanOrder.UNORDERED);
        long count = 0;
        try (LogCursor cursor = store.scan(scan)) {
            while (cursor.next()) {
                LogMessage message = cursor.current().message();
                if (message.sourceName().equals(pending.key())) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * Downloads and appends one file, skipping its first {@code alreadyStored} messages; marks it read.
     *
     * @return the messages appended
     */
    private long read(String key, long lastModified, long receiptTime, long alreadyStored) {
        try {
            Files.deleteIfExists(downloadFile);
            client.getObject(request -> request.bucket(config.bucket()).key(key), ResponseTransformer.toFile(downloadFile));
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot prepare " + downloadFile, failure);
        }
        save(checkpoint.withPending(new BucketCheckpoint.Pending(key, lastModified, receiptTime)));
        SourceMetadata metadata = new SourceMetadata(config.category(), key, config.bucket(), config.name(), "",
                config.fields());
        long[] seen = {0};
        long[] appended = {0};
        try {
            LogFileReader.Summary summary = reader.read(downloadFile, metadata, receiptTime, batchSize, batch -> {
                long skip = Math.max(0, Math.min(batch.size(), alreadyStored - seen[0]));
                seen[0] += batch.size();
                if (skip < batch.size()) {
                    List<LogMessage> rest = batch.subList((int) skip, batch.size());
                    store.append(rest);
                    appended[0] += rest.size();
                }
            });
            if (summary.rejectedCount() > 0) {
                LOG.warn("collector {}: {} records of {} were not stored, first: {}", config.name(),
                        summary.rejectedCount(), key, summary.rejected().getFirst());
            }
        } catch (LoupeException invalid) {
            if (invalid.errorCode() != ErrorCode.INVALID_INPUT && invalid.errorCode() != ErrorCode.INVALID_ENCODING) {
                throw invalid;
            }
            LOG.warn("collector {}: skipping s3://{}/{} after {} messages: {}", config.name(), config.bucket(), key,
                    seen[0], invalid.getMessage(), invalid);
        }
        save(checkpoint.withRead(key, lastModified));
        try {
            Files.deleteIfExists(downloadFile);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot delete " + downloadFile, failure);
        }
        return appended[0];
    }

    private void save(BucketCheckpoint updated) {
        updated.write(checkpointFile);
        checkpoint = updated;
    }

    @Override
    public void close() {
        client.close();
    }
}
