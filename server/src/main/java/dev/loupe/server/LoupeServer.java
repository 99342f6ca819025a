package dev.loupe.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.ingest.LogPayloadDecoder;
import dev.loupe.ingest.metrics.MetricPayloadDecoder;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.query.metrics.MetricsQueryEngine;
import dev.loupe.server.auth.AccessKeyStore;
import dev.loupe.server.auth.BasicAuthenticator;
import dev.loupe.server.auth.Principal;
import dev.loupe.server.library.LibraryRoutes;
import dev.loupe.server.library.LibraryCaller;
import dev.loupe.server.metrics.MetricsQueryController;
import dev.loupe.server.receiver.FirehoseController;
import dev.loupe.server.receiver.FirehoseReceiver;
import dev.loupe.server.receiver.HttpSourceRegistry;
import dev.loupe.server.receiver.LogReceiver;
import dev.loupe.server.receiver.MetricReceiver;
import dev.loupe.server.receiver.ReceiverController;
import dev.loupe.server.search.SearchJobController;
import dev.loupe.server.persistence.Database;
import dev.loupe.server.search.SearchJobService;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.spi.metrics.MetricStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Loupe HTTP server, wired by hand from its collaborators: Javalin 7 on Jetty 12 with virtual threads.
 *
 * <pre>{@code
 * Clock clock = Clock.systemUTC();
 * AccessKeyStore keys = AccessKeyStore.open(dataDirectory, clock);
 * HttpSourceRegistry sources = HttpSourceRegistry.open(dataDirectory, clock); // creates the default source
 * LoupeServer server = new LoupeServer(ServerConfig.of("0.0.0.0", 8080, dataDirectory), store, metricStore, keys,
 *         sources, clock);
 * server.start();
 * }</pre>
 *
 * <p>Routes: {@code GET /api/health} (no auth); the HTTP Source receiver under {@code /receiver/v1/http} (logs,
 * or metrics by {@code Content-Type}); the Kinesis Data Firehose endpoint for CloudWatch Metric Streams under
 * {@code /receiver/v1/firehose}; the Search Job API under {@code /api/v1/search/jobs}; the Metrics Query API
 * {@code POST /api/v1/metricsQueries}. Everything under {@code /api/} except health needs HTTP Basic with an
 * access id and key. The server does not own the stores, key store or source registry: closing them is the
 * caller's job, after {@link #stop()}.
 */
public final class LoupeServer {
    private static final String ACCESS_ID_ATTRIBUTE = "loupe.accessId";

    private final ServerConfig config;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ErrorResponder errorResponder;
    private final BasicAuthenticator authenticator;
    private final ReceiverController receiverController;
    private final FirehoseController firehoseController;
    private final MetricsQueryController metricsQueryController;
    private final SearchJobService searchJobs;
    private final SearchJobController searchJobController;
    private final LibraryRoutes libraryRoutes;
    private final String homePage = readHomePage();
    private Javalin app;
    private ScheduledExecutorService cleanup;

    public LoupeServer(ServerConfig config, LogStore store, MetricStore metricStore, AccessKeyStore keys,
            HttpSourceRegistry sources, Database database, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        requireNonNull(store, "store is null");
        requireNonNull(metricStore, "metricStore is null");
        requireNonNull(sources, "sources is null");
        this.errorResponder = new ErrorResponder(clock);
        this.authenticator = new BasicAuthenticator(requireNonNull(keys, "keys is null"));
        LogReceiver receiver = new LogReceiver(sources, new LogPayloadDecoder(config.ingestLimits()), store, clock,
                config.maxRequestBodyBytes());
        MetricReceiver metricReceiver = new MetricReceiver(sources, new MetricPayloadDecoder(config.ingestLimits()),
                metricStore, clock, config.maxRequestBodyBytes());
        this.receiverController = new ReceiverController(receiver, metricReceiver);
        this.firehoseController = new FirehoseController(new FirehoseReceiver(sources, metricStore, clock,
                config.ingestLimits(), config.maxRequestBodyBytes()), clock);
        this.metricsQueryController = new MetricsQueryController(new MetricsQueryEngine(metricStore), mapper, clock);
        this.searchJobs = new SearchJobService(new LogQueryEngine(store), clock, config.searchJobIdleTimeout());
        this.searchJobController = new SearchJobController(searchJobs, mapper);
        this.libraryRoutes = new LibraryRoutes(requireNonNull(database, "database is null"), clock, mapper,
                LoupeServer::libraryCaller);
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
            routes(javalinConfig.routes);
        });
        app.start();
        cleanup = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("search-job-expiry").daemon()
                .factory());
        cleanup.scheduleWithFixedDelay(searchJobs::expireIdleJobs, 1, 1, TimeUnit.MINUTES);
    }

    /** The route table, shared by production and tests: every route and filter of the server is declared here. */
    void routes(JavalinDefaultRoutingApi routes) {
        routes.exception(Exception.class, errorResponder::handle);
        routes.get("/", this::home);
        routes.get("/api/health", LoupeServer::health);
        searchJobController.routes(routes);
        metricsQueryController.routes(routes);
        libraryRoutes.routes(routes);
        routes.before("/api/*", this::authenticate);
        receiverController.routes(routes);
        firehoseController.routes(routes);
    }

    private void authenticate(Context context) {
        if (context.path().equals("/api/health")) {
            return;
        }
        context.attribute(ACCESS_ID_ATTRIBUTE, authenticator.authenticate(context.header("Authorization")));
    }

    /**
     * Who a library request acts for: the request's {@link Principal} when authentication set one, else the
     * access id's own (non-administrator) identity; {@code isAdminMode: true} asks for admin mode.
     */
    private static LibraryCaller libraryCaller(Context context) {
        boolean adminMode = "true".equalsIgnoreCase(context.header("isAdminMode"));
        Principal principal = context.attribute(Principal.ATTRIBUTE);
        if (principal != null) {
            return new LibraryCaller(principal.userId(), principal.user().name(), principal.isAdministrator(),
                    Set.of(principal.user().role().name()), adminMode);
        }
        String accessId = context.attribute(ACCESS_ID_ATTRIBUTE);
        if (accessId == null) {
            throw new IllegalStateException("a library route ran without authentication");
        }
        return new LibraryCaller(accessId, accessId, false, Set.of(), adminMode);
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
