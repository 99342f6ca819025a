package dev.loupe.testing;

import dev.loupe.store.spi.metrics.MetricSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * CloudWatch-like AWS/ApiGateway data for tests: every metric of the app at the {ApiName} and {ApiName, Stage,
 * Method, Resource} dimension sets, statistics Sum and Average (and SampleCount, Maximum, Minimum for Latency), two
 * accounts, one point every 10 minutes over the 8 days before {@link #END}, integral-ish values as CloudWatch sums are.
 * Used by the metrics engine tests and by the metrics equivalence tests of the stores.
 */
public final class CloudWatchData {
    public static final long MINUTE = 60_000L;
    public static final long DAY = 86_400_000L;
    public static final long END = 20_000 * DAY;
    public static final long START = END - 8 * DAY;
    public static final long STEP = 10 * MINUTE;

    private CloudWatchData() {}

    /** The samples of the seed, oldest series first. */
    public static List<MetricSample> generate(long seed) {
        Random random = new Random(seed);
        List<MetricSample> samples = new ArrayList<>();
        String[] metrics = {"Count", "4XXError", "5XXError", "Latency", "IntegrationLatency", "CacheHitCount", "CacheMissCount"};
        for (String account : new String[] {"prod", "dev"}) {
            for (String api : new String[] {"PetStore", "orders"}) {
                for (String metric : metrics) {
                    List<String> statistics = new ArrayList<>(List.of("Sum", "Average"));
                    if (metric.equals("Latency")) {
                        statistics.addAll(List.of("SampleCount", "Maximum", "Minimum"));
                    }
                    for (String statistic : statistics) {
                        for (int level = 0; level < 5; level++) {
                            Map<String, String> tags = new LinkedHashMap<>();
                            tags.put("Namespace", "AWS/ApiGateway");
                            tags.put("metric", metric);
                            tags.put("Statistic", statistic);
                            tags.put("account", account);
                            tags.put("region", "us-east-1");
                            tags.put("ApiName", api);
                            if (level > 0) {
                                tags.put("Stage", "prod");
                                tags.put("Method", level % 2 == 0 ? "GET" : "POST");
                                tags.put("Resource", level <= 2 ? "/pets" : "/orders");
                            }
                            int scale = 1 + random.nextInt(50);
                            for (long time = START; time < END; time += STEP) {
                                if (random.nextInt(20) == 0) {
                                    continue;
                                }
                                double value = statistic.equals("Average") ? Math.round(random.nextDouble() * 400) / 4.0
                                        : random.nextInt(scale * 10);
                                samples.add(new MetricSample(tags, Map.of("_sourceCategory", "aws/metrics"), time, value));
                            }
                        }
                    }
                }
            }
        }
        return samples;
    }
}
