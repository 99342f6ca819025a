package dev.loupe.app.lookups;

import dev.loupe.query.lookup.DelimitedText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shipped {@code geo/country-centroids.csv} ({@code country_code,country_name,latitude,longitude}, written once
 * by the test-scope {@code CountryCentroidGenerator} from Natural Earth shapes). Immutable and thread-safe.
 */
final class CountryCentroids {
    private final Map<String, Country> countries;

    private CountryCentroids(Map<String, Country> countries) {
        this.countries = Map.copyOf(countries);
    }

    /**
     * Reads the CSV, header row first; empty coordinates become null.
     *
     * @throws IllegalArgumentException naming a line without four values
     */
    static CountryCentroids read(InputStream input) throws IOException {
        Map<String, Country> countries = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        reader.readLine();
        int lineNumber = 1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            List<String> values = DelimitedText.CSV.split(line);
            if (values.size() != 4) {
                throw new IllegalArgumentException("country centroids line " + lineNumber + ": expected 4 values: "
                        + line);
            }
            String code = values.get(0).toUpperCase(Locale.ROOT);
            countries.put(code, new Country(code, values.get(1), emptyToNull(values.get(2)),
                    emptyToNull(values.get(3))));
        }
        return new CountryCentroids(countries);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** The country with alpha-2 {@code code} (any case); an unknown code gives a country named by its code. */
    Country country(String code) {
        String upper = code.toUpperCase(Locale.ROOT);
        Country country = countries.get(upper);
        return country != null ? country : new Country(upper, upper, null, null);
    }

    /** The number of countries. */
    int size() {
        return countries.size();
    }
}
