package dev.loupe.server.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.LoupeException;
import dev.loupe.server.persistence.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpSourceRegistryTest {
    @TempDir
    Path dataDirectory;

    @Test
    void defaultSourceOnFirstStartAndPersistence() {
        HttpSource created;
        try (Database database = Database.open(dataDirectory)) {
            HttpSourceRegistry first = HttpSourceRegistry.open(database, dataDirectory, Clock.systemUTC());
            assertThat(first.list()).singleElement().satisfies(source -> {
                assertThat(source.name()).isEqualTo(HttpSourceRegistry.DEFAULT_SOURCE_NAME);
                assertThat(source.token()).hasSizeGreaterThanOrEqualTo(32).matches("[A-Za-z0-9_-]+");
            });
            created = first.createSource(new HttpSourceSettings("web", "prod/web", "web-1",
                    Map.of("team", "infra", "tier", "front"), "Europe/Berlin", "dd/MM/yyyy HH:mm:ss"));
        }
        try (Database database = Database.open(dataDirectory)) {
            HttpSourceRegistry reopened = HttpSourceRegistry.open(database, dataDirectory, Clock.systemUTC());
            assertThat(reopened.list()).hasSize(2);
            assertThat(reopened.findByToken(created.token())).hasValue(created);
            assertThat(reopened.findByToken(created.token() + "x")).isEmpty();
            assertThat(reopened.findByToken(null)).isEmpty();
            assertThat(created.toString()).doesNotContain(created.token());
            assertThat(reopened.deleteSource(created.id())).isTrue();
            assertThat(reopened.findByToken(created.token())).isEmpty();
        }
    }

    @Test
    void invalidZonesAndFormatsAreRefused() {
        try (Database database = Database.open(dataDirectory)) {
            HttpSourceRegistry registry = HttpSourceRegistry.open(database, dataDirectory, Clock.systemUTC());
            assertThatThrownBy(() -> registry.createSource(new HttpSourceSettings("a", "b", null, Map.of(),
                    "Mars/Olympus", null))).isInstanceOf(LoupeException.class).hasMessageContaining("time zone");
            assertThatThrownBy(() -> registry.createSource(new HttpSourceSettings("a", "b", null, Map.of(), null,
                    "yyyy-MM-dd {{"))).isInstanceOf(LoupeException.class).hasMessageContaining("timestamp format");
        }
    }

    @Test
    void legacyHttpSourcesJsonIsImportedWithItsTokens() throws Exception {
        String token = "legacyTokenAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        Files.writeString(dataDirectory.resolve("http-sources.json"), "{\"sources\":[{\"name\":\"old\",\"category\":"
                + "\"legacy/cat\",\"token\":\"" + token + "\",\"createdMillis\":7}]}", StandardCharsets.UTF_8);
        try (Database database = Database.open(dataDirectory)) {
            HttpSourceRegistry registry = HttpSourceRegistry.open(database, dataDirectory, Clock.systemUTC());
            assertThat(registry.list()).as("no default source: the imported one is there").singleElement()
                    .satisfies(source -> {
                        assertThat(source.name()).isEqualTo("old");
                        assertThat(source.category()).isEqualTo("legacy/cat");
                        assertThat(source.createdMillis()).isEqualTo(7);
                    });
            assertThat(registry.findByToken(token)).isPresent();
        }
        assertThat(dataDirectory.resolve("http-sources.json")).doesNotExist();
        assertThat(dataDirectory.resolve("http-sources.json.migrated")).exists();
    }
}
