package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.store.opensearch.OpenSearchSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code serve} store flags: parsed into settings, checked, and every store of {@code --store opensearch} on the cluster. */
class StoreOptionsTest {
    @TempDir
    Path folder;

    private static StoreOptions parse(String... arguments) {
        StoreOptions options = new StoreOptions();
        // As LoupeCommand parses: enum values in any case.
        new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(arguments);
        return options;
    }

    @Test
    void opensearchFlagsBecomeSettings() {
        StoreOptions options = parse("--store", "OpenSearch", "--opensearch-url", "http://os-1:9200,https://os-2:9200",
                "--opensearch-index-prefix", "team-a", "--opensearch-user", "loupe", "--opensearch-password", "secret");
        OpenSearchSettings settings = options.settings();
        assertThat(settings.urls()).containsExactly(URI.create("http://os-1:9200"), URI.create("https://os-2:9200"));
        assertThat(settings.indexPrefix()).isEqualTo("team-a");
        assertThat(settings.credentials()).hasValueSatisfying(credentials -> assertThat(credentials.user()).isEqualTo("loupe"));
    }

    @Test
    void wrongCombinationsAreRefused() {
        assertThatThrownBy(() -> parse("--store", "opensearch").openMetricStore(folder))
                .isInstanceOfSatisfying(LoupeException.class, error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_INPUT));
        assertThatThrownBy(() -> parse("--opensearch-url", "http://os-1:9200").openLogStore(folder))
                .isInstanceOfSatisfying(LoupeException.class, error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_INPUT));
        assertThatThrownBy(() -> parse("--store", "opensearch", "--opensearch-url", "http://os-1:9200", "--opensearch-index-prefix", "Upper")
                .settings()).isInstanceOfSatisfying(LoupeException.class, error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    @Test
    void everyStoreOfAnUnreachableClusterIsOverloadedNotTheDataFolder() {
        StoreOptions options = parse("--store", "opensearch", "--opensearch-url", "http://127.0.0.1:1");
        for (Runnable open : List.<Runnable>of(() -> options.openLogStore(folder), () -> options.openMetricStore(folder),
                () -> options.openDatabase(folder))) {
            assertThatThrownBy(open::run).isInstanceOfSatisfying(LoupeException.class,
                    error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.OVERLOADED));
        }
    }
}
