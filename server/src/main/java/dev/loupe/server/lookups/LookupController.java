package dev.loupe.server.lookups;

import static java.util.Objects.requireNonNull;

import dev.loupe.app.lookups.LookupAttribution;
import dev.loupe.app.lookups.ShippedLookups;
import dev.loupe.app.lookups.ThreatFeedRefresher;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;

/**
 * {@code GET /api/v1/lookups} (anyone signed in): what the lookup tables answer from, for the UI to show next to
 * lookup results, in particular the attribution an operator-configured DB-IP Lite city database requires.
 *
 * <pre>
 * {"geoLocation":{"precision":"city","cityDatabase":"dbip-city-lite"},
 *  "threatIntel":{"indicators":120430,"feed":{"url":"https://...","intervalSeconds":86400,"lastCount":1234,"lastFailure":null}},
 *  "attributions":[{"lookup":"geo://location","text":"IP Geolocation by DB-IP","url":"https://db-ip.com","licence":"CC BY 4.0"},...]}
 * </pre>
 *
 * {@code precision} is {@code country} and {@code cityDatabase} null without a city database; {@code feed} is null
 * without a threat feed, its {@code lastCount} -1 before the first refresh succeeded.
 */
public final class LookupController {
    /** The route. */
    public static final String PATH = "/api/v1/lookups";

    private final ShippedLookups lookups;

    /** The body of {@code GET /api/v1/lookups}. */
    public record LookupsBody(GeoLocationBody geoLocation, ThreatIntelBody threatIntel,
            List<LookupAttribution> attributions) {}

    /** {@code geo://location}. */
    public record GeoLocationBody(String precision, String cityDatabase) {}

    /** {@code sumo://threat/cs}. */
    public record ThreatIntelBody(int indicators, FeedBody feed) {}

    /** A threat feed refreshed on a schedule. */
    public record FeedBody(String url, long intervalSeconds, int lastCount, String lastFailure) {}

    public LookupController(ShippedLookups lookups) {
        this.lookups = requireNonNull(lookups, "lookups is null");
    }

    /** Declares the route; the server's authentication before-handler covers it. */
    public void routes(JavalinDefaultRoutingApi routes) {
        routes.get(PATH, this::describe);
    }

    private void describe(Context context) {
        String cityDatabase = lookups.geoLocation().cityDatabaseType().orElse(null);
        FeedBody feed = lookups.threatFeed().map(LookupController::feed).orElse(null);
        context.json(new LookupsBody(new GeoLocationBody(cityDatabase == null ? "country" : "city", cityDatabase),
                new ThreatIntelBody(lookups.threats().size(), feed), lookups.attributions()));
    }

    private static FeedBody feed(ThreatFeedRefresher refresher) {
        return new FeedBody(refresher.url().toString(), refresher.interval().toSeconds(), refresher.lastCount(),
                refresher.lastFailure());
    }
}
