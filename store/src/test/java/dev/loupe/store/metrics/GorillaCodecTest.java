package dev.loupe.store.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GorillaCodecTest {

    private static void assertRoundTrip(long[] timestamps, double[] values) {
        byte[] encoded = GorillaCodec.encode(timestamps, values, 0, timestamps.length);
        long[] decodedTimes = new long[timestamps.length];
        double[] decodedValues = new double[values.length];
        GorillaCodec.decode(encoded, timestamps.length, decodedTimes, decodedValues, 0);
        assertThat(decodedTimes).containsExactly(timestamps);
        for (int index = 0; index < values.length; index++) {
            assertThat(Double.doubleToRawLongBits(decodedValues[index])).as("value %d", index)
                    .isEqualTo(Double.doubleToRawLongBits(values[index]));
        }
    }

    @Test
    void randomValuesAndIrregularTimestampsRoundTrip() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            int size = 1 + random.nextInt(500);
            long[] timestamps = new long[size];
            double[] values = new double[size];
            long time = random.nextLong() >> 2;
            for (int index = 0; index < size; index++) {
                time += switch (random.nextInt(4)) {
                    case 0 -> 60_000;
                    case 1 -> random.nextInt(5_000);
                    case 2 -> random.nextLong(1L << 40);
                    default -> 60_000 + random.nextInt(200) - 100;
                };
                timestamps[index] = time;
                values[index] = switch (random.nextInt(4)) {
                    case 0 -> random.nextDouble();
                    case 1 -> random.nextInt(100);
                    case 2 -> Double.longBitsToDouble(random.nextLong() & 0x7FEFFFFFFFFFFFFFL);
                    default -> index > 0 ? values[index - 1] : 1;
                };
            }
            assertRoundTrip(timestamps, values);
        }
    }

    @Test
    void edgeValuesRoundTrip() {
        double[] values = {-0.0, 0.0, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 1e300, -1e-300, 5, 5, 5,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1, 0.2, 0.30000000000000004, Long.MAX_VALUE};
        long[] timestamps = new long[values.length];
        long[] gaps = {0, 1, 64, -63, 65, 256, -255, 2048, -2047, 2049, 1L << 45, 60_000, 60_000, 60_000, 1, 1};
        long time = 1_700_000_000_000L;
        for (int index = 0; index < values.length; index++) {
            time += gaps[index] + (index > 0 ? timestamps[index - 1] - (index > 1 ? timestamps[index - 2] : timestamps[index - 1]) : 0);
            timestamps[index] = time;
        }
        assertRoundTrip(timestamps, values);
        assertRoundTrip(new long[] {Long.MIN_VALUE / 2}, new double[] {-0.0});
        assertRoundTrip(new long[0], new double[0]);
    }

    @Test
    void regularEqualValuesTakeAboutTwoBitsPerPoint() {
        long[] timestamps = new long[1000];
        double[] values = new double[1000];
        for (int index = 0; index < 1000; index++) {
            timestamps[index] = 1_700_000_000_000L + index * 60_000L;
            values[index] = 42;
        }
        assertThat(GorillaCodec.encode(timestamps, values, 0, 1000).length).isLessThan(1000 * 2 / 8 + 32);
    }
}
