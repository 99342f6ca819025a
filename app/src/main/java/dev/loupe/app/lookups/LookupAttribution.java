package dev.loupe.app.lookups;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A notice that must be shown wherever results of a lookup table are shown, as the licence of its data asks.
 *
 * @param lookup the table, e.g. {@code geo://location}
 * @param text the notice, e.g. "IP Geolocation by DB-IP"
 * @param url where the notice links to
 * @param licence the data's licence, e.g. {@code CC BY 4.0}
 */
public record LookupAttribution(String lookup, String text, String url, String licence) {
    public LookupAttribution {
        requireNonNull(lookup, "lookup is null");
        requireNonNull(text, "text is null");
        requireNonNull(url, "url is null");
        requireNonNull(licence, "licence is null");
    }

    /**
     * The notices for the shipped data (see {@code ATTRIBUTION.md}) and, when {@code cityDatabaseType} is not null, the
     * one its licence asks for: DB-IP Lite (CC BY 4.0) "IP Geolocation by DB-IP", MaxMind GeoLite2 its EULA's
     * sentence, any other database its type.
     */
    static List<LookupAttribution> of(String cityDatabaseType) {
        String geo = "geo://location";
        List<LookupAttribution> notices = new ArrayList<>();
        if (cityDatabaseType != null) {
            String type = cityDatabaseType.toLowerCase(Locale.ROOT);
            if (type.contains("dbip") || type.contains("db-ip")) {
                notices.add(new LookupAttribution(geo, "IP Geolocation by DB-IP", "https://db-ip.com", "CC BY 4.0"));
            } else if (type.contains("geolite2")) {
                notices.add(new LookupAttribution(geo, "This product includes GeoLite2 data created by MaxMind",
                        "https://www.maxmind.com", "GeoLite2 End User License Agreement"));
            } else {
                notices.add(new LookupAttribution(geo, "City data: " + cityDatabaseType, "", "as its provider states"));
            }
        }
        notices.add(new LookupAttribution(geo, "Country data: ip-location-db (geo-whois-asn-country), including "
                + "statistics data of the Number Resource Organization (NRO)", "https://www.nro.net",
                "CC0 1.0; NRO data CC BY 4.0"));
        notices.add(new LookupAttribution(geo, "Country centroids computed from Natural Earth",
                "https://www.naturalearthdata.com", "public domain"));
        notices.add(new LookupAttribution("sumo://threat/cs", "IPsum threat intelligence feed",
                "https://github.com/stamparm/ipsum", "The Unlicense"));
        return List.copyOf(notices);
    }
}
