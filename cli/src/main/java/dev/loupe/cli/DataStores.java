package dev.loupe.cli;

import dev.loupe.server.persistence.Database;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.spi.metrics.MetricStore;
import java.nio.file.Path;

/**
 * Opens what a running instance keeps its data in, for a data folder: the log store, the metric store and the
 * database (users, keys, sources, rules, library). {@link #EMBEDDED} keeps everything in the folder; {@link
 * StoreOptions} may put it on an OpenSearch cluster. The caller closes what it opened.
 */
interface DataStores {
    /** Everything in the data folder. */
    DataStores EMBEDDED = new DataStores() {
        @Override
        public LogStore openLogStore(Path dataDirectory) {
            return DataFolders.open(dataDirectory);
        }

        @Override
        public MetricStore openMetricStore(Path dataDirectory) {
            return DataFolders.openMetrics(dataDirectory);
        }

        @Override
        public Database openDatabase(Path dataDirectory) {
            return DataFolders.openDatabase(dataDirectory);
        }
    };

    LogStore openLogStore(Path dataDirectory);

    MetricStore openMetricStore(Path dataDirectory);

    Database openDatabase(Path dataDirectory);
}
