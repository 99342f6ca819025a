package dev.loupe.cli;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.server.TlsCertificate;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that runs a server shares ({@code serve}, {@code demo}): where to listen, which data folder. */
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
}
