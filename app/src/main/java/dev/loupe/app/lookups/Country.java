package dev.loupe.app.lookups;

import static java.util.Objects.requireNonNull;

/**
 * A country as {@code geo://location} reports it.
 *
 * @param code the ISO 3166-1 alpha-2 code, upper case
 * @param name the English name
 * @param latitude the centroid's latitude in degrees as text, or null when the shipped shapes lack the country
 * @param longitude the centroid's longitude in degrees as text, or null likewise
 */
record Country(String code, String name, String latitude, String longitude) {
    Country {
        requireNonNull(code, "code is null");
        requireNonNull(name, "name is null");
    }
}
