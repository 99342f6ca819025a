package dev.loupe.cli;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.server.persistence.Database;
import dev.loupe.store.opensearch.OpenSearchLogStore;
import dev.loupe.store.opensearch.OpenSearchMetricStore;
import dev.loupe.store.opensearch.OpenSearchSharedState;
import dev.loupe.store.opensearch.OpenSearchSettings;
import dev.loupe.store.opensearch.TrustedCertificates;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.spi.metrics.MetricStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where {@code serve} keeps its data: the data folder (the default), or an OpenSearch cluster shared by several Loupe
 * servers ({@code --store opensearch --opensearch-url URL[,URL...]}): logs, metrics, and the state the servers share
 * (users, access keys, HTTP sources, field extraction rules, the library), of which each server's database is then a
 * copy ({@link Database#open(Path, dev.loupe.store.spi.state.SharedStateStore)}). Sessions stay per server.
 */
final class StoreOptions implements DataStores {
    /** The kinds of store ({@code --store embedded|opensearch}, any case). */
    enum StoreKind {
        /** The embedded stores in the data folder's {@code logs/} and {@code metrics/}. */
        EMBEDDED,
        /** An OpenSearch cluster ({@link OpenSearchLogStore}, {@link OpenSearchMetricStore}). */
        OPENSEARCH
    }

    @Option(names = "--store", paramLabel = "KIND", defaultValue = "embedded",
            description = "Where logs, metrics and shared state live: embedded (the data folder; default) or opensearch (a cluster several servers share).")
    StoreKind store;

    @Option(names = "--opensearch-url", paramLabel = "URL", split = ",",
            description = "OpenSearch node URLs, comma-separated (http://host:9200 or https://...); with --store opensearch.")
    List<URI> urls = new ArrayList<>();

    @Option(names = "--opensearch-user", paramLabel = "USER", description = "OpenSearch user (HTTP Basic).")
    String user;

    @Option(names = "--opensearch-password", paramLabel = "PASSWORD",
            description = "OpenSearch password (default: $LOUPE_OPENSEARCH_PASSWORD).")
    String password;

    @Option(names = "--opensearch-ca-certificate", paramLabel = "PEM",
            description = "Trust the cluster's TLS certificates signed by the authorities in this PEM file.")
    Path caCertificate;

    @Option(names = "--opensearch-index-prefix", paramLabel = "PREFIX", defaultValue = OpenSearchSettings.DEFAULT_INDEX_PREFIX,
            description = "Prefix of Loupe's indices (default: ${DEFAULT-VALUE}); servers that share data use the same one.")
    String indexPrefix;

    /** Opens the chosen log store (the embedded one inside {@code dataDirectory}, or the cluster's). */
    @Override
    public LogStore openLogStore(Path dataDirectory) {
        return switch (store) {
            case EMBEDDED -> {
                if (!urls.isEmpty()) {
                    throw new LoupeException(ErrorCode.INVALID_INPUT, "--opensearch-url needs --store opensearch");
                }
                yield DataFolders.open(dataDirectory);
            }
            case OPENSEARCH -> OpenSearchLogStore.open(settings());
        };
    }

    /** Opens the chosen metric store (the embedded one inside {@code dataDirectory}, or the cluster's). */
    @Override
    public MetricStore openMetricStore(Path dataDirectory) {
        return switch (store) {
            case EMBEDDED -> DataFolders.openMetrics(dataDirectory);
            case OPENSEARCH -> OpenSearchMetricStore.open(settings());
        };
    }

    /** Opens the data folder's database: for {@code --store opensearch} as a copy of the cluster's shared state. */
    @Override
    public Database openDatabase(Path dataDirectory) {
        return switch (store) {
            case EMBEDDED -> DataFolders.openDatabase(dataDirectory);
            case OPENSEARCH -> Database.open(dataDirectory, OpenSearchSharedState.open(settings()));
        };
    }

    /** The settings of {@code --store opensearch}, checked. */
    OpenSearchSettings settings() {
        if (urls.isEmpty()) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "--store opensearch needs --opensearch-url URL[,URL...]");
        }
        OpenSearchSettings settings;
        try {
            settings = OpenSearchSettings.of(urls).withIndexPrefix(indexPrefix);
        } catch (IllegalArgumentException invalid) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, invalid.getMessage());
        }
        String secret = password != null ? password : System.getenv("LOUPE_OPENSEARCH_PASSWORD");
        if (user != null) {
            if (secret == null) {
                throw new LoupeException(ErrorCode.INVALID_INPUT,
                        "--opensearch-user needs --opensearch-password or $LOUPE_OPENSEARCH_PASSWORD");
            }
            settings = settings.withCredentials(new OpenSearchSettings.Credentials(user, secret));
        }
        if (caCertificate != null) {
            settings = settings.withSslContext(TrustedCertificates.fromPem(caCertificate));
        }
        return settings;
    }
}
