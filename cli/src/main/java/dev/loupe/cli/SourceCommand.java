package dev.loupe.cli;

import dev.loupe.ingest.SumoFieldsHeader;
import dev.loupe.server.receiver.HttpSource;
import dev.loupe.server.receiver.HttpSourceSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loupe source create|list}: manages the HTTP sources of a data folder while no server runs on it (a
 * running server's sources are managed through {@code /api/v1/collectors/sources}) and prints their receiver URLs.
 */
@Command(name = "source", mixinStandardHelpOptions = true, description = "Manage HTTP sources of a data folder (no server running).")
final class SourceCommand {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an HTTP source and print its URL (X-Sumo-* headers override its defaults).")
    int create(@Option(names = "--name", required = true, paramLabel = "NAME", description = "_source and default _sourceName.") String name,
            @Option(names = "--category", required = true, paramLabel = "CATEGORY", description = "Default _sourceCategory.") String category,
            @Option(names = "--host", paramLabel = "HOST", description = "Default _sourceHost (else the client address).") String host,
            @Option(names = "--fields", paramLabel = "K=V,...", description = "Default custom fields.") String fields,
            @Option(names = "--time-zone", paramLabel = "ZONE", description = "Zone of timestamps without one, e.g. Europe/Berlin (default UTC).") String timeZone,
            @Option(names = "--timestamp-format", paramLabel = "PATTERN", description = "Timestamp pattern at the start of lines, e.g. 'dd/MM/yyyy HH:mm:ss'.") String timestampFormat,
            @Option(names = "--base-url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
                    description = "The server's address, for the printed URL (default: ${DEFAULT-VALUE}).") String baseUrl,
            @Option(names = "--data", defaultValue = "loupe-data", paramLabel = "DIR",
                    description = "Data folder (default: ${DEFAULT-VALUE}).") Path dataDirectory) {
        Map<String, String> defaultFields = fields == null ? Map.of() : SumoFieldsHeader.parse(fields, "--fields");
        try (AdministrationFolder folder = AdministrationFolder.open(dataDirectory)) {
            HttpSource source = folder.sources().createSource(new HttpSourceSettings(name, category, host,
                    defaultFields, timeZone, timestampFormat));
            PrintWriter out = spec.commandLine().getOut();
            out.println("Created HTTP source " + source.name() + " (id " + source.id() + ", category " + source.category() + ")");
            out.println("  URL:  " + url(baseUrl, source));
            out.flush();
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the HTTP sources and their URLs.")
    int list(@Option(names = "--base-url", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
                    description = "The server's address, for the printed URLs (default: ${DEFAULT-VALUE}).") String baseUrl,
            @Option(names = "--data", defaultValue = "loupe-data", paramLabel = "DIR",
                    description = "Data folder (default: ${DEFAULT-VALUE}).") Path dataDirectory) {
        try (AdministrationFolder folder = AdministrationFolder.open(dataDirectory)) {
            PrintWriter out = spec.commandLine().getOut();
            for (HttpSource source : folder.sources().list()) {
                out.println(source.id() + "  " + source.name() + "  " + source.category() + "  " + url(baseUrl, source));
            }
            out.flush();
        }
        return 0;
    }

    private static String url(String baseUrl, HttpSource source) {
        return (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + source.receiverPath();
    }
}
