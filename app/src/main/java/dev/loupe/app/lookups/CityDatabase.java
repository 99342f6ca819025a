package dev.loupe.app.lookups;

import static java.util.Objects.requireNonNull;

import com.maxmind.db.Reader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An operator-supplied MaxMind DB file (for example DB-IP "IP to City Lite") read with the low-level
 * {@link Reader}, for city precision in {@code geo://location}. Thread-safe; close it when done.
 *
 * <p>Two record layouts are understood: the flat one of DB-IP Lite as repackaged by ip-location-db
 * ({@code country_code, state1, city, postcode, latitude, longitude}) and the nested GeoIP2/GeoLite2 City one
 * ({@code country.iso_code, subdivisions[0].names.en, city.names.en, postal.code, location.latitude},
 * {@code continent.code}).
 */
final class CityDatabase implements AutoCloseable {
    private final Path file;
    private final Reader reader;

    private CityDatabase(Path file, Reader reader) {
        this.file = file;
        this.reader = reader;
    }

    /**
     * Opens {@code file} (memory-mapped).
     *
     * @throws IllegalArgumentException when the file is missing or not a MaxMind DB, naming it
     */
    static CityDatabase open(Path file) {
        requireNonNull(file, "file is null");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the geo city database " + file + " does not exist or is not a file");
        }
        try {
            return new CityDatabase(file, new Reader(file.toFile()));
        } catch (IOException e) {
            throw new IllegalArgumentException("the geo city database " + file + " is not a MaxMind DB file: "
                    + e.getMessage(), e);
        }
    }

    /** The file's database type from its metadata, e.g. {@code GeoLite2-City} or {@code dbip-city-lite}. */
    String databaseType() {
        return reader.getMetadata().databaseType();
    }

    /**
     * The location of {@code ip} (an IPv4 or IPv6 literal; anything else is a miss, and no name is ever resolved),
     * or null when the database has no record for it.
     *
     * @throws UncheckedIOException when the database file cannot be read
     */
    CityLocation locate(String ip) {
        InetAddress address = literalAddress(ip);
        if (address == null) {
            return null;
        }
        Map<?, ?> record;
        try {
            record = reader.get(address, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the geo city database " + file, e);
        }
        if (record == null) {
            return null;
        }
        if (record.containsKey("country_code") || record.containsKey("city") || record.containsKey("latitude")) {
            return new CityLocation(text(record.get("country_code")), text(record.get("state1")),
                    text(record.get("city")), text(record.get("postcode")), text(record.get("latitude")),
                    text(record.get("longitude")), null);
        }
        Object subdivisions = record.get("subdivisions");
        Object firstSubdivision = subdivisions instanceof List<?> list && !list.isEmpty() ? list.get(0) : null;
        return new CityLocation(text(path(record, "country", "iso_code")),
                text(path(firstSubdivision, "names", "en")), text(path(record, "city", "names", "en")),
                text(path(record, "postal", "code")), text(path(record, "location", "latitude")),
                text(path(record, "location", "longitude")), text(path(record, "continent", "code")));
    }

    private static InetAddress literalAddress(String ip) {
        long ipv4 = Ipv4Addresses.parse(ip);
        try {
            if (ipv4 != Ipv4Addresses.INVALID) {
                return InetAddress.getByAddress(new byte[] {(byte) (ipv4 >>> 24), (byte) (ipv4 >>> 16),
                        (byte) (ipv4 >>> 8), (byte) ipv4});
            }
            // Only text with a colon and IPv6 characters reaches InetAddress, which then parses it as a literal
            // (or rejects it) and never asks DNS.
            if (ip.indexOf(':') < 0 || !ip.chars().allMatch(CityDatabase::isIpv6Character)) {
                return null;
            }
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isIpv6Character(int character) {
        return character == ':' || character == '.' || Character.digit(character, 16) >= 0;
    }

    private static Object path(Object node, String... names) {
        Object current = node;
        for (String name : names) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(name);
        }
        return current;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return text.isEmpty() ? null : text;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the geo city database " + file, e);
        }
    }

    /** One database record mapped onto {@code geo://location}'s columns; any value may be null. */
    record CityLocation(String countryCode, String region, String city, String postalCode, String latitude,
            String longitude, String continent) {}
}
