package dev.loupe.cli;

import dev.loupe.collectors.CollectorConfigFile;
import dev.loupe.app.lookups.LookupOptions;
import dev.loupe.app.lookups.ShippedLookups;
import dev.loupe.collectors.CollectorRunner;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.server.LoupeServer;
import dev.loupe.store.spi.LogStore;
import dev.loupe.server.ServerConfig;
import dev.loupe.server.TlsCertificate;
import dev.loupe.server.auth.SecretHasher;
import dev.loupe.server.auth.User;
import dev.loupe.server.auth.UserDirectory;
import dev.loupe.server.persistence.Database;
import dev.loupe.server.receiver.HttpSource;
import dev.loupe.server.receiver.HttpSourceRegistry;
import dev.loupe.store.spi.metrics.MetricStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A Loupe server with everything it needs, opened on one data folder: the log store (embedded, or an OpenSearch
 * cluster's) and the embedded metric store, the
 * database {@code loupe.mv.db} (users, access keys, sessions, HTTP sources), and the collectors of
 * {@code collectors.json} (polling AWS on their own threads, checkpoints in {@code collectors/}). Used by
 * {@code serve}, {@code demo} and {@code bench}; closing it stops the server, then the collectors (a poll in flight
 * finishes first), and closes the stores and the database (committing everything).
 */
final class RunningInstance implements AutoCloseable {
    private final LogStore store;
    private final MetricStore metricStore;
    private final Database database;
    private final Optional<UserDirectory.FirstAdministrator> firstAdministrator;
    private final LoupeServer server;
    private final CollectorRunner collectors;
    private final ShippedLookups lookups;
    private final String host;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private RunningInstance(LogStore store, MetricStore metricStore, Database database,
            Optional<UserDirectory.FirstAdministrator> firstAdministrator, LoupeServer server, CollectorRunner collectors,
            ShippedLookups lookups, String host) {
        this.store = store;
        this.metricStore = metricStore;
        this.database = database;
        this.firstAdministrator = firstAdministrator;
        this.server = server;
        this.collectors = collectors;
        this.lookups = lookups;
        this.host = host;
    }

    /** Opens the data folder (creating it on first use) and starts the server on {@code host:port}, plain HTTP. */
    static RunningInstance start(String host, int port, Path dataDirectory) throws java.io.IOException {
        return start(host, port, dataDirectory, Options.defaults());
    }

    /**
     * How to open an instance beyond where it listens: where its logs, metrics and database are (the data folder,
     * or partly an OpenSearch cluster), the certificate to serve HTTPS with (null for plain HTTP), and the lookup data beyond
     * what Loupe ships.
     */
    record Options(DataStores stores, TlsCertificate tls, LookupOptions lookupOptions) {
        /** The embedded store, plain HTTP, the shipped lookup data. */
        static Options defaults() {
            return withLookups(LookupOptions.defaults());
        }

        /** The embedded store, plain HTTP, and {@code lookupOptions}. */
        static Options withLookups(LookupOptions lookupOptions) {
            return new Options(DataStores.EMBEDDED, null, lookupOptions);
        }
    }

    /**
     * Opens the data folder (creating it on first use) as {@code options} say, and starts the server on
     * {@code host:port}.
     *
     * @throws LoupeException {@code INVALID_INPUT} when the city database or a threat file cannot be read
     */
    static RunningInstance start(String host, int port, Path dataDirectory, Options options)
            throws java.io.IOException {
        ShippedLookups lookups;
        try {
            lookups = ShippedLookups.open(options.lookupOptions());
        } catch (IllegalArgumentException | java.io.UncheckedIOException unreadable) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, unreadable.getMessage(), unreadable);
        }
        Files.createDirectories(dataDirectory);
        Clock clock = Clock.systemUTC();
        LogStore store;
        try {
            store = options.stores().openLogStore(dataDirectory);
        } catch (RuntimeException failure) {
            lookups.close();
            throw failure;
        }
        MetricStore metricStore = null;
        Database database = null;
        try {
            metricStore = options.stores().openMetricStore(dataDirectory);
            database = options.stores().openDatabase(dataDirectory);
            LoupeServer server = new LoupeServer(ServerConfig.of(host, port, dataDirectory).withTls(options.tls()),
                    store, metricStore, database, new SecretHasher(SecretHasher.DEFAULT_COST), clock, lookups);
            Optional<UserDirectory.FirstAdministrator> firstAdministrator = server.users().createFirstAdministrator();
            server.start();
            CollectorRunner collectors;
            try {
                collectors = CollectorRunner.start(CollectorConfigFile.open(dataDirectory).list(),
                        dataDirectory.resolve("collectors"), server.ingestStore(), metricStore, clock);
            } catch (RuntimeException failure) {
                server.stop();
                throw failure;
            }
            return new RunningInstance(store, metricStore, database, firstAdministrator, server, collectors, lookups,
                    host);
        } catch (RuntimeException e) {
            lookups.close();
            if (database != null) {
                database.close();
            }
            if (metricStore != null) {
                metricStore.close();
            }
            store.close();
            throw e;
        }
    }

    LogStore store() {
        return store;
    }

    /** The store appends go through: {@link #store()} with the field extraction rules in force. */
    LogStore ingestStore() {
        return server.ingestStore();
    }

    /** The server (for its services: field extraction rules, sources, users). */
    LoupeServer server() {
        return server;
    }

    MetricStore metricStore() {
        return metricStore;
    }

    UserDirectory users() {
        return server.users();
    }

    /** The collectors polling AWS. */
    CollectorRunner collectors() {
        return collectors;
    }

    HttpSourceRegistry sources() {
        return server.sources();
    }

    /** The administrator created by this start (a fresh data folder), with its secrets; else empty. */
    Optional<UserDirectory.FirstAdministrator> firstAdministrator() {
        return firstAdministrator;
    }

    /** The oldest administrator. */
    User administrator() {
        return server.users().users().stream().filter(User::isAdministrator).findFirst()
                .orElseThrow(() -> new IllegalStateException("the data folder has no administrator"));
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8080} ({@code https://} with a certificate). */
    String baseUrl() {
        String shownHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return (server.servesHttps() ? "https://" : "http://") + (shownHost.indexOf(':') >= 0 ? "[" + shownHost + "]" : shownHost) + ":" + server.port();
    }

    /** The full URL of an HTTP source's receiver. */
    String receiverUrl(HttpSource source) {
        return baseUrl() + source.receiverPath();
    }

    /** The default HTTP source (created on first start). */
    HttpSource defaultSource() {
        HttpSourceRegistry sources = server.sources();
        return sources.list().stream()
                .filter(source -> source.name().equals(HttpSourceRegistry.DEFAULT_SOURCE_NAME))
                .findFirst()
                .orElseGet(() -> sources.list().getFirst());
    }

    /** Blocks until the process is asked to stop (Ctrl-C, SIGTERM), then closes everything. */
    void awaitShutdown() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("loupe-shutdown").unstarted(() -> {
            close();
            stopped.countDown();
        }));
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            server.stop();
        } finally {
            try {
                collectors.close();
                lookups.close();
            } finally {
                try {
                    metricStore.close();
                } finally {
                    try {
                        store.close();
                    } finally {
                        database.close();
                        stopped.countDown();
                    }
                }
            }
        }
    }
}
