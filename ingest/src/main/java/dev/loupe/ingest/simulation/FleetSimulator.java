package dev.loupe.ingest.simulation;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.LogMessage;
import dev.loupe.ingest.CloudTrailEventGenerator;
import dev.loupe.ingest.metrics.CloudWatchDatapoint;
import dev.loupe.ingest.metrics.MetricContext;
import dev.loupe.store.spi.metrics.MetricSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulates a {@link Fleet}'s API traffic and management activity over time, deterministically from a seed.
 *
 * <p><b>Metrics.</b> Per period (5 minutes for a backfill, 1 for live) and API, stage and route: requests with a
 * daily rhythm (peak mid-afternoon in the region's time zone, quiet nights), quieter weekends and ±10% noise;
 * 4XX (≈2%) and 5XX (≈0.3%) errors; latency and integration latency per route; cache hits on cached stages
 * (≈75%). Incidents, drawn per day: a 5XX burst (20–60 minutes, 15–40% of requests fail), a latency regression
 * (2–4 hours, ×3) and a cache cold start (hit rate from ≈0 back to normal over 45 minutes). Each period becomes
 * {@code AWS/ApiGateway} datapoints ({@code Count}, {@code 4XXError}, {@code 5XXError}, {@code Latency},
 * {@code IntegrationLatency}, {@code CacheHitCount}, {@code CacheMissCount}) at the dimension sets AWS publishes:
 * {@code {ApiName}}, {@code {ApiName, Stage}}, and {@code {ApiName, Method, Resource, Stage}} for stages with
 * detailed metrics; each datapoint turns into samples through {@link CloudWatchDatapoint#samples} (the Firehose
 * conversion, so tags are the same as real Metric Streams').
 *
 * <p><b>Logs.</b> CloudTrail management events from {@link CloudTrailEventGenerator} in fleet mode (about 70% API
 * Gateway calls about the fleet's APIs, the rest other services), at a rate following the working day, with the
 * custom field {@code account} (the account id) a CloudTrail source would add.
 *
 * <p>Every period is computed from the seed and its start time only, so a backfill and a live run produce the
 * same data for the same period. Not thread-safe.
 */
public final class FleetSimulator {
    /** The namespace of the metrics. */
    public static final String NAMESPACE = "AWS/ApiGateway";
    /** The source category of the CloudTrail events. */
    public static final String CLOUDTRAIL_CATEGORY = "aws/observability/cloudtrail/logs";
    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;

    private final Fleet fleet;
    private final long seed;
    private final double eventsPerApiHour;
    private final List<CloudTrailEventGenerator.Api> cloudTrailApis;

    /** Where simulated data goes. Called on the thread that runs {@link #simulate}, one period at a time. */
    public interface Sink {
        /** Takes the samples of one period. */
        void metrics(List<MetricSample> samples);

        /** Takes the CloudTrail events of one period, in time order. */
        void logs(List<LogMessage> messages);

        /**
         * Takes the simulator's ground truth of one period, before its {@link #metrics} and {@link #logs}: the
         * CloudWatch datapoints the samples were converted from, and what each CloudTrail event (of every service)
         * says, in the order of the messages. For tests that compute the answers queries must give; ignored by
         * default.
         */
        default void groundTruth(List<CloudWatchDatapoint> datapoints, List<CloudTrailEventGenerator.Event> events) {}
    }

    /**
     * @param eventsPerApiHour the mean number of CloudTrail events per API and hour at the daily peak
     */
    public FleetSimulator(Fleet fleet, long seed, double eventsPerApiHour) {
        this.fleet = requireNonNull(fleet, "fleet is null");
        this.seed = seed;
        this.eventsPerApiHour = eventsPerApiHour;
        this.cloudTrailApis = fleet.cloudTrailApis();
    }

    public Fleet fleet() {
        return fleet;
    }

    /**
     * Simulates the periods starting in {@code [fromMillis, toMillis)}, aligned to {@code periodMillis}, in time
     * order, handing each period's metrics and events to {@code sink}.
     *
     * @param receiptTimeMillis the receipt time of the events when in the past of the event, else event + 1 min
     */
    public void simulate(long fromMillis, long toMillis, long periodMillis, long receiptTimeMillis, Sink sink) {
        if (periodMillis < MINUTE || periodMillis % MINUTE != 0) {
            throw new IllegalArgumentException("the period must be whole minutes: " + periodMillis);
        }
        long start = Math.floorDiv(fromMillis + periodMillis - 1, periodMillis) * periodMillis;
        for (long period = start; period < toMillis; period += periodMillis) {
            List<CloudWatchDatapoint> datapoints = datapoints(period, periodMillis);
            List<CloudTrailEventGenerator.Event> events = new ArrayList<>();
            List<LogMessage> messages = events(period, periodMillis, receiptTimeMillis, events);
            sink.groundTruth(datapoints, events);
            List<MetricSample> samples = new ArrayList<>(datapoints.size() * 5);
            MetricContext context = new MetricContext(Map.of(),
                    Map.of("_sourceCategory", "aws/observability/cloudwatch/metrics"), period, Long.MAX_VALUE);
            for (CloudWatchDatapoint datapoint : datapoints) {
                samples.addAll(datapoint.samples(context));
            }
            sink.metrics(samples);
            sink.logs(messages);
        }
    }

    private List<CloudWatchDatapoint> datapoints(long start, long periodMillis) {
        List<CloudWatchDatapoint> datapoints = new ArrayList<>();
        double minutes = periodMillis / (double) MINUTE;
        for (int apiIndex = 0; apiIndex < fleet.apis().size(); apiIndex++) {
            Fleet.Api api = fleet.apis().get(apiIndex);
            SplittableRandom random = new SplittableRandom(mix(seed, apiIndex, start));
            double rhythm = rhythm(api.region(), start);
            Incidents incidents = Incidents.of(seed, fleet, Math.floorDiv(start, DAY));
            Level apiLevel = new Level();
            boolean anyCached = false;
            for (Fleet.Stage stage : api.stages()) {
                Level stageLevel = new Level();
                anyCached |= stage.cached();
                for (Fleet.Route route : api.routes()) {
                    double mean = api.requestsPerMinute() * minutes * rhythm * stage.trafficShare() * route.share();
                    long requests = Math.max(0, Math.round(mean * (0.9 + 0.2 * random.nextDouble())));
                    if (requests == 0) {
                        continue;
                    }
                    boolean prod = stage.name().equals("prod");
                    double serverErrorRate = prod ? incidents.serverErrorRate(apiIndex, start) : 0.003;
                    long clientErrors = share(requests, 0.02, random);
                    long serverErrors = share(requests, serverErrorRate, random);
                    double latency = (35 + 25 * route.resource().length() % 90 + 10 * random.nextDouble())
                            * (prod ? incidents.latencyFactor(apiIndex, start) : 1);
                    double integration = latency * 0.82;
                    long hits = stage.cached() ? share(requests, incidents.cacheHitRate(apiIndex, start), random) : 0;
                    Level routeLevel = new Level();
                    routeLevel.add(requests, clientErrors, serverErrors, latency, integration, hits, stage.cached());
                    stageLevel.add(routeLevel);
                    if (stage.detailedMetrics()) {
                        routeLevel.emit(datapoints, api, Map.of("ApiName", api.name(), "Stage", stage.name(),
                                "Method", route.method(), "Resource", route.resource()), start, stage.cached());
                    }
                }
                stageLevel.emit(datapoints, api, Map.of("ApiName", api.name(), "Stage", stage.name()), start,
                        stage.cached());
                apiLevel.add(stageLevel);
            }
            apiLevel.emit(datapoints, api, Map.of("ApiName", api.name()), start, anyCached);
        }
        return datapoints;
    }

    private List<LogMessage> events(long start, long periodMillis, long receiptTimeMillis,
            List<CloudTrailEventGenerator.Event> truth) {
        SplittableRandom random = new SplittableRandom(mix(seed, -1, start));
        double mean = eventsPerApiHour * fleet.apis().size() * periodMillis / (double) (60 * MINUTE)
                * rhythm(fleet.apis().getFirst().region(), start) / 0.7;
        long count = (long) Math.floor(mean + random.nextDouble());
        if (count == 0) {
            return List.of();
        }
        CloudTrailEventGenerator generator = new CloudTrailEventGenerator(random.nextLong(), 0.7, cloudTrailApis);
        List<LogMessage> messages = new ArrayList<>((int) count);
        generator.generate((int) count, start, start + periodMillis, raw -> {
            CloudTrailEventGenerator.Event event = generator.lastEvent();
            long time = event.timeMillis();
            truth.add(event);
            long receipt = receiptTimeMillis > time ? receiptTimeMillis : time + MINUTE;
            messages.add(new LogMessage(raw, time, receipt, CLOUDTRAIL_CATEGORY, "cloudtrail", "", "CloudTrail",
                    "simulator", Map.of("account", event.accountId())));
        });
        return messages;
    }

    /* Share of the day's peak: a bell around 14:00 local time over a floor of 20%, weekends at 55%. */
    static double rhythm(String region, long timeMillis) {
        int offsetHours = region.startsWith("us-") ? -6 : region.startsWith("eu-") ? 1 : 10;
        double hour = Math.floorMod(timeMillis + offsetHours * 3_600_000L, DAY) / 3_600_000.0;
        double distance = Math.min(Math.abs(hour - 14), 24 - Math.abs(hour - 14));
        double daily = 0.2 + 0.8 * Math.exp(-distance * distance / 32);
        long dayOfWeek = Math.floorMod(Math.floorDiv(timeMillis + offsetHours * 3_600_000L, DAY) + 3, 7);
        return daily * (dayOfWeek >= 5 ? 0.55 : 1.0);
    }

    private static long share(long requests, double rate, SplittableRandom random) {
        double expected = requests * rate;
        long whole = (long) expected;
        return Math.min(requests, whole + (random.nextDouble() < expected - whole ? 1 : 0));
    }

    static long mix(long seed, long first, long second) {
        long value = seed * 0x9E37_79B9_7F4A_7C15L + first * 0xBF58_476D_1CE4_E5B9L + second;
        value = (value ^ (value >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        value = (value ^ (value >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return value ^ (value >>> 31);
    }

    /** Sums of one dimension level for one period; emits its datapoints. */
    private static final class Level {
        long requests;
        long clientErrors;
        long serverErrors;
        double latencySum;
        double latencyMin = Double.MAX_VALUE;
        double latencyMax;
        double integrationSum;
        double integrationMin = Double.MAX_VALUE;
        double integrationMax;
        long hits;
        long cacheRequests;

        void add(long count, long client, long server, double latency, double integration, long cacheHits,
                boolean cached) {
            requests += count;
            clientErrors += client;
            serverErrors += server;
            latencySum += latency * count;
            latencyMin = Math.min(latencyMin, latency * 0.35);
            latencyMax = Math.max(latencyMax, latency * 3.2);
            integrationSum += integration * count;
            integrationMin = Math.min(integrationMin, integration * 0.35);
            integrationMax = Math.max(integrationMax, integration * 3.2);
            if (cached) {
                hits += cacheHits;
                cacheRequests += count;
            }
        }

        void add(Level other) {
            requests += other.requests;
            clientErrors += other.clientErrors;
            serverErrors += other.serverErrors;
            latencySum += other.latencySum;
            latencyMin = Math.min(latencyMin, other.latencyMin);
            latencyMax = Math.max(latencyMax, other.latencyMax);
            integrationSum += other.integrationSum;
            integrationMin = Math.min(integrationMin, other.integrationMin);
            integrationMax = Math.max(integrationMax, other.integrationMax);
            hits += other.hits;
            cacheRequests += other.cacheRequests;
        }

        void emit(List<CloudWatchDatapoint> datapoints, Fleet.Api api, Map<String, String> dimensions, long time,
                boolean cached) {
            if (requests == 0) {
                return;
            }
            point(datapoints, api, dimensions, time, "Count", 1, 1, requests, requests, "Count");
            point(datapoints, api, dimensions, time, "4XXError", 0, clientErrors > 0 ? 1 : 0, clientErrors,
                    requests, "Count");
            point(datapoints, api, dimensions, time, "5XXError", 0, serverErrors > 0 ? 1 : 0, serverErrors,
                    requests, "Count");
            point(datapoints, api, dimensions, time, "Latency", latencyMin, latencyMax, latencySum, requests,
                    "Milliseconds");
            point(datapoints, api, dimensions, time, "IntegrationLatency", integrationMin, integrationMax,
                    integrationSum, requests, "Milliseconds");
            if (cached && cacheRequests > 0) {
                point(datapoints, api, dimensions, time, "CacheHitCount", 0, hits > 0 ? 1 : 0, hits,
                        cacheRequests, "Count");
                point(datapoints, api, dimensions, time, "CacheMissCount", 0, hits < cacheRequests ? 1 : 0,
                        cacheRequests - hits, cacheRequests, "Count");
            }
        }

        private static void point(List<CloudWatchDatapoint> datapoints, Fleet.Api api,
                Map<String, String> dimensions, long time, String metric, double min, double max, double sum,
                double count, String unit) {
            datapoints.add(new CloudWatchDatapoint(NAMESPACE, metric, api.accountId(), api.region(), dimensions, time,
                    min, max, sum, count, unit));
        }
    }
}
