package dev.loupe.store.opensearch;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How to reach an OpenSearch cluster and where Loupe keeps its data there.
 *
 * @param urls the nodes' base URLs ({@code http://host:9200} or {@code https://...}); requests go to them in turn,
 *     and a node that cannot be reached is skipped for the next one
 * @param credentials HTTP Basic credentials, when the cluster's security plugin asks for them
 * @param sslContext the TLS trust for {@code https} URLs; empty uses the JDK's default trust store
 * @param indexPrefix the prefix of every index Loupe creates (lower case, e.g. {@code loupe}); two Loupe
 *     deployments on one cluster use different prefixes, several servers of one deployment the same
 * @param requestTimeout how long one request may take before the node counts as unreachable
 * @param refreshInterval the {@code index.refresh_interval} of new indices: an append waits for the next refresh
 *     (so that it is searchable when acknowledged), so this bounds an append's latency; shorter costs the cluster
 *     more segments
 */
public record OpenSearchSettings(List<URI> urls, Optional<Credentials> credentials, Optional<SSLContext> sslContext,
        String indexPrefix, Duration requestTimeout, Duration refreshInterval) {

    /** The prefix used when none is configured. */
    public static final String DEFAULT_INDEX_PREFIX = "loupe";

    public OpenSearchSettings {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one OpenSearch URL is needed");
        }
        for (URI url : urls) {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL of an OpenSearch node: '" + url + "'");
            }
        }
        requireNonNull(credentials, "credentials is null");
        requireNonNull(sslContext, "sslContext is null");
        requireNonNull(indexPrefix, "indexPrefix is null");
        if (!indexPrefix.matches("[a-z0-9][a-z0-9_.-]*")) {
            throw new IllegalArgumentException("an index prefix is lower-case letters, digits, '_', '.' and '-', "
                    + "not starting with a sign: '" + indexPrefix + "'");
        }
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(refreshInterval, "refreshInterval is null");
        if (refreshInterval.toMillis() <= 0) {
            throw new IllegalArgumentException("the refresh interval must be positive: " + refreshInterval);
        }
    }

    /**
     * Plain settings for the given nodes: no credentials, default trust, prefix {@code loupe}, 60 s requests, 1 s
     * refresh interval.
     */
    public static OpenSearchSettings of(List<URI> urls) {
        return new OpenSearchSettings(urls, Optional.empty(), Optional.empty(), DEFAULT_INDEX_PREFIX, Duration.ofSeconds(60),
                Duration.ofSeconds(1));
    }

    /** These settings with another index prefix. */
    public OpenSearchSettings withIndexPrefix(String prefix) {
        return new OpenSearchSettings(urls, credentials, sslContext, prefix, requestTimeout, refreshInterval);
    }

    /** These settings with HTTP Basic credentials. */
    public OpenSearchSettings withCredentials(Credentials basic) {
        return new OpenSearchSettings(urls, Optional.of(basic), sslContext, indexPrefix, requestTimeout, refreshInterval);
    }

    /** These settings trusting TLS peers through {@code context}. */
    public OpenSearchSettings withSslContext(SSLContext context) {
        return new OpenSearchSettings(urls, credentials, Optional.of(context), indexPrefix, requestTimeout, refreshInterval);
    }

    /** These settings with another request timeout. */
    public OpenSearchSettings withRequestTimeout(Duration timeout) {
        return new OpenSearchSettings(urls, credentials, sslContext, indexPrefix, timeout, refreshInterval);
    }

    /** These settings with another refresh interval for new indices. */
    public OpenSearchSettings withRefreshInterval(Duration interval) {
        return new OpenSearchSettings(urls, credentials, sslContext, indexPrefix, requestTimeout, interval);
    }

    /**
     * HTTP Basic credentials for the cluster.
     *
     * @param user the user name
     * @param password the password; never logged or shown
     */
    public record Credentials(String user, String password) {
        public Credentials {
            requireNonNull(user, "user is null");
            requireNonNull(password, "password is null");
        }

        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=***]";
        }
    }
}
