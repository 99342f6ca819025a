package dev.loupe.ingest.simulation;

import java.util.SplittableRandom;

/**
 * The incidents of one UTC day, drawn from the seed and the day: one 5XX burst, one latency regression and one
 * cache cold start, each on one API's prod stage.
 */
record Incidents(int burstApi, long burstStart, long burstEnd, double burstRate, int slowApi, long slowStart,
        long slowEnd, int coldApi, long coldStart) {
    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;
    private static final long COLD_RECOVERY = 45 * MINUTE;

    static Incidents of(long seed, Fleet fleet, long day) {
        SplittableRandom random = new SplittableRandom(FleetSimulator.mix(seed, -2, day));
        int apis = fleet.apis().size();
        long dayStart = day * DAY;
        long burstStart = dayStart + random.nextLong(DAY - 2 * 3_600_000L);
        long slowStart = dayStart + random.nextLong(DAY - 5 * 3_600_000L);
        return new Incidents(random.nextInt(apis), burstStart, burstStart + (20 + random.nextInt(41)) * MINUTE,
                0.15 + 0.25 * random.nextDouble(), random.nextInt(apis), slowStart,
                slowStart + (120 + random.nextInt(121)) * MINUTE, random.nextInt(apis),
                dayStart + random.nextLong(DAY - 3_600_000L));
    }

    double serverErrorRate(int api, long time) {
        return api == burstApi && time >= burstStart && time < burstEnd ? burstRate : 0.003;
    }

    double latencyFactor(int api, long time) {
        return api == slowApi && time >= slowStart && time < slowEnd ? 3.0 : 1.0;
    }

    double cacheHitRate(int api, long time) {
        if (api == coldApi && time >= coldStart && time < coldStart + COLD_RECOVERY) {
            return 0.05 + 0.7 * (time - coldStart) / (double) COLD_RECOVERY;
        }
        return 0.75;
    }
}
