package dev.loupe.server.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpSourceRegistryTest {
    @TempDir
    Path dataDirectory;

    @Test
    void defaultSourceOnFirstStartAndPersistence() {
        HttpSourceRegistry first = HttpSourceRegistry.open(dataDirectory, Clock.systemUTC());
        assertThat(first.list()).singleElement().satisfies(source -> {
            assertThat(source.name()).isEqualTo(HttpSourceRegistry.DEFAULT_SOURCE_NAME);
            assertThat(source.token()).hasSizeGreaterThanOrEqualTo(32).matches("[A-Za-z0-9_-]+");
        });
        HttpSource created = first.createSource("web", "prod/web");
        HttpSourceRegistry reopened = HttpSourceRegistry.open(dataDirectory, Clock.systemUTC());
        assertThat(reopened.list()).hasSize(2);
        assertThat(reopened.findByToken(created.token())).hasValue(created);
        assertThat(reopened.findByToken(created.token() + "x")).isEmpty();
        assertThat(reopened.findByToken(null)).isEmpty();
        assertThat(created.toString()).doesNotContain(created.token());
    }

}
