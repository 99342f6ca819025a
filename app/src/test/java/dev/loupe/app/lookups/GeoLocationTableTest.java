package dev.loupe.app.lookups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.query.lookup.VirtualTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code geo://location} over the shipped country ranges and centroids. */
class GeoLocationTableTest {
    private static final GeoLocationTable TABLE = GeoLocationTable.shipped();
    private static final List<String[]> RANGES = new ArrayList<>();

    @BeforeAll
    static void readShippedRanges() throws IOException {
        long started = System.nanoTime();
        int ranges = TABLE.preload();
        System.out.printf("geo://location: loaded %,d IPv4 ranges in %d ms%n", ranges,
                (System.nanoTime() - started) / 1_000_000);
        try (InputStream input = new GZIPInputStream(GeoLocationTable.class.getResourceAsStream(
                "geo/geo-whois-asn-country-ipv4.csv.gz"));
                BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.US_ASCII))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                RANGES.add(line.split(","));
            }
        }
    }

    private static List<String> lookup(String ip) {
        return TABLE.get(List.of(ip));
    }

    private static String column(List<String> row, String name) {
        return row.get(VirtualTable.GEO_LOCATION.columns().indexOf(name));
    }

    @Test
    void honoursTheVirtualTableContract() {
        VirtualTable.GEO_LOCATION.check(TABLE);
    }

    @Test
    void rangesFromTheShippedCsvAnswerTheirCountry() {
        Random random = new Random(6);
        for (int sample = 0; sample < 2_000; sample++) {
            String[] range = RANGES.get(random.nextInt(RANGES.size()));
            long start = Ipv4Addresses.parse(range[0]);
            long end = Ipv4Addresses.parse(range[1]);
            for (long address : new long[] {start, end, start + (end - start) / 2}) {
                if (!Ipv4Addresses.isGlobal(address)) {
                    continue;
                }
                List<String> row = lookup(Ipv4Addresses.format(address));
                assertThat(row).as("range %s-%s", range[0], range[1]).isNotNull();
                assertThat(column(row, "country_code")).as("%s in %s-%s", Ipv4Addresses.format(address), range[0],
                        range[1]).isEqualTo(innermostCountry(address));
            }
        }
    }

    /**
     * The reference answer: the country of the latest-starting range holding {@code address}, found by walking back
     * from the last range starting at or before it (the shipped file nests some ranges inside others).
     */
    private static String innermostCountry(long address) {
        int low = 0;
        int high = RANGES.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (Ipv4Addresses.parse(RANGES.get(middle)[0]) <= address) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        for (int index = high; index >= Math.max(0, high - 1_000); index--) {
            String[] range = RANGES.get(index);
            if (Ipv4Addresses.parse(range[0]) <= address && address <= Ipv4Addresses.parse(range[1])) {
                return range[2];
            }
        }
        return null;
    }

    @Test
    void nestedRangesAnswerTheInnerCountry() {
        // geo-whois-asn-country-ipv4.csv: 2.58.196.0-2.58.197.255 DE, then 2.58.197.15 BE, then 2.58.197.16-255 DE
        assertThat(column(lookup("2.58.197.14"), "country_code")).isEqualTo("DE");
        assertThat(column(lookup("2.58.197.15"), "country_code")).isEqualTo("BE");
        assertThat(column(lookup("2.58.197.16"), "country_code")).isEqualTo("DE");
    }

    @Test
    void knownAddresses() {
        List<String> google = lookup("8.8.8.8");
        assertThat(column(google, "ip")).isEqualTo("8.8.8.8");
        assertThat(column(google, "country_code")).isEqualTo("US");
        assertThat(column(google, "country_name")).isEqualTo("United States");
        assertThat(Double.parseDouble(column(google, "latitude"))).isCloseTo(39.5, within(0.01));
        assertThat(Double.parseDouble(column(google, "longitude"))).isCloseTo(-99.06, within(0.01));
        assertThat(column(google, "city")).isNull();
        assertThat(column(lookup("1.1.1.1"), "country_code")).isEqualTo("AU");
        assertThat(column(lookup("77.90.185.20"), "country_name")).isEqualTo("Germany");
        assertThat(column(lookup("81.2.69.142"), "country_code")).isEqualTo("GB");
    }

    @Test
    void addressesOutsideEveryRangeAndNonAddressesMiss() {
        assertThat(lookup("0.0.0.1")).isNull();
        assertThat(lookup("127.0.0.1")).isNull();
        assertThat(lookup("255.255.255.255")).isNull();
        assertThat(lookup("10.1.2.3")).isNull();
        // the shipped data attributes 192.168/16 to AU; private addresses are misses all the same
        assertThat(lookup("192.168.1.1")).isNull();
        assertThat(lookup("172.16.0.1")).isNull();
        assertThat(lookup("2001:4860:4860::8888")).isNull();
        assertThat(lookup("apigateway.amazonaws.com")).isNull();
        assertThat(lookup("1.2.3")).isNull();
        assertThat(lookup("1.2.3.256")).isNull();
        assertThat(lookup("")).isNull();
    }

    @Test
    void centroidsAreNearIndependentlyKnownCentres() {
        // Country centres from public references (CIA World Factbook geographic coordinates).
        assertCentroid("8.8.8.8", "US", 39.8, -98.6, 2.0);
        assertCentroid(addressIn("FR"), "FR", 46.0, 2.0, 1.5);
        assertCentroid(addressIn("DE"), "DE", 51.0, 9.0, 1.5);
        assertCentroid(addressIn("BR"), "BR", -10.0, -55.0, 3.0);
        assertCentroid(addressIn("AU"), "AU", -27.0, 133.0, 2.5);
        assertCentroid(addressIn("JP"), "JP", 36.0, 138.0, 2.0);
        assertCentroid(addressIn("SG"), "SG", 1.37, 103.8, 0.3);
        assertCentroid(addressIn("RU"), "RU", 60.0, 100.0, 3.0);
    }

    private static String addressIn(String country) {
        for (String[] range : RANGES) {
            if (range[2].equals(country)) {
                long address = Ipv4Addresses.parse(range[0]) + 1;
                if (Ipv4Addresses.isGlobal(address)) {
                    return Ipv4Addresses.format(address);
                }
            }
        }
        throw new AssertionError("no range for " + country);
    }

    private static void assertCentroid(String ip, String country, double latitude, double longitude,
            double tolerance) {
        List<String> row = lookup(ip);
        assertThat(column(row, "country_code")).isEqualTo(country);
        assertThat(Double.parseDouble(column(row, "latitude"))).as("%s latitude", country)
                .isCloseTo(latitude, within(tolerance));
        assertThat(Double.parseDouble(column(row, "longitude"))).as("%s longitude", country)
                .isCloseTo(longitude, within(tolerance));
    }

    @Test
    void lookupThroughput() {
        Random random = new Random(42);
        String[] addresses = new String[100_000];
        for (int index = 0; index < addresses.length; index++) {
            addresses[index] = Ipv4Addresses.format(random.nextInt() & 0xffffffffL);
        }
        int hits = 0;
        long started = System.nanoTime();
        int rounds = 10;
        for (int round = 0; round < rounds; round++) {
            for (String address : addresses) {
                if (TABLE.get(List.of(address)) != null) {
                    hits++;
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("geo://location: %,.0f lookups/s (%d%% hits)%n", rounds * addresses.length / seconds,
                100L * hits / (rounds * addresses.length));
        assertThat(hits).isPositive();
    }

    @Test
    void aMissingCityDatabaseIsAClearError() {
        assertThatThrownBy(() -> GeoLocationTable.withCityDatabase(Path.of("/nonexistent/dbip-city.mmdb")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the geo city database /nonexistent/dbip-city.mmdb does not exist or is not a file");
    }
}
