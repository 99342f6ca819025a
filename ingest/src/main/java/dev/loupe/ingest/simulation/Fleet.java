package dev.loupe.ingest.simulation;

import dev.loupe.ingest.CloudTrailEventGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated AWS estate: accounts, and REST APIs in their regions with stages and routes. Immutable; the same
 * seed and sizes always give the same fleet.
 *
 * @param apis every API, ordered by account then name
 */
public record Fleet(List<Api> apis) {
    private static final String[] REGIONS = {"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"};
    private static final String[] API_NAMES = {"orders-api", "payments-api", "inventory-service", "auth-gateway",
        "customer-portal", "webhooks-ingest", "partner-api", "mobile-backend", "search-api", "catalog-api",
        "billing-api", "notifications-api"};
    private static final String[][] ROUTES = {{"/", "GET"}, {"/items", "GET"}, {"/items", "POST"},
        {"/items/{id}", "GET"}, {"/items/{id}", "PUT"}, {"/items/{id}", "DELETE"}, {"/health", "GET"}};

    public Fleet {
        apis = List.copyOf(apis);
        if (apis.isEmpty()) {
            throw new IllegalArgumentException("a fleet needs at least one API");
        }
    }

    /**
     * One REST API.
     *
     * @param accountId the 12-digit account id (also the {@code account} tag and field)
     * @param name the API's name ({@code ApiName} dimension)
     * @param restApiId the API's id
     * @param requestsPerMinute the mean request rate of its busiest stage at the daily peak
     * @param stages at least one; the first is {@code prod}
     * @param routes the resources and methods requests go to (shares add up to 1)
     */
    public record Api(String accountId, String region, String name, String restApiId, double requestsPerMinute,
            List<Stage> stages, List<Route> routes) {
        public Api {
            stages = List.copyOf(stages);
            routes = List.copyOf(routes);
        }
    }

    /**
     * A deployment stage.
     *
     * @param trafficShare the stage's share of its API's traffic
     * @param cached whether the stage cache is on (then {@code CacheHitCount} and {@code CacheMissCount} exist)
     * @param detailedMetrics whether detailed CloudWatch metrics are on (per method and resource series)
     */
    public record Stage(String name, double trafficShare, boolean cached, boolean detailedMetrics) {}

    /** A resource path and HTTP method with its share of the stage's requests. */
    public record Route(String resource, String method, double share) {}

    /**
     * A fleet of {@code accounts} accounts and {@code apis} APIs (spread over the accounts, at least one each).
     * The first API always has a cached prod stage with detailed metrics, so every dashboard has data.
     */
    public static Fleet generate(long seed, int accounts, int apis) {
        if (accounts < 1 || apis < accounts || apis > API_NAMES.length * accounts) {
            throw new IllegalArgumentException("need 1 <= accounts <= apis <= " + API_NAMES.length + " * accounts: "
                    + accounts + " accounts, " + apis + " APIs");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<String> accountIds = new ArrayList<>();
        for (int index = 0; index < accounts; index++) {
            accountIds.add(Long.toString(100_000_000_000L + random.nextLong(900_000_000_000L)));
        }
        List<Api> list = new ArrayList<>();
        for (int index = 0; index < apis; index++) {
            String account = accountIds.get(index % accounts);
            String region = REGIONS[index == 0 ? 0 : random.nextInt(REGIONS.length)];
            String name = API_NAMES[index % API_NAMES.length] + (index < API_NAMES.length ? "" : "-" + index / API_NAMES.length);
            List<Stage> stages = new ArrayList<>();
            stages.add(new Stage("prod", 0.85, index == 0 || random.nextInt(3) == 0, index == 0 || random.nextBoolean()));
            stages.add(new Stage(random.nextBoolean() ? "staging" : "dev", 0.15, false, random.nextInt(4) == 0));
            int routeCount = 3 + random.nextInt(ROUTES.length - 2);
            List<Route> routes = new ArrayList<>();
            double total = 0;
            double[] weights = new double[routeCount];
            for (int route = 0; route < routeCount; route++) {
                weights[route] = 1.0 / (route + 1);
                total += weights[route];
            }
            for (int route = 0; route < routeCount; route++) {
                routes.add(new Route(ROUTES[route][0], ROUTES[route][1], weights[route] / total));
            }
            list.add(new Api(account, region, name, restApiId(random), 40 + random.nextInt(400), stages, routes));
        }
        return new Fleet(list);
    }

    /** The APIs as the CloudTrail generator describes them. */
    public List<CloudTrailEventGenerator.Api> cloudTrailApis() {
        return apis.stream().map(api -> new CloudTrailEventGenerator.Api(api.accountId(), api.region(), api.name(),
                api.restApiId(), api.stages().stream().map(Stage::name).toList())).toList();
    }

    /** The distinct account ids, in order. */
    public List<String> accountIds() {
        return apis.stream().map(Api::accountId).distinct().toList();
    }

    private static String restApiId(SplittableRandom random) {
        char[] characters = new char[10];
        for (int index = 0; index < characters.length; index++) {
            int value = random.nextInt(36);
            characters[index] = (char) (value < 10 ? '0' + value : 'a' + value - 10);
        }
        return new String(characters);
    }
}
