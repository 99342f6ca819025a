package dev.loupe.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code loupe demo}: the server on its embedded store with demo data ({@link DemoServer}). The first start of a data
 * folder installs the API Gateway app's field extraction rule and simulates 8 days of an API Gateway fleet (metrics and
 * CloudTrail), the real public CloudTrail samples from {@code ../shared/data/cloudtrail} when that folder is there,
 * creates a demo access key and a web UI password; while it runs every new minute is simulated, so recent time ranges
 * have data.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the server with 8 simulated days of an API Gateway fleet and a live stream until stopped.")
final class DemoCommand implements Callable<Integer> {
    private static final String APP_NAME = DemoServer.APP_NAME;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private ServerOptions server;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (DemoServer demo = DemoServer.start(server.host, server.port, server.dataDirectory,
                new RunningInstance.Options(DataStores.EMBEDDED, server.tls(), server.lookupOptions()), 8, out)) {
            if (demo.firstStart()) {
                out.println("Simulated 8 days (" + demo.simulatedSamples() + " metric samples, " + demo.simulatedMessages()
                        + " CloudTrail events) in " + demo.simulationMillis() + " ms, and loaded " + demo.sampleMessages()
                        + " real CloudTrail sample events.");
            }
            demo.startLiveFeed();
            printBanner(out, demo);
            demo.awaitShutdown();
        }
        return 0;
    }

    private void printBanner(PrintWriter out, DemoServer demo) {
        String base = demo.baseUrl();
        String receiver = demo.receiverUrl();
        String id = demo.accessId();
        String key = demo.accessKey();
        out.println();
        out.println("Loupe demo is running.");
        out.println("  Web UI:           " + base + "/ui/   (sign in as " + demo.userName() + ", password " + demo.password() + ")");
        out.println("  Server / API:     " + base + "   (Search Job API: " + base + "/api/v1/search/jobs)");
        out.println("  HTTP Source URL:  " + receiver);
        out.println("  Access id:        " + id);
        out.println("  Access key:       " + key);
        out.println();
        out.println("Try:");
        out.println("  curl -X POST -H 'X-Sumo-Category: demo/app' --data-binary 'hello from curl' " + receiver);
        out.println("  ./loupe query --server " + base + " --access-id " + id + " --access-key " + key + " 'hello'");
        out.println("  ./loupe query --server " + base + " --access-id " + id + " --access-key " + key
                + " --from -1d '_sourceCategory=aws/observability/cloudtrail/logs | json \"eventSource\", \"eventName\" | count by eventSource, eventName | sort by _count | limit 10'");
        out.println();
        out.println("API Gateway metrics and CloudTrail audit events (8 days, a new minute every minute); the app's field");
        out.println("extraction rule gives CloudTrail events account, region, namespace, apiname and accountid:");
        out.println("  ./loupe query --server " + base + " --access-id " + id + " --access-key " + key
                + " --from -1d 'account=* namespace=aws/apigateway | count by region, apiname'");
        out.println("  ./loupe query --metrics --server " + base + " --access-id " + id + " --access-key " + key
                + " --from -1d 'Namespace=aws/apigateway metric=Count statistic=Sum apiname=* | quantize using sum | sum by apiname'");
        String appFolder = demo.appFolderId();
        if (appFolder != null) {
            out.println();
            out.println("The " + APP_NAME + " app (5 dashboards) is installed in your Personal folder, content id " + appFolder + ":");
            out.println("  curl -u " + id + ":" + key + " " + base + "/api/v2/content/folders/" + appFolder);
            out.println("  curl -u " + id + ":" + key + " '" + base + "/api/v2/dashboards?mode=allViewableByUser'");
        }
        out.println("Stop with Ctrl-C (the data stays in " + server.dataDirectory + ").");
        out.flush();
    }
}
