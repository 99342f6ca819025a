package dev.loupe.server.library.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Data source substitution: only {@code queryString} values change, and only the placeholders. */
class AppInstallerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void substitutesDataSourcePlaceholdersInQueryStringsOnly() throws Exception {
        JsonNode definition = MAPPER.readTree("{\"panels\":[{\"title\":\"$$logsrc\",\"queries\":[{\"queryString\":"
                + "\"$$logsrc | count by x\"},{\"queryString\":\"$$metricsrc metric=Count\"}]}]}");
        AppInstaller.substitute(definition, Map.of("logsrc", "_sourceCategory=aws/cloudtrail", "metricsrc",
                "_sourceCategory=aws/metrics"));
        assertThat(definition.at("/panels/0/queries/0/queryString").asText())
                .isEqualTo("_sourceCategory=aws/cloudtrail | count by x");
        assertThat(definition.at("/panels/0/queries/1/queryString").asText())
                .isEqualTo("_sourceCategory=aws/metrics metric=Count");
        assertThat(definition.at("/panels/0/title").asText()).isEqualTo("$$logsrc");
    }

    @Test
    void theCatalogServesTheShippedAppContent() throws Exception {
        AppCatalog catalog = new AppCatalog(MAPPER);
        String uuid = catalog.list().apps().getFirst().appDefinition().get("uuid").asText();
        try (InputStream shipped = AppCatalog.class.getResourceAsStream(
                "/dev/loupe/server/library/apps/aws-api-gateway-app.json")) {
            assertThat(catalog.content(uuid)).isEqualTo(MAPPER.readTree(shipped));
        }
        assertThat(catalog.content(uuid).path("children")).hasSize(5);
    }
}
