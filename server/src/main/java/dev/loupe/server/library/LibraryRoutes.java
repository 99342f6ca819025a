package dev.loupe.server.library;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.server.extraction.FieldExtractionRuleStore;
import dev.loupe.server.library.apps.AppCatalog;
import dev.loupe.server.library.apps.AppController;
import dev.loupe.server.library.apps.AppInstaller;
import dev.loupe.server.library.dashboards.DashboardController;
import dev.loupe.server.library.dashboards.DashboardService;
import dev.loupe.server.persistence.Database;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.util.function.Function;

/**
 * The library's part of the server, wired by hand: the Content API v2, the Dashboards API v2 and the Apps API,
 * over one {@link ContentLibrary} in the server's database and one set of {@link AsyncJobs}.
 */
public final class LibraryRoutes {
    private final ContentController contentController;
    private final DashboardController dashboardController;
    private final AppController appController;

    /**
     * @param database the server's database (migrated; holds the library tables)
     * @param callers who a request acts for; called only on authenticated routes
     * @param fieldExtractionRules where app installs put their rules
     */
    public LibraryRoutes(Database database, Clock clock, ObjectMapper mapper,
            Function<Context, LibraryCaller> callers, FieldExtractionRuleStore fieldExtractionRules) {
        requireNonNull(callers, "callers is null");
        ContentLibrary library = new ContentLibrary(new ContentRepository(database), clock);
        ContentTransfer transfer = new ContentTransfer(library);
        AsyncJobs jobs = new AsyncJobs(clock);
        AppCatalog catalog = new AppCatalog(mapper);
        this.contentController = new ContentController(library, transfer, jobs, callers, mapper);
        this.dashboardController = new DashboardController(new DashboardService(library, transfer), callers, mapper);
        this.appController = new AppController(catalog, new AppInstaller(catalog, transfer, jobs, fieldExtractionRules), jobs, callers,
                mapper);
    }

    /** Declares the Content, Dashboards and Apps routes. */
    public void routes(JavalinDefaultRoutingApi routes) {
        contentController.routes(routes);
        dashboardController.routes(routes);
        appController.routes(routes);
    }
}
