package dev.loupe.app.lookups;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one source of a {@link ThreatIntelStore} up to date from a URL: fetches it with {@link HttpClient} on a
 * fixed delay (the first fetch right after {@link #start()}), reads it in the format {@link ThreatFeedFormat#detect}
 * finds, and replaces the source, named by the URL. A failed fetch or parse keeps the previous data, is logged and
 * is reported by {@link #lastFailure()}. Thread-safe; {@link #close()} stops the schedule.
 */
public final class ThreatFeedRefresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThreatFeedRefresher.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final ThreatIntelStore store;
    private final URI url;
    private final Duration interval;
    private final HttpClient client;
    private ScheduledExecutorService scheduler;
    private volatile String lastFailure;
    private volatile int lastCount = -1;

    /**
     * @param url an {@code http} or {@code https} URL
     * @param interval the delay between the end of one fetch and the start of the next; at least one second
     * @throws IllegalArgumentException for another scheme or a shorter interval
     */
    public ThreatFeedRefresher(ThreatIntelStore store, URI url, Duration interval) {
        this.store = requireNonNull(store, "store is null");
        this.url = requireNonNull(url, "url is null");
        this.interval = requireNonNull(interval, "interval is null");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("the threat feed URL must be http or https: " + url);
        }
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the threat feed interval must be at least one second: " + interval);
        }
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Starts the schedule; the first refresh runs at once, in the background. Call once. */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("threat-feed-refresh")
                .daemon().factory());
        scheduler.scheduleWithFixedDelay(this::refreshLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Fetches and loads the feed now, on the calling thread.
     *
     * @return the number of indicators loaded
     * @throws IOException when the fetch fails or answers a status other than 200
     * @throws IllegalArgumentException when the body cannot be parsed
     */
    public int refresh() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(
                StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("threat feed " + url + " answered HTTP " + response.statusCode());
        }
        String body = response.body();
        int count = store.load(url.toString(), ThreatFeedFormat.detect(body).parse(body, url.toString()));
        lastCount = count;
        lastFailure = null;
        return count;
    }

    private void refreshLogged() {
        try {
            int count = refresh();
            LOG.info("threat feed {}: {} indicators", url, count);
        } catch (IOException | RuntimeException e) {
            lastFailure = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            LOG.warn("threat feed {} refresh failed; keeping the previous data", url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The feed's URL. */
    public URI url() {
        return url;
    }

    /** The delay between refreshes. */
    public Duration interval() {
        return interval;
    }

    /** Why the latest refresh failed, or null when it succeeded or none ran yet. */
    public String lastFailure() {
        return lastFailure;
    }

    /** The number of indicators of the latest successful refresh, or -1 before the first. */
    public int lastCount() {
        return lastCount;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
