package dev.loupe.cli;

import dev.loupe.server.auth.UserDirectory;
import dev.loupe.server.persistence.Database;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code loupe serve}: runs the server on a data folder until stopped. On the first start of a folder it creates
 * the administrator {@code admin} with a password and an access key, and prints them once.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Loupe server until stopped (Ctrl-C).")
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private ServerOptions server;

    @CommandLine.Mixin
    private StoreOptions storeOptions;

    @Override
    public Integer call() throws Exception {
        try (RunningInstance instance = RunningInstance.start(server.host, server.port, server.dataDirectory,
                new RunningInstance.Options(storeOptions, server.tls(), server.lookupOptions()))) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Loupe is serving " + server.dataDirectory.toAbsolutePath().normalize());
            if (storeOptions.store == StoreOptions.StoreKind.OPENSEARCH) {
                out.println("  Logs in:          OpenSearch " + storeOptions.urls + ", indices " + storeOptions.indexPrefix + "-logs-*");
                out.println("  Metrics in:       OpenSearch " + storeOptions.urls + ", indices " + storeOptions.indexPrefix + "-metrics-*, "
                        + storeOptions.indexPrefix + "-metric-series");
                out.println("  Shared state in:  OpenSearch " + storeOptions.urls + ", index " + storeOptions.indexPrefix
                        + "-state (users, keys, sources, rules, library; copied into " + Database.FILE_NAME + ")");
            }
            out.println("  API:              " + instance.baseUrl() + "/api/v1");
            out.println("  HTTP Source URL:  " + instance.receiverUrl(instance.defaultSource()));
            if (instance.firstAdministrator().isPresent()) {
                UserDirectory.FirstAdministrator administrator = instance.firstAdministrator().get();
                out.println("  Administrator:    " + administrator.user().name() + "   (created now; shown once: keep these)");
                out.println("  Password:         " + administrator.password());
                out.println("  Access id:        " + administrator.key().accessId());
                out.println("  Access key:       " + administrator.key().accessKey());
            } else {
                out.println("  Users:            " + instance.users().users().size() + " configured");
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
