package dev.loupe.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.app.lookups.ShippedLookups;
import dev.loupe.ingest.LogPayloadDecoder;
import dev.loupe.ingest.extraction.ExtractingLogStore;
import dev.loupe.ingest.metrics.MetricPayloadDecoder;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.query.metrics.MetricsQueryEngine;
import dev.loupe.server.auth.Authenticator;
import dev.loupe.server.auth.Principal;
import dev.loupe.server.auth.SecretHasher;
import dev.loupe.server.auth.SessionController;
import dev.loupe.server.auth.SessionStore;
import dev.loupe.server.auth.UserController;
import dev.loupe.server.auth.UserDirectory;
import dev.loupe.server.extraction.ExtractionRuleController;
import dev.loupe.server.extraction.FieldExtractionRuleStore;
import dev.loupe.server.library.LibraryCaller;
import dev.loupe.server.library.LibraryRoutes;
import dev.loupe.server.lookups.LookupController;
import dev.loupe.server.metrics.MetricCatalog;
import dev.loupe.server.metrics.MetricsQueryController;
import dev.loupe.server.persistence.Database;
import dev.loupe.server.receiver.AppendGate;
import dev.loupe.server.receiver.FirehoseController;
import dev.loupe.server.receiver.FirehoseReceiver;
import dev.loupe.server.receiver.HttpSourceRegistry;
import dev.loupe.server.receiver.LogReceiver;
import dev.loupe.server.receiver.MetricReceiver;
import dev.loupe.server.receiver.OtlpController;
import dev.loupe.server.receiver.OtlpReceiver;
import dev.loupe.server.receiver.ReceiverController;
import dev.loupe.server.receiver.SourceController;
import dev.loupe.server.search.SearchJobController;
import dev.loupe.server.search.SearchJobService;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.spi.metrics.MetricStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.router.ParsedEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The Loupe HTTP server, wired by hand from its collaborators: Javalin 7 on Jetty 12 with virtual threads.
 *
 * <pre>{@code
 * Clock clock = Clock.systemUTC();
 * Database database = Database.open(dataDirectory);            // <data>/loupe.mv.db
 * LoupeServer server = new LoupeServer(ServerConfig.of("0.0.0.0", 8080, dataDirectory), store, metricStore,
 *         database, clock);                                     // imports legacy JSON, creates the default source
 * server.users().createFirstAdministrator();                   // print what it returns, once
 * server.start();
 * }</pre>
 *
 * <p>Routes: {@code GET /api/health} (no auth); the HTTP Source receiver under {@code /receiver/v1/http} (logs,
 * or metrics by {@code Content-Type}); the Kinesis Data Firehose endpoint for CloudWatch Metric Streams under
 * {@code /receiver/v1/firehose}; the OTLP/HTTP source under {@code /receiver/v1/otlp/{token}/v1/{logs,metrics}};
 * the Search Job API under {@code /api/v1/search/jobs}; the Metrics Query API
 * {@code POST /api/v1/metricsQueries}; users and access keys ({@link UserController}); UI sign-in
 * ({@link SessionController}); HTTP sources ({@link SourceController}); field extraction rules
 * ({@link ExtractionRuleController}).
 *
 * <p>Everything under {@code /api/} except {@code GET /api/health} and the sign-in {@code POST /api/v1/session}
 * needs credentials (HTTP Basic with an access id and key, or a session cookie; see {@link Authenticator}); the
 * request's {@link Principal} is then on the Javalin context ({@link Principal#of}). The receivers need their
 * source's token instead. The server does not own the stores or the database: closing them is the caller's job,
 * after {@link #stop()}.
 *
 * <p>The web UI is static files under {@value #UI_PATH} (plain ES modules, no build step) plus WebJars under
 * {@code /webjars/}; they need no credentials, the API calls they make do. {@code GET /} redirects there and
 * {@code GET /endpoints} lists the API endpoints.
 */
public final class LoupeServer {
    /** Where the web UI is served. */
    public static final String UI_PATH = "/ui";
    private static final String UI_RESOURCES = "/dev/loupe/server/ui";
    private final ServerConfig config;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final FieldExtractionRuleStore fieldExtractionRules;
    private final ExtractingLogStore ingestStore;
    private final ErrorResponder errorResponder;
    private final Authenticator authenticator;
    private final UserDirectory users;
    private final SessionStore sessions;
    private final HttpSourceRegistry sources;
    private final UserController userController;
    private final SessionController sessionController;
    private final SourceController sourceController;
    private final ExtractionRuleController extractionRuleController;
    private final LookupController lookupController;
    private final ReceiverController receiverController;
    private final FirehoseController firehoseController;
    private final OtlpController otlpController;
    private final MetricsQueryController metricsQueryController;
    private final SearchJobService searchJobs;
    private final SearchJobController searchJobController;
    private final LibraryRoutes libraryRoutes;
    private final String homePage = readHomePage();
    private Javalin app;
    private ScheduledExecutorService cleanup;

    /**
     * A server whose users, keys, sessions and sources live in {@code database}, hashing at the default cost, and
     * whose queries use the shipped lookup data ({@link ShippedLookups#shipped()}).
     */
    public LoupeServer(ServerConfig config, LogStore store, MetricStore metricStore, Database database, Clock clock) {
        this(config, store, metricStore, database, new SecretHasher(SecretHasher.DEFAULT_COST), clock,
                ShippedLookups.shipped());
    }

    /** As {@link #LoupeServer(ServerConfig, LogStore, MetricStore, Database, SecretHasher, Clock, ShippedLookups)} with the shipped lookup data. */
    public LoupeServer(ServerConfig config, LogStore store, MetricStore metricStore, Database database,
            SecretHasher hasher, Clock clock) {
        this(config, store, metricStore, database, hasher, clock, ShippedLookups.shipped());
    }

    /**
     * A server whose users, keys, sessions and sources live in {@code database}; legacy {@code access-keys.json}
     * and {@code http-sources.json} in the data folder are imported into it, and the default source is created
     * when there is none. Queries resolve {@code lookup}, {@code geoip}, {@code threatip} and {@code threatlookup}
     * tables in {@code lookups} (the shipped data and what the operator configured; {@code GET /api/v1/lookups}
     * describes them). The caller closes {@code lookups} after {@link #stop()}.
     *
     * @param hasher how passwords and keys are hashed (tests use a low bcrypt cost)
     */
    public LoupeServer(ServerConfig config, LogStore store, MetricStore metricStore, Database database,
            SecretHasher hasher, Clock clock, ShippedLookups lookups) {
        requireNonNull(lookups, "lookups is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        requireNonNull(store, "store is null");
        requireNonNull(metricStore, "metricStore is null");
        requireNonNull(database, "database is null");
        this.fieldExtractionRules = new FieldExtractionRuleStore(database, clock);
        this.ingestStore = new ExtractingLogStore(store, fieldExtractionRules.extractor());
        this.errorResponder = new ErrorResponder(clock);
        this.users = UserDirectory.open(database, config.dataDirectory(), clock, requireNonNull(hasher, "hasher is null"));
        this.sessions = new SessionStore(database, clock);
        this.sources = HttpSourceRegistry.open(database, config.dataDirectory(), clock);
        this.authenticator = new Authenticator(users, sessions);
        this.userController = new UserController(users, mapper);
        this.sessionController = new SessionController(users, sessions, mapper);
        this.sourceController = new SourceController(sources, mapper);
        this.extractionRuleController = new ExtractionRuleController(fieldExtractionRules, mapper);
        this.lookupController = new LookupController(lookups);
        AppendGate logAppends = new AppendGate(config.maxConcurrentAppends());
        AppendGate metricAppends = new AppendGate(config.maxConcurrentAppends());
        LogReceiver receiver = new LogReceiver(sources, new LogPayloadDecoder(config.ingestLimits()), ingestStore, clock,
                config.maxRequestBodyBytes(), logAppends);
        MetricReceiver metricReceiver = new MetricReceiver(sources, new MetricPayloadDecoder(config.ingestLimits()),
                metricStore, clock, config.maxRequestBodyBytes(), metricAppends);
        this.receiverController = new ReceiverController(receiver, metricReceiver);
        this.firehoseController = new FirehoseController(new FirehoseReceiver(sources, metricStore, clock,
                config.ingestLimits(), config.maxRequestBodyBytes(), metricAppends), clock);
        this.otlpController = new OtlpController(new OtlpReceiver(sources, ingestStore, metricStore, clock,
                config.ingestLimits(), config.maxRequestBodyBytes(), logAppends, metricAppends));
        this.metricsQueryController = new MetricsQueryController(new MetricsQueryEngine(metricStore),
                new MetricCatalog(metricStore), mapper, clock);
        this.searchJobs = new SearchJobService(new LogQueryEngine(store, lookups.catalog()), clock, config.searchJobIdleTimeout());
        this.searchJobController = new SearchJobController(searchJobs, mapper);
        this.libraryRoutes = new LibraryRoutes(database, clock, mapper, LoupeServer::libraryCaller, fieldExtractionRules);
    }

    /**
     * The log store every ingest path appends through: the server's store with the field extraction rules in
     * force applied to each batch (collectors, file ingest and the simulator use it too).
     */
    public LogStore ingestStore() {
        return ingestStore;
    }

    /** The stored field extraction rules. */
    public FieldExtractionRuleStore fieldExtractionRules() {
        return fieldExtractionRules;
    }

    /** Binds and starts serving; returns when the port is open. Call once. */
    public synchronized void start() {
        if (app != null) {
            throw new IllegalStateException("already started");
        }
        app = Javalin.create(javalinConfig -> {
            javalinConfig.jetty.host = config.host();
            javalinConfig.jetty.port = config.port();
            javalinConfig.concurrency.useVirtualThreads = true;
            javalinConfig.startup.showJavalinBanner = false;
            javalinConfig.jsonMapper(new JavalinJackson(mapper, true));
            javalinConfig.jetty.modifyServer(jetty -> jetty.setRequestLog(new AccessLog()));
            javalinConfig.staticFiles.add(files -> {
                files.hostedPath = UI_PATH;
                files.directory = UI_RESOURCES;
                files.location = Location.CLASSPATH;
            });
            javalinConfig.staticFiles.enableWebjars();
            if (config.tls() != null) {
                KeyStore keyStore = config.tls().keyStore();
                javalinConfig.jetty.addConnector((jetty, http) -> httpsConnector(jetty, http, keyStore));
            }
            routes(javalinConfig.routes);
        });
        app.start();
        cleanup = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("search-job-expiry").daemon()
                .factory());
        cleanup.scheduleWithFixedDelay(searchJobs::expireIdleJobs, 1, 1, TimeUnit.MINUTES);
    }

    /*
     * The only connector when a certificate is configured (Javalin adds its plain one only when none was added):
     * TLS 1.2+ with the JDK's default cipher suites, HTTP/1.1 inside. Request logs and errors are unchanged.
     */
    private ServerConnector httpsConnector(Server jetty, HttpConfiguration http, KeyStore keyStore) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(keyStore);
        tls.setKeyStorePassword(TlsCertificate.IN_MEMORY_PASSWORD);
        tls.setKeyManagerPassword(TlsCertificate.IN_MEMORY_PASSWORD);
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(jetty, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(config.host());
        connector.setPort(config.port());
        return connector;
    }

    /** The route table, shared by production and tests: every route and filter of the server is declared here. */
    void routes(JavalinDefaultRoutingApi routes) {
        routes.exception(Exception.class, errorResponder::handle);
        routes.get("/", LoupeServer::openUserInterface);
        routes.get("/endpoints", this::home);
        routes.get("/api/health", LoupeServer::health);
        searchJobController.routes(routes);
        metricsQueryController.routes(routes);
        userController.routes(routes);
        sessionController.routes(routes);
        sourceController.routes(routes);
        extractionRuleController.routes(routes);
        lookupController.routes(routes);
        libraryRoutes.routes(routes);
        routes.before("/api/*", this::authenticate);
        receiverController.routes(routes);
        firehoseController.routes(routes);
        otlpController.routes(routes);
    }

    private void authenticate(Context context) {
        if (isPublic(context.method().name(), context.path())) {
            return;
        }
        Principal principal = authenticator.authenticate(new Authenticator.Credentials(context.method().name(),
                context.header("Authorization"), context.cookie(Authenticator.SESSION_COOKIE),
                context.header(Authenticator.CSRF_HEADER)));
        context.attribute(Principal.ATTRIBUTE, principal);
    }

    /**
     * Who a library request acts for: the request's {@link Principal}, its role as its one role id, and admin mode
     * when the header {@code isAdminMode: true} is sent.
     */
    private static LibraryCaller libraryCaller(Context context) {
        Principal principal = Principal.of(context);
        return new LibraryCaller(principal.userId(), principal.user().name(), principal.isAdministrator(),
                Set.of(principal.user().role().name()), "true".equalsIgnoreCase(context.header("isAdminMode")));
    }

    /** The {@code /api/} requests that need no credentials: health, and signing in. */
    static boolean isPublic(String method, String path) {
        return path.equals("/api/health") || (method.equals("POST") && path.equals(SessionController.PATH));
    }

    /** Every HTTP endpoint as {@code METHOD path}, from the running route table (for tests and diagnostics). */
    public synchronized List<String> endpoints() {
        if (app == null) {
            throw new IllegalStateException("not started");
        }
        List<String> endpoints = new ArrayList<>();
        for (ParsedEndpoint parsed : app.unsafe.internalRouter.allHttpHandlers()) {
            endpoints.add(parsed.endpoint.method.name() + " " + parsed.endpoint.path);
        }
        return List.copyOf(endpoints);
    }

    /** Whether the server speaks HTTPS (a certificate is configured) rather than plain HTTP. */
    public boolean servesHttps() {
        return config.tls() != null;
    }

    /** The users and access keys. */
    public UserDirectory users() {
        return users;
    }

    /** The UI sessions. */
    public SessionStore sessions() {
        return sessions;
    }

    /** The HTTP sources. */
    public HttpSourceRegistry sources() {
        return sources;
    }

    private static String readHomePage() {
        try (InputStream page = LoupeServer.class.getResourceAsStream("home.html")) {
            if (page == null) {
                throw new IllegalStateException("home.html is missing from the server's resources");
            }
            return new String(page.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read home.html from the server's resources", e);
        }
    }

    /** A browser asking for the server's root is sent to the web UI. */
    private static void openUserInterface(Context context) {
        context.redirect(UI_PATH + "/");
    }

    private void home(Context context) {
        context.contentType("text/html; charset=utf-8").result(homePage);
    }

    private static void health(Context context) {
        context.json(Map.of("status", "ok"));
    }

    /** The bound port (the ephemeral one when configured with 0). */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("not started");
        }
        return app.port();
    }

    /** Stops serving, cancels running search jobs. Idempotent. */
    public synchronized void stop() {
        if (cleanup != null) {
            cleanup.shutdownNow();
            cleanup = null;
        }
        searchJobs.close();
        if (app != null) {
            app.stop();
        }
    }

    /** The clock the server uses for receipt times and job expiry. */
    public Clock clock() {
        return clock;
    }
}
