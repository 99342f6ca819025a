package dev.loupe.cli;

import dev.loupe.server.auth.CreatedAccessKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loupe serve}: runs the server on a data folder until stopped. On the first start of a folder it creates
 * an access key and prints it once.
 */
@Command(name = "serve", description = "Run the Loupe server until stopped (Ctrl-C).")
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "loupe-data", description = "Data folder (default: ${DEFAULT-VALUE}).")
    private Path dataDirectory;

    @Override
    public Integer call() throws Exception {
        try (RunningInstance instance = RunningInstance.start(host, port, dataDirectory)) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Loupe is serving " + dataDirectory.toAbsolutePath().normalize());
            out.println("  API:              " + instance.baseUrl() + "/api/v1");
            out.println("  HTTP Source URL:  " + instance.receiverUrl(instance.defaultSource()));
            if (instance.keys().list().isEmpty()) {
                CreatedAccessKey key = instance.keys().createKey("administrator");
                out.println("  Access id:        " + key.accessId());
                out.println("  Access key:       " + key.accessKey() + "   (shown once: keep it)");
            } else {
                out.println("  Access keys:      " + instance.keys().list().size() + " configured");
            }
            out.println("Stop with Ctrl-C.");
            out.flush();
            instance.awaitShutdown();
        }
        return 0;
    }
}
