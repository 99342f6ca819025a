package dev.loupe.cli;

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
}
