package dev.loupe.app.lookups;

import static java.util.Objects.requireNonNull;

import dev.loupe.query.lookup.LookupTable;
import dev.loupe.query.lookup.VirtualTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The data of {@code geo://location}: key {@code ip}, the columns of {@link VirtualTable#GEO_LOCATION}.
 *
 * <p>Without a city database an IPv4 address answers {@code country_code} and {@code country_name} from the shipped
 * CC0 range table and {@code latitude}/{@code longitude} from the country's centroid (the centre of its largest
 * landmass in Natural Earth's shapes); every other column is null. An address outside every range, an IPv6
 * address, a private, loopback, link-local, shared, multicast or reserved address (which the shipped ranges
 * sometimes attribute to a country) or text that is not an address is a miss (all columns null). With a city database
 * ({@link #withCityDatabase}) its record answers first, adding {@code region} and {@code state} (the same value),
 * {@code city}, {@code postal_code}, its own coordinates and {@code continent} when the file has them; addresses it
 * does not know fall back to the country table.
 *
 * <p>The shipped tables are read once, on the first lookup (or {@link #preload()}), about 0.3 s and 4 MB. Thread-safe.
 */
public final class GeoLocationTable implements LookupTable, AutoCloseable {
    private static final List<String> COLUMNS = VirtualTable.GEO_LOCATION.columns();
    private static final int LATITUDE = COLUMNS.indexOf("latitude");
    private static final int LONGITUDE = COLUMNS.indexOf("longitude");
    private static final int COUNTRY_CODE = COLUMNS.indexOf("country_code");
    private static final int COUNTRY_NAME = COLUMNS.indexOf("country_name");
    private static final int REGION = COLUMNS.indexOf("region");
    private static final int CITY = COLUMNS.indexOf("city");
    private static final int STATE = COLUMNS.indexOf("state");
    private static final int POSTAL_CODE = COLUMNS.indexOf("postal_code");
    private static final int CONTINENT = COLUMNS.indexOf("continent");

    private final CityDatabase cityDatabase;
    private volatile ShippedData shipped;

    private GeoLocationTable(CityDatabase cityDatabase) {
        this.cityDatabase = cityDatabase;
    }

    /** Country precision from the shipped data. */
    public static GeoLocationTable shipped() {
        return new GeoLocationTable(null);
    }

    /**
     * City precision from a MaxMind-format database (DB-IP Lite City, GeoLite2 City), falling back to the shipped
     * country data. DB-IP Lite data requires the attribution "IP Geolocation by DB-IP" with a link to db-ip.com
     * wherever results are shown.
     *
     * @throws IllegalArgumentException when {@code file} is missing or is not a MaxMind DB file, naming it
     */
    public static GeoLocationTable withCityDatabase(Path file) {
        return new GeoLocationTable(CityDatabase.open(file));
    }

    /**
     * The database type of the configured city database ({@code dbip-city-lite}, {@code GeoLite2-City}, ...), or
     * empty for country precision.
     */
    public java.util.Optional<String> cityDatabaseType() {
        return cityDatabase == null ? java.util.Optional.empty() : java.util.Optional.of(cityDatabase.databaseType());
    }

    /** Reads the shipped tables now instead of on the first lookup; returns the number of IPv4 ranges. */
    public int preload() {
        return shippedData().ranges.size();
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public List<String> keyColumns() {
        return List.of("ip");
    }

    @Override
    public List<String> get(List<String> keyValues) {
        requireNonNull(keyValues, "keyValues is null");
        if (keyValues.size() != 1) {
            throw new IllegalArgumentException("geo://location is keyed on ip alone, got " + keyValues.size()
                    + " key values");
        }
        String ip = keyValues.get(0).strip();
        if (cityDatabase != null) {
            CityDatabase.CityLocation location = cityDatabase.locate(ip);
            if (location != null) {
                return cityRow(ip, location);
            }
        }
        long address = Ipv4Addresses.parse(ip);
        if (address == Ipv4Addresses.INVALID || !Ipv4Addresses.isGlobal(address)) {
            return null;
        }
        ShippedData data = shippedData();
        String code = data.ranges.countryCode(address);
        if (code == null) {
            return null;
        }
        Country country = data.centroids.country(code);
        String[] row = new String[COLUMNS.size()];
        row[0] = ip;
        row[COUNTRY_CODE] = country.code();
        row[COUNTRY_NAME] = country.name();
        row[LATITUDE] = country.latitude();
        row[LONGITUDE] = country.longitude();
        return Arrays.asList(row);
    }

    private List<String> cityRow(String ip, CityDatabase.CityLocation location) {
        String[] row = new String[COLUMNS.size()];
        row[0] = ip;
        if (location.countryCode() != null) {
            Country country = shippedData().centroids.country(location.countryCode());
            row[COUNTRY_CODE] = country.code();
            row[COUNTRY_NAME] = country.name();
            row[LATITUDE] = country.latitude();
            row[LONGITUDE] = country.longitude();
        }
        if (location.latitude() != null && location.longitude() != null) {
            row[LATITUDE] = location.latitude();
            row[LONGITUDE] = location.longitude();
        }
        row[REGION] = location.region();
        row[STATE] = location.region();
        row[CITY] = location.city();
        row[POSTAL_CODE] = location.postalCode();
        row[CONTINENT] = location.continent();
        return Arrays.asList(row);
    }

    private ShippedData shippedData() {
        ShippedData data = shipped;
        if (data == null) {
            synchronized (this) {
                data = shipped;
                if (data == null) {
                    data = ShippedData.read();
                    shipped = data;
                }
            }
        }
        return data;
    }

    /** Closes the city database, if any. */
    @Override
    public void close() {
        if (cityDatabase != null) {
            cityDatabase.close();
        }
    }

    private record ShippedData(CountryRanges ranges, CountryCentroids centroids) {
        static ShippedData read() {
            try (InputStream ranges = new GZIPInputStream(resource("geo/geo-whois-asn-country-ipv4.csv.gz"), 1 << 16);
                    InputStream centroids = resource("geo/country-centroids.csv")) {
                return new ShippedData(CountryRanges.read(ranges), CountryCentroids.read(centroids));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the shipped geo data", e);
            }
        }

        private static InputStream resource(String name) {
            InputStream stream = GeoLocationTable.class.getResourceAsStream(name);
            if (stream == null) {
                throw new IllegalStateException("the shipped geo data " + name + " is missing from the classpath");
            }
            return stream;
        }
    }
}
