package dev.loupe.cli;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.server.persistence.Database;
import dev.loupe.store.EmbeddedLogStore;
import dev.loupe.store.metrics.EmbeddedMetricStore;
import dev.loupe.store.spi.metrics.MetricStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout of a Loupe data folder, shared by every command that opens one: the log store lives in
 * {@code logs/}, the metric store in {@code metrics/}; users, access keys, sessions and HTTP sources in the
 * database {@code loupe.mv.db} beside them.
 */
final class DataFolders {
    private DataFolders() {}

    /** The log store's folder inside a data folder. */
    static Path logStore(Path dataDirectory) {
        return dataDirectory.resolve("logs");
    }

    /** Opens (creating if needed) the log store of a data folder. */
    static EmbeddedLogStore open(Path dataDirectory) {
        try {
            return EmbeddedLogStore.open(logStore(dataDirectory));
        } catch (LoupeException e) {
            if (e.errorCode() == ErrorCode.STORE_IN_USE) {
                throw new LoupeException(ErrorCode.STORE_IN_USE, "the data folder '" + dataDirectory
                        + "' is in use by a running Loupe server; query or ingest through it with --server URL instead", e);
            }
            throw e;
        }
    }

    /** Opens (creating if needed) the database {@code loupe.mv.db} of a data folder: users, keys, sources. */
    static Database openDatabase(Path dataDirectory) {
        try {
            return Database.open(dataDirectory);
        } catch (LoupeException e) {
            if (e.errorCode() == ErrorCode.STORE_IN_USE) {
                throw new LoupeException(ErrorCode.STORE_IN_USE, "the data folder '" + dataDirectory
                        + "' is in use by a running Loupe server; manage users, keys and sources through its API "
                        + "(/api/v1/users, /api/v1/accessKeys, /api/v1/collectors/sources) instead", e);
            }
            throw e;
        }
    }

    /** The metric store's folder inside a data folder. */
    static Path metricStore(Path dataDirectory) {
        return dataDirectory.resolve("metrics");
    }

    /** Opens (creating if needed) the metric store of a data folder. */
    static MetricStore openMetrics(Path dataDirectory) {
        try {
            return EmbeddedMetricStore.open(metricStore(dataDirectory));
        } catch (LoupeException e) {
            if (e.errorCode() == ErrorCode.STORE_IN_USE) {
                throw new LoupeException(ErrorCode.STORE_IN_USE, "the data folder '" + dataDirectory
                        + "' is in use by a running Loupe server; query or ingest metrics through it with --server URL instead", e);
            }
            throw e;
        }
    }

    /** Opens the metric store of a data folder that must already hold metrics. */
    static MetricStore openExistingMetrics(Path dataDirectory) {
        if (!Files.isDirectory(metricStore(dataDirectory))) {
            throw new LoupeException(ErrorCode.NOT_FOUND, "there are no Loupe metrics in '" + dataDirectory.toAbsolutePath()
                    + "'; post metrics to a server's HTTP Source, ingest Metric Streams files with 'loupe ingest', "
                    + "or pass --data or --server");
        }
        return openMetrics(dataDirectory);
    }

    /** Opens the log store of a data folder that must already hold data. */
    static EmbeddedLogStore openExisting(Path dataDirectory) {
        if (!Files.isDirectory(logStore(dataDirectory))) {
            throw new LoupeException(ErrorCode.NOT_FOUND, "there is no Loupe data in '" + dataDirectory.toAbsolutePath()
                    + "'; start './loupe demo', ingest files with 'loupe ingest --data DIR FILE', or pass --data or --server");
        }
        return open(dataDirectory);
    }
}
