package dev.loupe.cli;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.server.auth.CreatedAccessKey;
import dev.loupe.server.auth.User;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loupe key create --user NAME}: creates an access key for a user of a data folder while no server runs
 * on it, and prints the access id and key once (a running server creates keys with {@code POST /api/v1/accessKeys}).
 */
@Command(name = "key", mixinStandardHelpOptions = true, description = "Manage access keys of a data folder (no server running).")
final class KeyCommand {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an access key (printed once).")
    int create(@Option(names = "--user", required = true, paramLabel = "NAME", description = "The user the key acts as.") String userName,
            @Option(names = "--label", defaultValue = "cli", paramLabel = "LABEL",
                    description = "What the key is for (default: ${DEFAULT-VALUE}).") String label,
            @Option(names = "--data", defaultValue = "loupe-data", paramLabel = "DIR",
                    description = "Data folder (default: ${DEFAULT-VALUE}).") Path dataDirectory) {
        try (AdministrationFolder folder = AdministrationFolder.open(dataDirectory)) {
            User user = folder.users().findByName(userName).orElseThrow(() -> new LoupeException(ErrorCode.NOT_FOUND,
                    "there is no user named '" + userName + "'; create one with 'loupe user create --name NAME'"));
            CreatedAccessKey key = folder.users().createKey(user.id(), label);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Created an access key for " + user.name() + "   (shown once: keep it)");
            out.println("  Access id:   " + key.accessId());
            out.println("  Access key:  " + key.accessKey());
            out.flush();
        }
        return 0;
    }
}
