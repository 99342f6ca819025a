package dev.loupe.cli;

import dev.loupe.app.lookups.LookupOptions;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.server.TlsCertificate;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options every command that runs a server shares ({@code serve}, {@code demo}): where to listen, which data
 * folder, and the lookup data beyond what Loupe ships.
 */
final class ServerOptions {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "loupe-data", description = "Data folder (default: ${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain: serve HTTPS instead of HTTP (with --tls-key).")
    Path tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM PKCS#8 private key of --tls-cert.")
    Path tlsKey;

    /**
     * The certificate to serve HTTPS with, or null for plain HTTP.
     *
     * @throws LoupeException {@code INVALID_INPUT} when only one of the two options is given
     */
    TlsCertificate tls() {
        if (tlsCertificate == null && tlsKey == null) {
            return null;
        }
        if (tlsCertificate == null || tlsKey == null) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "--tls-cert and --tls-key go together: give both or neither");
        }
        return new TlsCertificate(tlsCertificate, tlsKey);
    }

    @Option(names = "--geo-city-database", paramLabel = "FILE", description = "A MaxMind-format city database "
            + "(DB-IP Lite City, GeoLite2 City) for city-level geo://location answers; its attribution is shown "
            + "through GET /api/v1/lookups.")
    Path cityDatabase;

    @Option(names = "--threat-file", paramLabel = "FILE", description = "A CSV or STIX 2.1 file of threat indicators "
            + "to load into sumo://threat/cs at start (repeatable).")
    List<Path> threatFiles = new ArrayList<>();

    @Option(names = "--threat-feed", paramLabel = "URL", description = "An http(s) URL of threat indicators (IPsum-style "
            + "list, CSV or STIX 2.1) to load at start and then refresh on a schedule.")
    URI threatFeed;

    @Option(names = "--threat-feed-interval", paramLabel = "DURATION", defaultValue = "24h", description = "Time "
            + "between threat feed refreshes: 90s, 30m, 6h, 1d or ISO-8601 PT6H (default: ${DEFAULT-VALUE}).")
    String threatFeedInterval;

    /** The lookup options: {@link LookupOptions#defaults()} plus what was given. */
    LookupOptions lookupOptions() {
        return new LookupOptions(cityDatabase, threatFiles, threatFeed, duration(threatFeedInterval));
    }

    /** {@code 90s}, {@code 30m}, {@code 6h}, {@code 1d} or an ISO-8601 duration. */
    static Duration duration(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (trimmed.startsWith("p")) {
                return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            }
            long amount = Long.parseLong(trimmed.substring(0, trimmed.length() - 1));
            return switch (trimmed.charAt(trimmed.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException(text);
            };
        } catch (RuntimeException invalid) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "'" + text + "' is not a duration such as 90s, 30m, "
                    + "6h, 1d or PT6H");
        }
    }
}
