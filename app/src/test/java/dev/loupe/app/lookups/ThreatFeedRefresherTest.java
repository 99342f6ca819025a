package dev.loupe.app.lookups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refreshing the threat store from a feed URL, served by a loopback HTTP server started here. */
class ThreatFeedRefresherTest {
    private final AtomicReference<String> feed = new AtomicReference<>("203.0.113.1\t6\n");
    private HttpServer server;
    private URI url;

    @BeforeEach
    void startFeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/feed.txt", exchange -> {
            byte[] body = feed.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream output = exchange.getResponseBody()) {
                output.write(body);
            }
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed.txt");
    }

    @AfterEach
    void stopFeedServer() {
        server.stop(0);
    }

    @Test
    void refreshLoadsTheFeed() throws Exception {
        ThreatIntelStore store = ThreatIntelStore.empty();
        try (ThreatFeedRefresher refresher = new ThreatFeedRefresher(store, url, Duration.ofHours(1))) {
            assertThat(refresher.refresh()).isEqualTo(1);
        }
        assertThat(store.indicator("203.0.113.1").confidence()).isEqualTo(ThreatConfidence.HIGH);
        assertThat(store.indicator("203.0.113.1").source()).isEqualTo(url.toString());
    }

    @Test
    void scheduledRefreshPicksUpChanges() throws Exception {
        ThreatIntelStore store = ThreatIntelStore.empty();
        try (ThreatFeedRefresher refresher = new ThreatFeedRefresher(store, url, Duration.ofSeconds(1))) {
            refresher.start();
            awaitIndicator(store, "203.0.113.1");
            feed.set("indicator,actor,malicious_confidence\n203.0.113.2,WIZARD SPIDER,high\n");
            awaitIndicator(store, "203.0.113.2");
            assertThat(store.indicator("203.0.113.1")).isNull();
            assertThat(store.indicator("203.0.113.2").actor()).isEqualTo("WIZARD SPIDER");
            assertThat(refresher.lastFailure()).isNull();
        }
    }

    @Test
    void aFailedRefreshKeepsThePreviousData() throws Exception {
        ThreatIntelStore store = ThreatIntelStore.empty();
        try (ThreatFeedRefresher refresher = new ThreatFeedRefresher(store, url, Duration.ofHours(1))) {
            refresher.refresh();
        }
        URI missing = url.resolve("/missing");
        try (ThreatFeedRefresher refresher = new ThreatFeedRefresher(store, missing, Duration.ofHours(1))) {
            assertThatThrownBy(refresher::refresh).isInstanceOf(IOException.class)
                    .hasMessage("threat feed " + missing + " answered HTTP 404");
        }
        assertThat(store.indicator("203.0.113.1")).isNotNull();
    }

    @Test
    void rejectsOtherSchemesAndShortIntervals() {
        ThreatIntelStore store = ThreatIntelStore.empty();
        assertThatThrownBy(() -> new ThreatFeedRefresher(store, URI.create("file:///etc/hosts"), Duration.ofHours(1)))
                .hasMessageContaining("must be http or https");
        assertThatThrownBy(() -> new ThreatFeedRefresher(store, url, Duration.ofMillis(10)))
                .hasMessageContaining("at least one second");
    }

    private static void awaitIndicator(ThreatIntelStore store, String indicator) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (store.indicator(indicator) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the feed's " + indicator + " did not arrive");
            }
            Thread.sleep(50);
        }
    }
}
