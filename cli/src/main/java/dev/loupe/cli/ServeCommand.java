package dev.loupe.cli;

import dev.loupe.server.auth.CreatedAccessKey;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code loupe serve}: runs the server on a data folder until stopped. On the first start of a folder it creates
 * an access key and prints it once.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Loupe server until stopped (Ctrl-C).")
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private ServerOptions server;

    @Override
    public Integer call() throws Exception {
        try (RunningInstance instance = RunningInstance.start(server.host, server.port, server.dataDirectory)) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Loupe is serving " + server.dataDirectory.toAbsolutePath().normalize());
            out.println("  API:              " + instance.baseUrl() + "/api/v1");
            out.println("  HTTP Source URL:  " + instance.receiverUrl(instance.defaultSource()));
            if (instance.keys().list().isEmpty()) {
                CreatedAccessKey key = instance.keys().createKey("administrator");
                out.println("  Access id:        " + key.accessId());
                out.println("  Access key:       " + key.accessKey() + "   (shown once: keep it)");
            } else {
                out.println("  Access keys:      " + instance.keys().list().size() + " configured");
            }
            if (instance.collectors().size() > 0) {
                out.println("  Collectors:       " + instance.collectors().size() + " polling AWS (loupe collector list)");
            }
            out.println("Stop with Ctrl-C.");
            out.flush();
            instance.awaitShutdown();
        }
        return 0;
    }
}
