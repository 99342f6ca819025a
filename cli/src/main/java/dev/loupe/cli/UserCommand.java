package dev.loupe.cli;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.server.auth.Role;
import dev.loupe.server.auth.User;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loupe user create|list}: manages the users of a data folder while no server runs on it (a running
 * server's users are managed through {@code /api/v1/users}). A new user gets a random password, printed once.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage users of a data folder (no server running).")
final class UserCommand {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a user with a random password (printed once).")
    int create(@Option(names = "--name", required = true, paramLabel = "NAME", description = "Sign-in name.") String name,
            @Option(names = "--role", defaultValue = "user", paramLabel = "ROLE",
                    description = "user or administrator (default: ${DEFAULT-VALUE}).") String role,
            @Option(names = "--email", paramLabel = "EMAIL", description = "E-mail address.") String email,
            @Option(names = "--data", defaultValue = "loupe-data", paramLabel = "DIR",
                    description = "Data folder (default: ${DEFAULT-VALUE}).") Path dataDirectory) {
        Role parsedRole;
        try {
            parsedRole = Role.of(role);
        } catch (IllegalArgumentException e) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, e.getMessage(), e);
        }
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try (AdministrationFolder folder = AdministrationFolder.open(dataDirectory)) {
            User user = folder.users().createUser(name, email, parsedRole, password);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Created " + user.role().name().toLowerCase(java.util.Locale.ROOT) + " " + user.name()
                    + " (id " + user.id() + ")");
            out.println("  Password:  " + password + "   (shown once: keep it)");
            out.flush();
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users.")
    int list(@Option(names = "--data", defaultValue = "loupe-data", paramLabel = "DIR",
            description = "Data folder (default: ${DEFAULT-VALUE}).") Path dataDirectory) {
        try (AdministrationFolder folder = AdministrationFolder.open(dataDirectory)) {
            PrintWriter out = spec.commandLine().getOut();
            for (User user : folder.users().users()) {
                out.println(user.id() + "  " + user.role().name().toLowerCase(java.util.Locale.ROOT) + "  " + user.name());
            }
            out.flush();
        }
        return 0;
    }
}
