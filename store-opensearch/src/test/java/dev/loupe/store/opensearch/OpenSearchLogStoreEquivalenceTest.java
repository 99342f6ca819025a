package dev.loupe.store.opensearch;

import dev.loupe.store.spi.LogStore;
import dev.loupe.testing.LogStoreEquivalenceSuite;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store equivalence suite on the OpenSearch store over a real node: each test writes under its own index
 * prefix; reopening opens a second store on the same prefix (as another Loupe server would).
 */
@ExtendWith(OpenSearchNodeExtension.class)
class OpenSearchLogStoreEquivalenceTest extends LogStoreEquivalenceSuite {
    private static final AtomicInteger TESTS = new AtomicInteger();
    private OpenSearchSettings settings;

    @BeforeEach
    void connect(OpenSearchNode node) {
        settings = OpenSearchSettings.of(List.of(node.url())).withIndexPrefix("equivalence-" + TESTS.incrementAndGet())
                .withRefreshInterval(Duration.ofMillis(50));
    }

    @Override
    protected LogStore openStore() {
        return OpenSearchLogStore.open(settings);
    }

    @Override
    protected LogStore reopen(LogStore store) {
        store.close();
        return OpenSearchLogStore.open(settings);
    }
}
