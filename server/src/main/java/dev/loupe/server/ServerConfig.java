package dev.loupe.server;

import static java.util.Objects.requireNonNull;

import dev.loupe.ingest.IngestLimits;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the server needs to know besides its collaborators.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the port to bind; 0 picks a free ephemeral port (see {@link LoupeServer#port()})
 * @param dataDirectory the data folder (the database {@code loupe.mv.db} is opened by the caller)
 * @param ingestLimits limits applied while decoding receiver payloads
 * @param maxRequestBodyBytes the largest receiver request body accepted as sent (compressed); larger gives 413
 * @param searchJobIdleTimeout how long a search job lives without being polled
 * @param maxConcurrentAppends how many receiver requests may be in flight per store (logs; metrics) before
 *     the receivers answer 429
 * @param tls the certificate to serve HTTPS with, on the same host and port instead of plain HTTP; null for
 *     plain HTTP (loopback, or behind a TLS-terminating proxy)
 */
public record ServerConfig(String host, int port, Path dataDirectory, IngestLimits ingestLimits,
        long maxRequestBodyBytes, Duration searchJobIdleTimeout, int maxConcurrentAppends, TlsCertificate tls) {

    /** 64 MiB: the most compressed bytes one receiver request may carry. */
    public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 64L << 20;

    /** 15 minutes without a poll and a search job is gone. */
    public static final Duration DEFAULT_SEARCH_JOB_IDLE_TIMEOUT = Duration.ofMinutes(15);

    /** 64 receiver requests in flight per store: enough to keep the WAL's group commit busy, bounded memory. */
    public static final int DEFAULT_MAX_CONCURRENT_APPENDS = 64;

    /** A configuration with the default {@link #DEFAULT_MAX_CONCURRENT_APPENDS}. */
    public ServerConfig(String host, int port, Path dataDirectory, IngestLimits ingestLimits, long maxRequestBodyBytes,
            Duration searchJobIdleTimeout) {
        this(host, port, dataDirectory, ingestLimits, maxRequestBodyBytes, searchJobIdleTimeout,
                DEFAULT_MAX_CONCURRENT_APPENDS);
    }

    /** A plain-HTTP configuration. */
    public ServerConfig(String host, int port, Path dataDirectory, IngestLimits ingestLimits, long maxRequestBodyBytes,
            Duration searchJobIdleTimeout, int maxConcurrentAppends) {
        this(host, port, dataDirectory, ingestLimits, maxRequestBodyBytes, searchJobIdleTimeout, maxConcurrentAppends,
                null);
    }

    public ServerConfig {
        requireNonNull(host, "host is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(ingestLimits, "ingestLimits is null");
        requireNonNull(searchJobIdleTimeout, "searchJobIdleTimeout is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (maxRequestBodyBytes < 1) {
            throw new IllegalArgumentException("maxRequestBodyBytes must be positive: " + maxRequestBodyBytes);
        }
        if (maxConcurrentAppends < 1) {
            throw new IllegalArgumentException("maxConcurrentAppends must be positive: " + maxConcurrentAppends);
        }
        if (searchJobIdleTimeout.isNegative() || searchJobIdleTimeout.isZero()) {
            throw new IllegalArgumentException("searchJobIdleTimeout must be positive: " + searchJobIdleTimeout);
        }
    }

    /** This configuration serving HTTPS with {@code certificate} (null: plain HTTP). */
    public ServerConfig withTls(TlsCertificate certificate) {
        return new ServerConfig(host, port, dataDirectory, ingestLimits, maxRequestBodyBytes, searchJobIdleTimeout,
                maxConcurrentAppends, certificate);
    }

    /** A configuration with the default limits. */
    public static ServerConfig of(String host, int port, Path dataDirectory) {
        return new ServerConfig(host, port, dataDirectory, IngestLimits.defaults(), DEFAULT_MAX_REQUEST_BODY_BYTES,
                DEFAULT_SEARCH_JOB_IDLE_TIMEOUT);
    }
}
