package dev.loupe.store.opensearch;

import dev.loupe.store.spi.metrics.MetricStore;
import dev.loupe.testing.MetricStoreConformanceSuite;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metric store conformance suite on the OpenSearch store over a real node: each test writes under its own index
 * prefix; reopening opens a second store on the same prefix (as another Loupe server would).
 */
@ExtendWith(OpenSearchNodeExtension.class)
class OpenSearchMetricStoreConformanceTest extends MetricStoreConformanceSuite {
    private static final AtomicInteger TESTS = new AtomicInteger();
    private OpenSearchSettings settings;

    @BeforeEach
    void connect(OpenSearchNode node) {
        settings = OpenSearchSettings.of(List.of(node.url())).withIndexPrefix("metrics-conformance-" + TESTS.incrementAndGet())
                .withRefreshInterval(Duration.ofMillis(50));
    }

    @Override
    protected MetricStore openStore() {
        return OpenSearchMetricStore.open(settings);
    }

    @Override
    protected MetricStore reopen(MetricStore store) {
        store.close();
        return OpenSearchMetricStore.open(settings);
    }
}
