package dev.loupe.app.lookups;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The notices the data in use asks to show. */
class LookupAttributionTest {
    @Test
    void shippedDataNamesItsSourcesAndNothingElse() {
        assertThat(ShippedLookups.shipped().attributions()).extracting(LookupAttribution::url)
                .containsExactly("https://www.nro.net", "https://www.naturalearthdata.com", "https://github.com/stamparm/ipsum");
    }

    @Test
    void aDbIpCityDatabaseAddsTheNoticeItsLicenceRequires() {
        assertThat(LookupAttribution.of("dbip-city-lite").getFirst()).isEqualTo(new LookupAttribution("geo://location",
                "IP Geolocation by DB-IP", "https://db-ip.com", "CC BY 4.0"));
        assertThat(LookupAttribution.of("GeoLite2-City").getFirst().text())
                .isEqualTo("This product includes GeoLite2 data created by MaxMind");
        assertThat(LookupAttribution.of("Acme-City").getFirst().text()).isEqualTo("City data: Acme-City");
        assertThat(LookupAttribution.of("dbip-city-lite")).hasSize(4);
    }
}
